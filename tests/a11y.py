"""Accessibility checks both halves of the suite run in the page: axe-core and the
in-page checks for focus, targets, headings and motion (the keyboard walks use them too).

axe-core comes from npm (pinned in package-lock.json; `make test` runs npm ci). It is
run with page.evaluate, which Chromium executes through DevTools and not as page
script, so the page's CSP (script-src 'self') stays on and untouched: a script tag
would be inline script, blocked by the CSP, and the `page` fixture would rightly fail
on the violation.
"""

from pathlib import Path

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page, axe_source):
    """axe's violations on the page as it is now, one readable line per failing node.

    axe is put into a document once (about half a megabyte to parse, as long as a run
    of it): a second check of the same document, in dark after light, reuses it."""
    if not page.evaluate("typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        page.evaluate(axe_source)
    violations = page.evaluate(
        """async (tags) => {
          const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
          return result.violations.flatMap((v) => v.nodes.map((n) =>
            v.id + " (" + v.impact + ") at " + n.target.join(" ") + ": " + n.failureSummary));
        }""",
        TAGS,
    )
    return violations


# --- Checks run inside the page; each returns a list of problems, empty when all is well --

# WCAG 2.4.7 (focus visible), 2.4.11 (focus not obscured) and 1.4.11 (the ring's contrast).
FOCUS_PROBLEMS = """
async () => {
  // Moving focus may start a smooth scroll: judge where the page comes to rest.
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  for (let still = 0, last = null, i = 0; still < 3 && i < 120; i += 1) {
    await frame();
    still = last === scrollY ? still + 1 : 0;
    last = scrollY;
  }
  const el = document.activeElement;
  if (!el || el === document.body) return ["nothing has focus"];
  const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    " '" + (el.textContent || el.value || "").trim().slice(0, 30) + "'";
  const problems = [];
  const style = getComputedStyle(el);
  if (!el.matches(":focus-visible")) problems.push(name + ": not :focus-visible");
  if (style.outlineStyle === "none" || parseFloat(style.outlineWidth) < 2) {
    problems.push(name + ": no focus outline of 2px or more (" + style.outlineStyle + " " + style.outlineWidth + ")");
  }
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => [r, g, b]
    .map((v) => v / 255).map((v) => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  let behind = el.parentElement, background = null;
  while (behind) {  // the ring sits outside the element, on its nearest opaque background
    const colour = rgb(getComputedStyle(behind).backgroundColor);
    if (colour.length === 3 || colour[3] === 1) { background = colour; break; }
    behind = behind.parentElement;
  }
  background = background || rgb(getComputedStyle(document.documentElement).backgroundColor);
  if (background.length === 4 && background[3] === 0) background = [255, 255, 255];
  const [a, b] = [luminance(rgb(style.outlineColor)), luminance(background)];
  const contrast = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  if (contrast < 3) problems.push(name + ": focus ring contrast " + contrast.toFixed(2) + ":1 is below 3:1");
  const box = el.getBoundingClientRect();
  const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
  if (box.width === 0 || box.height === 0) problems.push(name + ": has no box");
  else if (bottom - top < Math.min(box.height, innerHeight) - 1 || box.left < 0 || box.right > innerWidth + 1) {
    problems.push(name + ": not wholly on screen " + JSON.stringify([box.left, box.top, box.right, box.bottom]));
  } else {
    const hit = document.elementFromPoint(box.left + box.width / 2, (top + bottom) / 2);
    const ours = hit && (hit === el || el.contains(hit) || hit.contains(el) || (hit.control && hit.control === el));
    if (!ours) problems.push(name + ": covered by " + (hit ? hit.tagName.toLowerCase() + "." + hit.className : "nothing"));
  }
  return problems;
}
"""

# WCAG 2.5.8: targets of at least 24 by 24 CSS pixels, except links inside a sentence.
TARGET_PROBLEMS = """
() => {
  const targets = document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [tabindex]:not([tabindex='-1'])");
  const problems = [];
  for (const el of targets) {
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    const box = el.getBoundingClientRect();
    if (box.width >= 23.99 && box.height >= 23.99) continue;
    const inSentence = el.tagName === "A" && getComputedStyle(el).display === "inline" &&
      el.parentElement.textContent.trim().length > el.textContent.trim().length;
    if (!inSentence) {
      problems.push(el.tagName.toLowerCase() + " '" + el.textContent.trim().slice(0, 30) + "' is " +
        box.width.toFixed(1) + " x " + box.height.toFixed(1));
    }
  }
  return problems;
}
"""

# One h1, and no heading more than one level below the one before it.
HEADING_PROBLEMS = """
() => {
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6, [role=heading]")]
    .filter((h) => h.checkVisibility({visibilityProperty: true}) && !h.closest("[aria-hidden=true]"))
    .map((h) => [Number(h.getAttribute("aria-level") || h.tagName.slice(1)), h.textContent.trim().slice(0, 40)]);
  const problems = [];
  const ones = headings.filter(([level]) => level === 1).length;
  if (ones !== 1) problems.push(ones + " h1 headings, not one");
  if (headings.length && headings[0][0] !== 1) problems.push("the first heading is not the h1: " + headings[0][1]);
  headings.forEach(([level, text], i) => {
    if (i && level > headings[i - 1][0] + 1) problems.push("h" + level + " '" + text + "' follows h" + headings[i - 1][0]);
  });
  return problems;
}
"""

# Anything that moves: transitions, animations and smooth scrolling.
MOTION = """
() => {
  const moving = [];
  for (const el of [document.documentElement, ...document.querySelectorAll("*")]) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      const durations = (style.transitionDuration + "," + style.animationDuration).split(",").map(parseFloat);
      if (durations.some((d) => d > 0) || style.animationName !== "none") {
        moving.push(el.tagName.toLowerCase() + "." + el.className + (pseudo || "") + ": " +
          style.transitionProperty + " " + style.transitionDuration + " / " + style.animationName);
      }
    }
  }
  if (getComputedStyle(document.documentElement).scrollBehavior === "smooth") moving.push("html: smooth scrolling");
  return moving;
}
"""
