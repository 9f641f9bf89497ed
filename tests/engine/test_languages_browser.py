"""One site in two languages, in Chromium: saved progress carries over when the reader
switches language mid-quiz, and the team report on the English page reads a French team's
export. The site is the engine fixture with its French translation (tests/forks/fr.yaml,
the fixture's ids in French) in fr/, as the pipeline lays it out: fr/'s pages use the
shared ../static/, and every page links the other language (hreflang). Until the pipeline
writes them itself, this module adds the two things it will: the hreflang links, and
texts.json from sitebuild/languages.py."""

import json
import shutil

import pytest

from expected import content
from reader import answer_by_keyboard, fill, page_data
from sitebuild.languages import TEXTS_FILE, match_texts
from sitebuild.render import fingerprint
from support import FIXTURE, ROOT, build_site, serve
from team_exports import EXPORTS, FRENCH
from test_team_browser import NAMES, SHOWN, expected_rows, make_report

ENGLISH = content(FIXTURE)
IDS = [s["id"] for s in ENGLISH["statements"]]
UI_FR = content(FRENCH)["ui"]
PAGES = ("quiz.html", "result.html", "team.html")


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    """The base URL of the two-language site."""
    folder = tmp_path_factory.mktemp("languages")
    site = build_site(FIXTURE, folder / "_site")
    french = build_site(FRENCH, folder / "fr-alone")
    (site / "fr").mkdir()
    for name in PAGES:
        html = (french / name).read_text(encoding="utf-8").replace("=static/", "=../static/")
        (site / "fr" / name).write_text(html, encoding="utf-8")
    for path, code, other in ((site / "team.html", "fr", "fr/team.html"), (site / "fr" / "team.html", "en", "../team.html")):
        html = path.read_text(encoding="utf-8")
        assert html.count("<meta charset=utf-8>") == 1
        path.write_text(html.replace("<meta charset=utf-8>", f"<meta charset=utf-8><link rel=alternate hreflang={code} href={other}>"), encoding="utf-8")
    languages = [ENGLISH, content(FRENCH), content(ROOT / "tests" / "forks" / "ar.yaml")]
    (site / TEXTS_FILE).write_text(json.dumps(match_texts(languages)), encoding="utf-8")
    shutil.rmtree(french)
    server, url = serve(site)
    yield url
    server.shutdown()


def test_the_translation_keeps_the_fingerprint():
    assert fingerprint(content(FRENCH)) == fingerprint(ENGLISH)


def test_progress_and_results_saved_in_one_language_are_the_others(page, root):
    page.goto(root + "quiz.html")
    answer_by_keyboard(page, [5, 4, 3])
    page.goto(root + "fr/quiz.html")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("#resumed-note").text_content() == fill(UI_FR["resumed"], current=4, total=len(IDS))
    assert page.locator(f"#q-{IDS[3]}").is_visible()
    assert [page.locator(f"#{IDS[i]}-{value}").is_checked() for i, value in enumerate([5, 4, 3])] == [True] * 3
    answer_by_keyboard(page, [2])
    page.goto(root + "quiz.html")
    assert page.locator(f"#q-{IDS[4]}").is_visible() and page.locator(f"#{IDS[3]}-2").is_checked()
    data = page_data(page)
    keys = page.evaluate("() => Object.keys(localStorage)")
    assert keys == [data["storagePrefix"] + data["fingerprint"] + ":progress"]
    # The result of those answers, in either language, is the same one result kept once.
    scores = []
    for folder in ("", "fr/", ""):
        page.goto(root + folder + "result.html")
        page.locator("#result").wait_for(state="visible")
        scores.append(page.evaluate("""() => [document.getElementById("result").dataset.score,
          ...[...document.querySelectorAll("td.you")].map((cell) => cell.dataset.score)]"""))
        assert page.locator("#shared-note").is_hidden()
    assert scores[0] == scores[1] == scores[2] and any(scores[0])
    history = page.evaluate("([key]) => JSON.parse(localStorage.getItem(key))", [data["storagePrefix"] + data["fingerprint"] + ":history"])
    assert len(history) == 1


def test_the_english_team_page_reads_a_french_teams_export(page, root):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url.rsplit("/", 1)[-1]))
    page.goto(root + "team.html")
    make_report(page, path=EXPORTS / "microsoft-forms-fr.xlsx")
    assert page.is_hidden("#team-error")
    shown = page.evaluate(SHOWN)
    for dimension in NAMES:
        assert shown[dimension] == expected_rows(dimension), dimension
    assert fetched.count(TEXTS_FILE) == 1
