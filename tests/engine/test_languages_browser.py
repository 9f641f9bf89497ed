"""One site in three languages (the engine fixture with tests/fixtures/i18n/, as the build
lays it out), in Chromium: saved progress and results carry over when the reader switches
language, and the team report on the English page reads a French team's export through
texts.json."""

from expected import content
from reader import answer_by_keyboard, quiz_restored, storage_key
from sitebuild.languages import TEXTS_FILE
from sitebuild.render import fill, fingerprint
from support import FIXTURE
from team_exports import EXPORTS, FRENCH
from test_team_browser import NAMES, SHOWN, expected_rows, make_report

ENGLISH = content(FIXTURE)
IDS = [s["id"] for s in ENGLISH["statements"]]


def test_the_translation_keeps_the_fingerprint():
    assert fingerprint(content(FRENCH)) == fingerprint(ENGLISH)


def test_progress_and_results_saved_in_one_language_are_the_others(page, i18n_url, i18n_contents):
    root, ui_fr = i18n_url, i18n_contents["fr"]["ui"]
    page.goto(root + "quiz.html")
    answer_by_keyboard(page, [5, 4, 3])
    page.goto(root + "fr/quiz.html")
    quiz_restored(page)
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("#resumed-note").text_content() == fill(ui_fr["resumed"], current=4, total=len(IDS))
    assert page.locator(f"#q-{IDS[3]}").is_visible()
    assert [page.locator(f"#{IDS[i]}-{value}").is_checked() for i, value in enumerate([5, 4, 3])] == [True] * 3
    answer_by_keyboard(page, [2])
    page.goto(root + "quiz.html")
    quiz_restored(page)
    assert page.locator(f"#q-{IDS[4]}").is_visible() and page.locator(f"#{IDS[3]}-2").is_checked()
    keys = page.evaluate("() => Object.keys(localStorage)")
    assert keys == [storage_key(page)]
    # The result of those answers, in either language, is the same one result kept once.
    scores = []
    for folder in ("", "fr/", ""):
        page.goto(root + folder + "result.html")
        page.locator("#result").wait_for(state="visible")
        scores.append(
            page.evaluate("""() => [document.getElementById("result").dataset.score,
          ...[...document.querySelectorAll("td.you")].map((cell) => cell.dataset.score)]""")
        )
        assert page.locator("#shared-note").is_hidden()
    assert scores[0] == scores[1] == scores[2] and any(scores[0])
    history = page.evaluate("([key]) => JSON.parse(localStorage.getItem(key))", [storage_key(page, "history")])
    assert len(history) == 1


def test_the_english_team_page_reads_a_french_teams_export(page, i18n_url):
    root = i18n_url
    fetched = []
    page.on("request", lambda request: fetched.append(request.url.rsplit("/", 1)[-1]))
    page.goto(root + "team.html")
    make_report(page, path=EXPORTS / "microsoft-forms-fr.xlsx")
    assert page.is_hidden("#team-error")
    shown = page.evaluate(SHOWN)
    for dimension in NAMES:
        assert shown[dimension] == expected_rows(dimension), dimension
    assert fetched.count(TEXTS_FILE) == 1
