"""WCAG 2.2 AA in the real browser, on every page and state in light and dark
(a11y.py says how axe-core runs without touching the page's CSP)."""

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from a11y import (
    EVERY_RING_AGAIN,
    FOCUS_PROBLEMS,
    HEADING_PROBLEMS,
    LAYOUT_CHANGES,
    MOTION,
    NEXT_STOP,
    REMEMBER_LAYOUT,
    TARGET_PROBLEMS,
    axe_in_light_and_dark,
    axe_violations,
    color_scheme,
)
from states import IDS, page_states, quiz_first, result_not_enough, result_own, result_shared

STATES = list(page_states())


@pytest.mark.parametrize("state", [setup for _, setup in STATES], ids=[name for name, _ in STATES])
def test_every_state_passes_every_check(page, base_url, axe_source, state):
    """Each state reached once (some take twenty answers by keyboard), then every check on it:

    - nothing moving for a reader who asked for less motion, one h1 and no skipped heading level;
    - axe in light, then in dark: the colours differ, so contrast is checked in both;
    - Tab from the top of the page to its end: at each stop a ring of 2 px or more, 3:1
      against what is around it, wholly on screen and under nothing; in light and in dark;
    - targets of 24 px on a laptop and a phone.

    Dark changes only colours (a11y.axe_in_light_and_dark checks that it moved nothing):
    so in dark axe runs its colour rules, and the rings of the walk's stops are checked
    again in one call, not by a second walk. If dark did move something, both are done
    in full again.

    All of it with reduced motion, so focus scrolls at once: smooth scrolling, a reader's
    without the preference, comes to rest at the same place
    (test_smooth_scrolling_rests_where_instant_scrolling_puts_each_stop), and waiting for
    it took half a second at each stop off screen."""
    page.emulate_media(reduced_motion="reduce")  # before the page loads, as for such a reader
    state(page, base_url)
    found = {"moving": page.evaluate(MOTION), "headings": page.evaluate(HEADING_PROBLEMS)}
    axe, dark_changes = axe_in_light_and_dark(page, axe_source)
    found.update(axe)
    color_scheme(page, "light")
    found["focus in light"] = tab_through(page)
    color_scheme(page, "dark")
    found["focus in dark"] = tab_through(page) if dark_changes else page.evaluate(EVERY_RING_AGAIN)
    color_scheme(page, "light")
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        found[f"targets at {width} px"] = page.evaluate(TARGET_PROBLEMS)
    assert found == {key: [] for key in found}, f"dark changes: {dark_changes}"


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
    colours = {line.split(" ")[0] for line in axe_violations(page, axe_source, colours_only=True)}
    assert colours == {"color-contrast"}  # the dark pass: colour rules, and only those


# A sheet the page's CSP allows (built through the CSSOM, not a style attribute).
PLANT_SHEET = """(rules) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(rules);
  document.adoptedStyleSheets = [sheet];
}"""


