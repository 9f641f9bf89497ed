"""WCAG 2.2 AA in the real browser, on every page and state in light and dark
(a11y.py says how axe-core runs without touching the page's CSP)."""

import pytest

from a11y import FOCUS_PROBLEMS, HEADING_PROBLEMS, MOTION, TARGET_PROBLEMS, axe_violations
from states import IDS, page_states, quiz_first, result_not_enough, result_own, result_shared

STATES = list(page_states())
SCHEMES = ["light", "dark"]


each_state = pytest.mark.parametrize("state", [setup for _, setup in STATES], ids=[name for name, _ in STATES])


@each_state
def test_axe_finds_no_violation(page, base_url, axe_source, state):
    """In light, then in dark: the colours differ, so contrast is checked in both."""
    state(page, base_url)
    found = {}
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
        found[scheme] = axe_violations(page, axe_source)
    assert found == {scheme: [] for scheme in SCHEMES}


def test_axe_reports_what_it_should(page, base_url, axe_source):
    """The harness itself: a planted image without alt text and a low-contrast line are found."""
    quiz_first(page, base_url)
    page.evaluate("""() => {
      const img = document.createElement("img");
      img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
      document.querySelector("h1").after(img);
      document.querySelector("h1").style.color = "#f4f4f4";
    }""")
    found = {line.split(" ")[0] for line in axe_violations(page, axe_source)}
    assert {"image-alt", "color-contrast"} <= found


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


def tab_through(page):
    """Tab from the top of the page to its end; the focus problems at every stop."""
    page.evaluate(
        "() => { document.activeElement.blur(); window.getSelection().removeAllRanges(); window.__stops = []; }"
    )
    stops, problems = 0, []
    for _ in range(200):
        page.keyboard.press("Tab")  # a real key press: a script's synthetic Tab moves no focus
        found = page.evaluate(NEXT_STOP)
        if found is None:
            break
        stops += 1
        problems += found
    else:
        pytest.fail("Tab never reached the end of the page")
    assert stops >= 4  # skip link, site name and the nav links at the least
    return problems


@each_state
def test_every_tab_stop_shows_its_focus(page, base_url, state):
    """At each stop a ring of 2 px or more, 3:1 against what is around it, wholly on
    screen and under nothing; in light and in dark."""
    state(page, base_url)
    found = {}
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        found[scheme] = tab_through(page)
    assert found == {scheme: [] for scheme in SCHEMES}


@each_state
def test_targets_headings_and_motion(page, base_url, state):
    """Targets of 24 px on a phone and a laptop, one h1 and no skipped heading level,
    and nothing moving for a reader who asked for less motion."""
    page.emulate_media(reduced_motion="reduce")
    state(page, base_url)
    found = {"moving": page.evaluate(MOTION), "headings": page.evaluate(HEADING_PROBLEMS)}
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        found[f"targets at {width} px"] = page.evaluate(TARGET_PROBLEMS)
    assert found == {key: [] for key in found}


def test_motion_check_sees_motion_when_allowed(page, base_url):
    """Without the preference the result's bars do slide in, so the check above can fail."""
    page.emulate_media(reduced_motion="no-preference")
    result_own(page, base_url)
    assert any("bar" in line or "html" in line for line in page.evaluate(MOTION))


def test_progress_is_announced(page, base_url):
    quiz_first(page, base_url)
    progress = page.locator("#progress")
    assert progress.get_attribute("aria-live") == "polite"
    before = progress.text_content()
    page.keyboard.press("2")
    page.keyboard.press("Enter")
    assert progress.text_content() != before  # a live region that changes is read out


@pytest.mark.parametrize("answers", ["all", "too few"])
def test_result_is_announced(page, base_url, answers):
    """Whatever the verdict, the element saying it sits in a live region."""
    (result_shared if answers == "all" else result_not_enough)(page, base_url)
    verdict = "#overall-score" if answers == "all" else "#not-enough"
    assert page.locator(verdict).evaluate("el => el.closest('[aria-live]')?.getAttribute('aria-live')") == "polite"
    assert page.locator(verdict).text_content().strip()


def test_error_summary_takes_focus_and_names_the_problem(page, base_url):
    quiz_first(page, base_url)
    page.keyboard.press("Tab")  # keyboard use, so focus rings show
    page.locator("#next").press("Enter")
    summary = page.locator("#error-summary")
    assert summary.evaluate("el => el === document.activeElement")
    assert page.evaluate(FOCUS_PROBLEMS) == []
    assert page.locator(f"#q-{IDS[0]}").get_attribute("aria-describedby") == f"{IDS[0]}-error"
