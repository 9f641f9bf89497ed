"""A reader's hands and eyes on the built site, for any questions.yaml: answering by
keyboard, saving answers as the quiz would, and reading what the result page shows.

Every expectation comes from the content (`data`) the caller passes; the page's own
hooks (ids, data-score attributes) are the engine's, shared by every site it builds.
"""

import json

from sitebuild.render import fill

# Playwright puts its selector engine, a large script, into each new document the first time
# a locator or a wait_for_* works on it: about 55 ms of CPU (renderer, browser and driver)
# more than a page.evaluate, half as much as loading the page. So the helpers below, which
# most tests call on a page just loaded, read and wait with page.evaluate alone, as do the
# tests that load many pages in a row.


def wait_until(page, condition, timeout=30_000):
    """Waits in the page until `condition`, a JavaScript expression, is true: checked at
    once, then every 20 ms, as a locator's wait_for would; an error after `timeout` ms."""
    page.evaluate(
        f"""(timeout) => new Promise((resolve, reject) => {{
          const end = performance.now() + timeout;
          const check = () => {{
            try {{
              if ({condition}) return resolve();
            }} catch (error) {{
              return reject(error);  // a condition that throws would otherwise be checked forever
            }}
            if (performance.now() > end) reject(new Error("timed out waiting for " + {json.dumps(condition)}));
            else setTimeout(check, 20);
          }};
          check();
        }})""",
        timeout,
    )


def wait_until_visible(page, element_id):
    """Waits until the element with this id is VISIBLE, as a locator's
    wait_for(state="visible") would."""
    wait_until(page, f"({VISIBLE})(document.getElementById({json.dumps(element_id)}))")


def click(page, selector):
    """A reader's click, with the mouse, in the middle of the element `selector` matches,
    scrolled into view: a locator's click without the selector engine. It does not check,
    as a locator's click does, that nothing covers the element: a covered link is not
    followed, and the test's wait for the page it leads to fails instead."""
    middle = page.evaluate(
        """(selector) => {
          const element = document.querySelector(selector);
          element.scrollIntoView({block: "center", behavior: "instant"});
          const box = element.getBoundingClientRect();
          return [box.x + box.width / 2, box.y + box.height / 2];
        }""",
        selector,
    )
    page.mouse.click(*middle)


def page_data(page):
    return json.loads(page.evaluate('document.getElementById("sci-data").textContent'))


def storage_key(page, kept="progress"):
    """The localStorage key under which the site keeps `kept` ("progress" or "history")."""
    data = page_data(page)
    return data["storagePrefix"] + data["fingerprint"] + ":" + kept


def quiz_restored(page):
    """Waits for quiz.js to put in the saved answers and place, which it does after the
    first paint (quiz.css draws the page until then) or at the reader's first key or click."""
    wait_until(page, 'document.querySelector("#quiz[data-stepping]")')


def answer_by_keyboard(page, values):
    """Each value's number key (0 is "not sure"), then Enter to move on. keyboard.type
    presses the key of each character as keyboard.press does ("\n" is Enter), in one call."""
    page.keyboard.type("".join(f"{value}\n" for value in values))


def keep_progress(page, answers, position):
    """Put answers in storage as the quiz would (the page must be one of the site's)."""
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [storage_key(page), json.dumps({"answers": answers, "position": position})],
    )


def show_result_for(page, base_url, answers, position):
    """Put answers in storage as the quiz would, then open the result page."""
    page.goto(base_url + "quiz.html")
    keep_progress(page, answers, position)
    page.goto(base_url + "result.html")


# Visible as Playwright's is_visible() and :visible judge it: rendered (checkVisibility),
# visibility "visible", and a box of some width and height.
VISIBLE = """(el) => el.checkVisibility() && getComputedStyle(el).visibility === "visible" &&
  el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0"""

# Everything read_result checks, read in one call rather than one round trip per cell.
RESULT_SHOWN = f"""() => {{
  const visible = {VISIBLE};
  const root = document.getElementById("result");
  const cells = {{}};
  document.querySelectorAll("tr[data-dimension] td.you").forEach((cell) => {{
    cells[cell.closest("tr").dataset.dimension] = {{
      value: cell.querySelector(".value").textContent,
      score: cell.getAttribute("data-score"),
    }};
  }});
  const bands = [...document.querySelectorAll(".band")].filter(visible);
  return {{
    cells,
    overall: root.getAttribute("data-score"),
    band: root.getAttribute("data-band"),
    bandTitles: bands.map((band) => band.querySelector(".band-title").textContent),
    overallScore: document.getElementById("overall-score")?.textContent ?? null,
    notEnoughShown: Boolean(document.getElementById("not-enough")) && visible(document.getElementById("not-enough")),
  }};
}}"""


def read_result(page, data):
    """What the result page shows, in the oracle's shape (expected.expected_result):
    the overall score, the band and every dimension's score; it also checks that the
    band's title and the score sentence shown are the file's own."""
    page.wait_for_url("**/result.html*")
    wait_until_visible(page, "result")
    read = page.evaluate(RESULT_SHOWN)
    shown = {}
    for dimension in data["dimensions"]:
        cell = read["cells"][dimension["id"]]
        text = cell["value"]
        shown[dimension["id"]] = None if text == data["ui"]["not_enough_answers"] else int(text)
        assert cell["score"] == ("" if shown[dimension["id"]] is None else text)
    overall, band = read["overall"], read["band"]
    result = {"dimensions": shown, "overall": int(overall) if overall else None, "band": int(band) if band else None}
    if result["band"] is not None:
        assert read["bandTitles"] == [data["bands"][result["band"]]["title"]]  # one band shown, the file's
        assert read["overallScore"] == fill(data["ui"]["score_out_of"], score=overall)
    else:
        assert read["bandTitles"] == []
        assert read["notEnoughShown"]
    return result
