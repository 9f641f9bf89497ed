"""What a fork's author relies on, in a real browser.

- Markup in questions.yaml never runs and never becomes live HTML. The check refuses it
  (tests/broken/injection-*), so here the site is rendered from injected content with the
  check skipped, to show the second line of defence: escaping and the sanitizer.
- The site works under a sub-path, as on https://USER.github.io/REPO/, and from disk.
- The preview of `make serve` reloads the open tab by itself, and shows a broken edit.
"""

import random
import shutil

import pytest

import build
from sitebuild.pipeline import checked_content
from support import FIXTURE, serve
from expected import content, expected_result
from reader import answer_by_keyboard, quiz_restored
from sitebuild.render import PAGES, render_pages
from sitebuild.write import write_site

DATA = content()
IDS = [s["id"] for s in DATA["statements"]]

# Each tries to run code, in every way HTML allows; a dialog or a global means it ran.
PLAIN_ATTACK = (
    '<script>alert("script")</script><img src=x onerror=alert("img")>'
    '<iframe src="javascript:alert(1)"></iframe><a href="javascript:alert(2)">link</a>'
    '<svg onload=alert("svg")></svg>'
)
MARKDOWN_ATTACK = (
    "<script>window.pwned = true; alert('story')</script>\n\n"
    "<img src=x onerror=\"alert('img')\">\n\n"
    "[a link](javascript:alert('link')) and <a href=\"javascript:alert('a')\">another</a>\n\n"
    "<iframe srcdoc=\"<script>parent.alert('frame')</script>\"></iframe>\n\n"
    '<p onmouseover="alert(\'p\')" style="position:fixed;inset:0">cover</p>\n'
)
# Live HTML that any of the attacks would leave behind, as a DOM query.
LIVE_MARKUP = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attribute of el.attributes) {
      if (attribute.name.startsWith("on")) found.push(el.tagName + "[" + attribute.name + "]");
      if (attribute.name === "srcdoc") found.push(el.tagName + "[srcdoc]");
      if (/^\\s*javascript:/i.test(attribute.value)) found.push(el.tagName + "[" + attribute.name + "=javascript:]");
    }
  }
  // A style element but the page's own, the only one in its head (its CSP names it by hash).
  const elements = "iframe, frame, img, object, embed, style:not(head > style:only-of-type), base, form:not(#quiz)";
  for (const el of document.querySelectorAll(elements)) {
    found.push(el.tagName);
  }
  for (const script of document.scripts) {
    const data = script.type === "application/json" && script.id === "sci-data";
    if (!data && !/\\/static\\/(js|joined)\\/[a-z+-]+\\.js$/.test(script.src)) found.push("SCRIPT " + script.outerHTML.slice(0, 60));
  }
  return found;
}"""


def test_the_live_markup_query_finds_live_markup(page):
    page.set_content(
        '<style>p{}</style><p onclick="1">a</p><a href=" JavaScript:void(0)">b</a><iframe></iframe><style>a{}</style>'
        "<script>0</script>"
    )
    assert page.evaluate(LIVE_MARKUP) == [
        "P[onclick]",
        "A[href=javascript:]",
        "IFRAME",
        "STYLE",
        "SCRIPT <script>0</script>",
    ]


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    """The real content with markup put into statements, the story, a dimension's name,
    a band and a button label, rendered with the check skipped."""
    loaded, problems = checked_content(FIXTURE, build.read_schema())
    assert problems.errors == []
    data = loaded.data
    data["statements"][0]["text"] = PLAIN_ATTACK
    data["statements"][1]["text"] = "Before " + PLAIN_ATTACK + " after"
    data["story"]["moments"][0]["body"] = MARKDOWN_ATTACK
    data["story"]["lead"] = MARKDOWN_ATTACK
    data["dimensions"][0]["name"] = PLAIN_ATTACK
    data["dimensions"][0]["advice"]["low"] = MARKDOWN_ATTACK
    for band in data["bands"]:
        band["title"] = PLAIN_ATTACK
        band["next_steps"] = MARKDOWN_ATTACK
    data["ui"]["result_title"] = "</script><script>alert('ui')</script>"
    out = tmp_path_factory.mktemp("injected") / "_site"
    write_site(render_pages(data, build.read_schema(), build.TEMPLATES, build.STATIC), build.STATIC, out)
    return out


@pytest.fixture
def dialogs(page):
    """Every alert, confirm or prompt the page tries to open (there must be none)."""
    opened = []
    page.on("dialog", lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
    return opened


def complete_quiz(page, start, answers):
    """From the story page at `start`: start, answer each statement (by keyboard, in one call),
    see the result; the links and buttons by mouse."""
    page.goto(start)
    page.locator('a.button[href="quiz.html"]').click()
    page.wait_for_url("**/quiz.html")
    answer_by_keyboard(page, [answers[statement_id] for statement_id in IDS])
    page.locator("#see-result").click()
    page.wait_for_url("**/result.html#*")
    page.locator("#result").wait_for(state="visible")


def shown_result(page):
    root = page.locator("#result")
    return int(root.get_attribute("data-score")), int(root.get_attribute("data-band"))


def test_injected_markup_never_runs_nor_becomes_html(page, dialogs, injected_site):
    server, base = serve(injected_site)
    try:
        page.goto(base + "index.html")
        assert page.evaluate(LIVE_MARKUP) == []
        assert page.evaluate("window.pwned") is None
        story = page.locator("article.story").inner_text()
        assert "alert(" not in story  # the sanitizer removed the script, not just disabled it
        assert "a link" in story and "another" in story  # the links' words stay, as text

        page.goto(base + "quiz.html")
        assert page.evaluate(LIVE_MARKUP) == []
        legend = page.locator(f"#q-{IDS[0]} legend")
        assert legend.inner_text() == PLAIN_ATTACK  # shown as typed: text, not markup
        assert legend.locator("*").count() == 0

        answers = {statement_id: 1 for statement_id in IDS}  # the lowest band, with its advice
        complete_quiz(page, base + "index.html", answers)
        assert page.evaluate(LIVE_MARKUP) == []
        assert (
            page.locator("#result").inner_text().count(PLAIN_ATTACK) >= 1
        )  # the band title and the dimension, as text
        assert page.evaluate("window.pwned") is None
        assert dialogs == []
    finally:
        server.shutdown()


@pytest.fixture
def under_a_sub_path(site, tmp_path):
    """The built site served at http://127.0.0.1:PORT/repo/, as GitHub Pages serves a fork."""
    shutil.copytree(site, tmp_path / "root" / "repo")
    server, base = serve(tmp_path / "root")
    yield base + "repo/"
    server.shutdown()


