"""Accessibility checks both halves of the suite run in the page: axe-core and the
in-page checks for focus, targets, headings and motion (the keyboard walks use them too).

axe-core comes from npm (pinned in package-lock.json; `make test` runs npm ci). The
page's CSP (script-src 'self') stays on and untouched: the test server (support.serve)
serves axe at AXE_PATH beside each site, so a page loads it as a file of its own site,
from the browser's cache after the first time, where Chromium keeps it compiled (half a
megabyte to parse on every page otherwise). A page from anywhere else gets it through
page.evaluate, which Chromium runs through DevTools and not as page script.
"""

from pathlib import Path

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_PATH = "/.tests/axe.min.js"  # where support.serve serves AXE
SERVED_WITH_AXE = set()  # the base URLs of those servers
# Loads axe as the page's own script, and leaves the page's markup as it was.
LOAD_AXE = """(src) => {
  const script = document.head.appendChild(Object.assign(document.createElement("script"), {src}));
  return new Promise((resolve, reject) => { script.onload = resolve; script.onerror = reject; })
    .finally(() => script.remove());
}"""
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page, axe_source, colours_only=False):
    """axe's violations on the page as it is now, one readable line per failing node; with
    colours_only, of the rules that read colours alone (axe's "cat.color" among TAGS).

    axe is put into a document once (about half a megabyte to parse, as long as a run
    of it): a second check of the same document, in dark after light, reuses it."""
    if not page.evaluate("typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        served = next((url for url in SERVED_WITH_AXE if page.url.startswith(url)), None)
        if served:
            page.evaluate(LOAD_AXE, served.rstrip("/") + AXE_PATH)
        else:
            page.evaluate(axe_source)
    violations = page.evaluate(
        """async ([tags, coloursOnly]) => {
          const only = coloursOnly
            ? {type: "rule", values: axe.getRules(tags).filter((r) => r.tags.includes("cat.color")).map((r) => r.ruleId)}
            : {type: "tag", values: tags};
          // Only the violations are read: axe then gives passes and the rest one node each,
          // and works out no selector for the thousands of nodes that pass.
          const result = await axe.run(document, {runOnly: only, resultTypes: ["violations"]});
          return result.violations.flatMap((v) => v.nodes.map((n) =>
            v.id + " (" + v.impact + ") at " + n.target.join(" ") + ": " + n.failureSummary));
        }""",
        [TAGS, colours_only],
    )
    return violations


def color_scheme(page, scheme, **media):
    """Emulate a colour scheme (and any other media feature given), and check the page sees it."""
    page.emulate_media(color_scheme=scheme, **media)
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")


def axe_in_light_and_dark(page, axe_source):
    """{check: problems} of axe in light and in dark.

    Dark is the same page in other colours (style.css changes custom properties of colour
    only): in dark, axe runs the rules that read colours, unless the dark scheme moved,
    resized, showed or hid anything, when it runs them all again. "dark changes" lists
    what it changed, for a reader of the failure; it is not a failure in itself."""
    color_scheme(page, "light")
    found = {"axe in light": axe_violations(page, axe_source)}
    page.evaluate(REMEMBER_LAYOUT)
    color_scheme(page, "dark")
    changes = page.evaluate(LAYOUT_CHANGES)
    found["axe in dark"] = axe_violations(page, axe_source, colours_only=not changes)
    return found, changes


# --- Checks run inside the page; each returns a list of problems, empty when all is well --

# The name of an element in a problem: its tag, id and first words.
NAME = """(el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
  " '" + (el.textContent || el.value || "").trim().slice(0, 30) + "'"
"""

# The focused element's ring: WCAG 2.4.7 (focus visible) and 1.4.11 (the ring's contrast).
RING_PROBLEMS = """(el, name) => {
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
  return problems;
}"""

# WCAG 2.4.7, 2.4.11 (focus not obscured) and 1.4.11 for the focused element, where the
# page comes to rest: its ring, and the element wholly on screen and under nothing.
FOCUS_PROBLEMS = (
    """
async () => {
  const el = document.activeElement;
  if (!el || el === document.body) return ["nothing has focus"];
  // Moving focus may start a smooth scroll: judge where the page comes to rest. Only
  // scroll-behavior: smooth on the element or a box around it (the root, for the page)
  // makes the scroll of a focus move smooth; otherwise it is done before focus returns.
  // And focus scrolls only to an element not wholly inside the page's scrollport (less
  // its scroll-padding): one already there is where it rests, with no frame to wait for.
  // One outside it rests once the page has moved and then held still for three frames; on a
  // busy machine the scroll may start some frames after the focus, so an unmoved page with
  // the element still outside is not yet at rest. Two seconds at most either way. Three
  // still frames can still come mid-scroll on a busy machine (the compositor moves the page
  // while the main thread sees it stand): test_accessibility's walks scroll at once instead.
  let smooth = false;
  for (let box = el; box && !smooth; box = box.parentElement) smooth = getComputedStyle(box).scrollBehavior === "smooth";
  const root = getComputedStyle(document.documentElement);
  const padding = (side) => parseFloat(root["scrollPadding" + side]) || 0;
  const inside = () => {
    const at = el.getBoundingClientRect();
    return at.top >= padding("Top") && at.bottom <= innerHeight - padding("Bottom") &&
      at.left >= padding("Left") && at.right <= innerWidth - padding("Right");
  };
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const at = () => scrollX + "," + scrollY, start = at();
  for (let still = 0, last = start, i = 0; smooth && i < 120 && !(i === 0 && inside()) &&
      (still < 3 || (at() === start && !inside())); i += 1) {
    await frame();
    still = last === at() ? still + 1 : 0;
    last = at();
  }
  const name = ("""
    + NAME.strip()
    + """)(el);
  const problems = ("""
    + RING_PROBLEMS
    + """)(el, name);
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
)

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

# Where every element is and whether it shows, remembered in light and compared in dark:
# if the colour scheme changes nothing but colours, the checks that do not read colours
# (most of axe, Tab order, where focus lands) find in dark what they found in light.
LAYOUT = """
() => [...document.querySelectorAll("*")].map((el) => {
  const box = el.getBoundingClientRect();
  const shows = el.checkVisibility({opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true});
  return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " at " +
    [box.left + scrollX, box.top + scrollY, box.width, box.height].map((v) => v.toFixed(1)).join(",") +
    (shows ? "" : " hidden");
})
"""
REMEMBER_LAYOUT = "() => { window.__layout = (" + LAYOUT.strip() + ")(); }"
LAYOUT_CHANGES = (
    """() => {
  const now = ("""
    + LAYOUT.strip()
    + """)(), before = window.__layout;
  if (now.length !== before.length) return [before.length + " elements in light, " + now.length + " in dark"];
  return now.flatMap((place, i) => place === before[i] ? [] : [before[i] + " in light, " + place + " in dark"]);
}"""
)

# After each Tab, in one call: is focus on an element not met before, and if so, its focus
# problems (None once focus is back on the body or on an element already met: the end).
NEXT_STOP = (
    """async () => {
  const el = document.activeElement;
  if (!el || el === document.body || window.__stops.includes(el)) return null;
  window.__stops.push(el);
  return await ("""
    + FOCUS_PROBLEMS.strip()
    + """)();
}"""
)

# The stops of the last Tab walk again, in one call, in other colours: each focused by
# script, its ring checked. Where the stops are and what covers them is the walk's
# finding (the colours move nothing: LAYOUT_CHANGES), so focus does not scroll to them,
# and nothing waits for a smooth scroll. After keyboard use Chromium shows the ring on
# script focus too: it is still :focus-visible, which the ring check asks.
EVERY_RING_AGAIN = (
    """() => {
  const problems = [];
  for (const el of window.__stops) {
    el.focus({preventScroll: true});
    const name = ("""
    + NAME.strip()
    + """)(el);
    if (document.activeElement !== el) problems.push(name + ": takes no focus");
    else problems.push(...("""
    + RING_PROBLEMS
    + """)(el, name));
  }
  return problems;
}"""
)
