"""A reader's path through the site built from a questions.yaml, in Chromium: the quiz
by keyboard to a result that equals the oracle's, both ends of the scale in the end
bands, and every page clean under axe with nothing left unfilled.

The `page` fixture fails a test on any console error, CSP violation or request that
leaves the site's origin.
"""

import random
import re

from a11y import axe_violations
import html

from expected import direction, expected_advice, expected_result, extreme_answers, points
from sitebuild.markdown import render_markdown
from sitebuild.render import fill, site_values
from reader import answer_by_keyboard, page_data, read_result, show_result_for


def answers_to_give(data, seed):
    """A rating for every statement, "not sure" (0) now and then when the scale has it."""
    rng = random.Random(seed)
    rated = list(range(1, points(data) + 1))
    unsure = [0] if data["scale"].get("not_sure") else []
    return {
        s["id"]: rng.choice(unsure) if unsure and rng.random() < 0.1 else rng.choice(rated) for s in data["statements"]
    }


def label_of(data, value):
    return data["scale"]["not_sure"] if value == 0 else data["scale"]["labels"][value - 1]


def test_the_quiz_by_keyboard_scores_as_the_oracle(page, base_url, data):
    total = len(data["statements"])
    answers = answers_to_give(data, seed=len(data["statements"]))
    page.goto(base_url + "quiz.html")
    progress = page.locator("#progress")
    # The number key picks the answer (1 to n, 0 "not sure"), Enter moves on; the progress
    # line is read at the start, after a step and at the last statement.
    values = list(answers.values())
    answered = 0
    for number in sorted({1, 2, total}):
        answer_by_keyboard(page, values[answered : number - 1])
        answered = number - 1
        assert progress.text_content() == fill(data["ui"]["progress"], current=number, total=total)
    answer_by_keyboard(page, values[answered:])
    assert page.locator("#review").is_visible()
    for statement_id, value in answers.items():
        assert page.locator(f'[data-answer="{statement_id}"]').text_content() == label_of(data, value)
    # Tab on from the review's heading to "See my result" (through the Change links), then Enter.
    see_result = page.locator("#see-result")
    for _ in range(3 * total + 10):
        if see_result.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("Tab")
    assert see_result.evaluate("el => el === document.activeElement"), "Tab never reached See my result"
    page.keyboard.press("Enter")
    result = read_result(page, data)
    assert result == expected_result(data, answers)
    assert shown_advice(page) == [
        (i, fill(data["ui"]["score_out_of"], score=result["dimensions"][i]), advice_words(data, i, level))
        for i, level in expected_advice(data, result["dimensions"])
    ]


def words(text):
    """The text without its spaces: the minified page has none between list items."""
    return "".join(text.split())


def advice_words(data, dimension_id, level):
    """The words of a dimension's advice at a level, as the file's Markdown renders them."""
    dimension = next(d for d in data["dimensions"] if d["id"] == dimension_id)
    text = str(render_markdown(dimension["advice"][level])[0])
    text = fill(text, **site_values(data))
    return words(html.unescape(re.sub(r"<[^>]+>", " ", text)))


def shown_advice(page):
    """[(dimension id, score shown, words of the advice)] of "Where to start", in order,
    once advice.html has been read into it."""
    articles = page.locator("#advice-list .advice")
    articles.last.locator("ul, ol, p").first.wait_for()
    shown = []
    for index in range(articles.count()):
        article = articles.nth(index)
        link = article.locator("h3 a")
        dimension_id = link.get_attribute("href").split("#", 1)[1]
        body = article.evaluate("""(el) => [...el.children].filter((c) => c.tagName !== "H3" && c !== el.lastElementChild)
                                     .map((c) => c.textContent).join(" ")""")
        shown.append((dimension_id, article.locator("h3 .value").text_content(), words(body)))
    return shown


# Which end label of the spectrum the "you" marker stands nearer to, on screen: in a
# right-to-left page the whole spectrum mirrors, so the asset end is on the left.
MARKER_NEARER = """() => {
  const centre = (el) => { const box = el.getBoundingClientRect(); return box.left + box.width / 2; };
  const marker = centre(document.querySelector("#spectrum-marker"));
  const [liability, asset] = [...document.querySelectorAll("#spectrum .ends span")].map(centre);
  return Math.abs(marker - asset) < Math.abs(marker - liability) ? "asset" : "liability";
}"""


def test_the_ends_of_the_scale_land_in_the_end_bands(page, base_url, data):
    for end, score, band in [("asset", 100, len(data["bands"]) - 1), ("liability", 0, 0)]:
        show_result_for(page, base_url, extreme_answers(data, end), len(data["statements"]))
        result = read_result(page, data)
        assert (result["overall"], result["band"]) == (score, band), end
        assert page.evaluate(MARKER_NEARER) == end  # the marker and the end it means agree


# A {name} the site should have filled in, left in what the reader sees.
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def test_every_page_passes_axe_and_shows_its_words_filled_in(page, base_url, site, data, axe_source):
    """Each page as it loads, and the result page with a result on it, in the file's direction."""
    names = sorted(path.name for path in site.glob("*.html"))
    show_result_for(page, base_url, answers_to_give(data, seed=1), len(data["statements"]))
    # The result page with a result on it, last: the answers are in storage, so result.html
    # as it loads shows them, and is visited once unless the page's address has changed since.
    visits = [base_url + name for name in names if base_url + name != page.url] + [page.url]
    found = {}
    for url in visits:
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.dir || 'ltr'") == direction(data), url
        assert PLACEHOLDER.findall(page.evaluate("document.body.innerText")) == [], url
        found[url] = axe_violations(page, axe_source)
    assert found == {url: [] for url in visits}
    assert page_data(page)["fingerprint"]  # the data the scripts read was there to read
