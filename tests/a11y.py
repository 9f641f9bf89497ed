"""Every page of the site in every state a reader can see, and the in-page checks
that the accessibility tests run on each (the keyboard walk in test_quiz_browser.py
uses them too).

The states follow sitebuild/render.py's PAGES: a page listed there that has no
states here is still checked, as it looks when it has loaded.
"""

import json
from pathlib import Path

from expected import content

from sitebuild.render import PAGES

DATA = content()
IDS = [s["id"] for s in DATA["statements"]]
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def answer_by_keyboard(page, values):
    for value in values:
        page.keyboard.press(str(value))
        page.keyboard.press("Enter")


def result_link(page, base_url, answers):
    """result.html#CODE for these answers, coded by the page's own indicator.js."""
    page.goto(base_url + "result.html")
    code = page.evaluate("(answers) => SCI.encodeAnswers(SCI.readData(document), answers)", answers)
    page.goto("about:blank")  # so the next goto loads the page, not just its #fragment
    return base_url + "result.html#" + code


def full_answers():
    return {statement_id: [4, 2, 5, 1, 3, 0][i % 6] for i, statement_id in enumerate(IDS)}


# --- The states: each brings a fresh page to it and checks that it got there -------------

def story(page, base_url):
    page.goto(base_url + "index.html")


def quiz_first(page, base_url):
    page.goto(base_url + "quiz.html")
    assert page.locator(f"#q-{IDS[0]}").is_visible()


def quiz_middle(page, base_url):
    page.goto(base_url + "quiz.html")
    middle = len(IDS) // 2
    answer_by_keyboard(page, [3] * middle)
    assert page.locator(f"#q-{IDS[middle]}").is_visible()


def quiz_error(page, base_url):
    page.goto(base_url + "quiz.html")
    page.locator("#next").click()
    assert page.locator("#error-summary").is_visible()


def quiz_resumed(page, base_url):
    page.goto(base_url + "quiz.html")
    answer_by_keyboard(page, [4, 4, 0])
    page.reload()
    assert page.locator("#resumed-note").is_visible()


def quiz_review(page, base_url):
    page.goto(base_url + "quiz.html")
    answer_by_keyboard(page, full_answers().values())
    assert page.locator("#review").is_visible()


def result_own(page, base_url):
    """The reader's own result: answers saved on this device, no code in the address."""
    page.goto(base_url + "quiz.html")
    data = json.loads(page.locator("#sci-data").text_content())
    key = data["storagePrefix"] + data["fingerprint"] + ":progress"
    page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                  [key, json.dumps({"answers": full_answers(), "position": len(IDS)})])
    page.goto(base_url + "result.html")
    assert page.locator("#overall-score").is_visible()


def result_shared(page, base_url):
    """A result opened from a link on another device: nothing saved here."""
    page.goto(result_link(page, base_url, full_answers()))
    assert page.locator("#overall-score").is_visible()


def result_not_enough(page, base_url):
    page.goto(result_link(page, base_url, {IDS[0]: 4, IDS[1]: 0}))
    assert page.locator("#not-enough").is_visible()


def result_empty(page, base_url):
    page.goto(base_url + "result.html")
    assert page.locator("#result-empty").is_visible()


def result_bad_link(page, base_url):
    page.goto(base_url + "result.html#1.0000.garbled")
    assert page.locator("#link-problem").is_visible()


def compare_empty(page, base_url):
    page.goto(base_url + "compare.html")
    assert page.locator("#lines").is_visible()


def compare_error(page, base_url):
    page.goto(base_url + "compare.html")
    page.locator("#compare").click()
    assert page.locator("#compare-error").is_visible()


def compare_group(page, base_url):
    """Three people, one line that is not a result: the comparison and the lines left out."""
    codes = [result_link(page, base_url, answers).split("#", 1)[1]
             for answers in (full_answers(), {i: 5 for i in IDS}, {i: 2 for i in IDS})]
    page.goto(base_url + "compare.html")
    page.locator("#lines").fill(f"CEO: {codes[0]}\nAE West, {codes[1]}\n{codes[2]}\nnot a result")
    page.locator("#compare").click()
    assert page.locator("#comparison").is_visible() and page.locator("#problems").is_visible()


def team_kits(page, base_url):
    page.goto(base_url + "team.html")
    assert page.locator("#team-file").is_visible()


def team_error(page, base_url):
    page.goto(base_url + "team.html")
    page.locator("#team-read").click()
    page.locator("#team-error").wait_for()  # the report's code loads on this first click


def team_report(page, base_url):
    """Result links with a role each: a large group, a small (hidden) one, one left out."""
    data = json.loads(page.goto(base_url + "team.html") and page.locator("#sci-data").text_content())
    roles = [role["label"] for role in data["roles"]]
    code = result_link(page, base_url, full_answers()).split("#", 1)[1]
    lines = [f"{roles[-1]}: {code}"] * (data["minGroupSize"] + 1) + [f"{roles[0]}: {code}", f"Board: {code}"]
    page.goto(base_url + "team.html")
    page.locator("#team-paste").fill("\n".join(lines))
    page.locator("#team-read").click()
    page.locator("#team-report").wait_for()
    assert page.locator("#team-unmatched").is_visible()
    page.locator(".skip-link").focus()  # tab checks then walk the whole page, report included


STATES = {
    "index.html": [story],
    "quiz.html": [quiz_first, quiz_middle, quiz_error, quiz_resumed, quiz_review],
    "result.html": [result_own, result_shared, result_not_enough, result_empty, result_bad_link],
    "compare.html": [compare_empty, compare_error, compare_group],
    "team.html": [team_kits, team_error, team_report],
}


def page_states():
    """(id, function) for every state of every page in PAGES."""
    for page in PAGES:
        setups = STATES.get(page.output)
        if setups is None:
            def as_loaded(page_, base_url, output=page.output):
                page_.goto(base_url + output)
            setups = [as_loaded]
        for setup in setups:
            yield f"{page.output}:{setup.__name__}", setup


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
