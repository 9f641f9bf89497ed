"""Every page of the site in every state a reader can see, on the fixture content.

The states follow sitebuild/render.py's PAGES: a page listed there that has no
states here is still checked, as it looks when it has loaded.
"""

from expected import content
from reader import answer_by_keyboard, page_data, quiz_restored, show_result_for

from sitebuild.render import PAGES

DATA = content()
IDS = [s["id"] for s in DATA["statements"]]


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
    quiz_restored(page)
    assert page.locator("#resumed-note").is_visible()


def quiz_review(page, base_url):
    page.goto(base_url + "quiz.html")
    answer_by_keyboard(page, full_answers().values())
    assert page.locator("#review").is_visible()


def result_own(page, base_url):
    """The reader's own result: answers saved on this device, no code in the address."""
    show_result_for(page, base_url, full_answers(), len(IDS))
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
    codes = [
        result_link(page, base_url, answers).split("#", 1)[1]
        for answers in (full_answers(), {i: 5 for i in IDS}, {i: 2 for i in IDS})
    ]
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
    page.goto(base_url + "team.html")
    data = page_data(page)
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