def test_the_site_works_under_a_sub_path(page, under_a_sub_path):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    rng = random.Random(5)
    answers = {statement_id: rng.randint(1, 5) for statement_id in IDS}
    complete_quiz(page, under_a_sub_path, answers)
    expected = expected_result(DATA, answers)
    assert shown_result(page) == (expected["overall"], expected["band"])
    # Every request and every link of every page stays inside /repo/.
    assert requested and all(url.startswith(under_a_sub_path) for url in requested), requested
    for page_file in PAGES:
        page.goto(under_a_sub_path + page_file.output)
        hrefs = page.evaluate("[...document.querySelectorAll('a[href], link[href]')].map(a => a.href)")
        assert all(h.startswith((under_a_sub_path, "data:")) for h in hrefs), (page_file.output, hrefs)


def test_the_site_works_from_disk(page, site):
    start = (site / "index.html").as_uri()
    rng = random.Random(8)
    answers = {statement_id: rng.randint(1, 5) for statement_id in IDS}
    complete_quiz(page, start, answers)
    assert page.url.startswith(site.as_uri() + "/result.html#")
    expected = expected_result(DATA, answers)
    assert shown_result(page) == (expected["overall"], expected["band"])
    # Pages on disk cannot read advice.html: each weakest dimension's name links to it instead.
    links = page.locator("#advice-list .advice h3 a")
    assert links.count() == 2 and page.locator("#advice-list li").count() == 0
    assert all(
        href.startswith("advice.html#")
        for href in links.evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
    )
    # Back on the quiz from disk, the answers were kept (localStorage works from file://).
    page.goto((site / "quiz.html").as_uri())
    quiz_restored(page)
    assert page.locator("#review").is_visible()


def test_the_preview_tab_reloads_itself_and_shows_a_broken_edit(page, tmp_path):
    from test_serve import Server, copy_project, edit

    preview = Server(copy_project(tmp_path / "project"))
    try:
        questions = preview.project / "questions.yaml"
        page.goto(preview.url)
        assert page.locator("h1").inner_text() == DATA["story"]["title"]

        edit(questions, f"  title: {DATA['story']['title']}\n", "  title: Edited while you watch\n")
        page.locator("h1", has_text="Edited while you watch").wait_for(timeout=30_000)

        edit(questions, "  title: Edited while you watch\n", "  title: [Edited\n")
        page.locator("#build-messages").wait_for(timeout=30_000)
        assert "questions.yaml:" in page.locator("#build-messages").inner_text()

        edit(questions, "  title: [Edited\n", "  title: Fixed again\n")
        page.locator("h1", has_text="Fixed again").wait_for(timeout=30_000)
        page.close()  # before the server stops, so no request of the page fails
    finally:
        preview.stop()