def test_the_focus_checks_find_what_they_should(page, base_url):
    """The harness itself. The walk in light (no frames waited: this page does not scroll
    smoothly) finds a link pushed off screen and a button under something else; the rings
    checked again in dark are found faint where only dark makes them so, a change of colour alone;
    and a change in dark that moves something is seen, so that everything runs again."""
    quiz_first(page, base_url)
    page.evaluate("""() => {
      const brand = document.querySelector("a.brand");
      brand.id = "planted-off-screen";
      brand.style.position = "absolute";
      brand.style.left = "-10000px";
      const next = document.querySelector("#next"), box = next.getBoundingClientRect();
      const cover = document.createElement("div");
      cover.id = "planted-cover";
      Object.assign(cover.style, {position: "absolute", background: "white", left: box.left + scrollX + "px",
        top: box.top + scrollY + "px", width: box.width + "px", height: box.height + "px"});
      document.body.append(cover);
    }""")
    page.evaluate(
        PLANT_SHEET,
        "@media (prefers-color-scheme: dark) { :focus-visible { outline-color: var(--background) !important; } }",
    )
    color_scheme(page, "light", reduced_motion="no-preference")
    light = tab_through(page)
    assert any(p.startswith("a#planted-off-screen ") and "not wholly on screen" in p for p in light), light
    assert any(p.startswith("button#next ") and "covered by div" in p for p in light), light
    assert not any("contrast" in p for p in light), light
    page.evaluate(REMEMBER_LAYOUT)
    color_scheme(page, "dark")
    assert page.evaluate(LAYOUT_CHANGES) == []
    dark = page.evaluate(EVERY_RING_AGAIN)
    assert len([p for p in dark if "focus ring contrast" in p]) >= 4, dark  # each stop, in its own colours
    assert not any("not :focus-visible" in p or "takes no focus" in p for p in dark), dark  # focused by script
    color_scheme(page, "light")
    page.evaluate(REMEMBER_LAYOUT)
    page.evaluate(PLANT_SHEET, "@media (prefers-color-scheme: dark) { h1 { margin-top: 5rem; } }")
    color_scheme(page, "dark")
    assert any(p.startswith("h1 at ") for p in page.evaluate(LAYOUT_CHANGES))


# Focus on nothing, so that Tab starts from the top; no stop met yet.
START_WALK = "() => { document.activeElement.blur(); window.getSelection().removeAllRanges(); window.__stops = []; }"


def tab_through(page, places=None):
    """Tab from the top of the page to its end; the focus problems at every stop (which
    stay in window.__stops, for EVERY_RING_AGAIN). With a list as `places`, each stop's
    place at rest is added to it: how far the page was scrolled, and the stop's problems."""
    page.evaluate(START_WALK)
    stops, problems = 0, []
    for _ in range(200):
        page.keyboard.press("Tab")  # a real key press: a script's synthetic Tab moves no focus
        found = page.evaluate(NEXT_STOP)
        if found is None:
            break
        if places is not None:
            places.append((page.evaluate("[scrollX, scrollY]"), found))
        stops += 1
        problems += found
    else:
        pytest.fail("Tab never reached the end of the page")
    assert stops >= 4  # skip link, site name and the nav links at the least
    return problems


def test_smooth_scrolling_rests_where_instant_scrolling_puts_each_stop(page, base_url):
    """The walks above scroll at once (reduced motion). The result page scrolls smoothly for
    a reader without that preference (result.css): after each Tab there, the page comes to
    rest (its scrollend) where the walk with instant scrolling put that stop, with the same
    findings. Waiting for that place, not for frames in which nothing moved, is what holds
    on a busy machine: there the main thread can see a smooth scroll stand still for
    frames while the compositor still moves it."""
    result_own(page, base_url)
    color_scheme(page, "light", reduced_motion="reduce")
    page.reload()  # each walk from the top of a new page: Tab goes on from where the last left it
    instant = []
    tab_through(page, instant)
    assert len({tuple(scrolled) for scrolled, _ in instant}) > 2  # the page moves under Tab
    color_scheme(page, "light", reduced_motion="no-preference")
    page.reload()
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"
    page.evaluate(START_WALK)
    page.evaluate(TRACK_SCROLLING)
    for number, (scrolled, problems) in enumerate(instant, start=1):
        page.keyboard.press("Tab")
        with contextlib.suppress(PlaywrightTimeoutError):  # then the assertion says where it rested
            page.wait_for_function(AT_REST_AT, arg=scrolled, timeout=10_000)
        rested = page.evaluate("[scrollX, scrollY]"), page.evaluate(NEXT_STOP)
        assert rested == (scrolled, problems), f"stop {number}"


# Whether the page is scrolling: from its first scroll event to its scrollend.
TRACK_SCROLLING = """() => {
  window.__scrolling = false;
  document.addEventListener("scroll", () => { window.__scrolling = true; });
  document.addEventListener("scrollend", () => { window.__scrolling = false; });
}"""
AT_REST_AT = "([x, y]) => !window.__scrolling && scrollX === x && scrollY === y"


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
