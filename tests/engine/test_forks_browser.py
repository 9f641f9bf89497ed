"""What forks change, in Chromium, on forks of the engine fixture (tests/variants.py):
scales of 2 to 7 points with and without "not sure", right to left, keyboards whose top
row types other characters than digits, and a review of 200 statements on a phone."""

import math

import pytest

import build
import variants
from a11y import axe_violations
from expected import exact_dimension_scores, expected_result
from reader import keep_progress, quiz_restored
from sitebuild.render import fill, text_direction

SEVEN = ["Not at all", "Hardly", "A little", "Partly", "Mostly", "Largely", "Completely"]
FOUR = ["Strongly disagree", "Disagree", "Agree", "Strongly agree"]
# The top row of a French AZERTY keyboard without Shift: what each digit key types.
AZERTY = {1: "&", 2: "é", 3: '"', 4: "'", 5: "(", 6: "-", 7: "è", 8: "_", 9: "ç", 0: "à"}


def store_answers(page, base_url, answers, position):
    """Answers saved as the quiz saves them, then the quiz opened at `position`."""
    page.goto(base_url + "quiz.html")
    keep_progress(page, answers, position)
    page.reload()
    quiz_restored(page)


def shown_result(page, data):
    page.wait_for_url("**/result.html#*")
    page.locator("#result").wait_for(state="visible")
    dimensions = {
        d["id"]: int(page.locator(f'tr[data-dimension="{d["id"]}"] td.you .value').text_content())
        for d in data["dimensions"]
    }
    return {"dimensions": dimensions, "overall": int(page.locator("#result").get_attribute("data-score"))}


def press_physical(page, cdp, digit, typed, pad=False):
    """A key press as a keyboard sends it: `typed` is what the layout makes of the key
    that carries `digit` in a US layout (Digit0-9), or on the number pad (Numpad0-9)."""
    code = f"Numpad{digit}" if pad else f"Digit{digit}"
    for kind in ("keyDown", "keyUp"):
        cdp.send(
            "Input.dispatchKeyEvent",
            {
                "type": kind,
                "key": typed,
                "code": code,
                "text": typed if kind == "keyDown" and len(typed) == 1 else "",
                "windowsVirtualKeyCode": (96 if pad else 48) + digit,
            },
        )


# --- Right to left -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, direction",
    [
        ("he", "rtl"),
        ("he-IL", "rtl"),
        ("ar", "rtl"),
        ("ar-EG", "rtl"),
        ("fa", "rtl"),
        ("ur-PK", "rtl"),
        ("az-Arab", "rtl"),
        ("en", "ltr"),
        ("fr-CA", "ltr"),
        ("ar-Latn", "ltr"),
        ("hr", "ltr"),
    ],
)
def test_direction_follows_the_language(language, direction):
    assert text_direction({"language": language}) == direction


def test_site_direction_overrides_the_language():
    assert text_direction({"language": "he", "direction": "ltr"}) == "ltr"
    assert text_direction({"language": "en", "direction": "rtl"}) == "rtl"


def test_right_to_left_result_reads_mirrored(page, fork_url, axe_source):
    """In Hebrew the spectrum runs from liability on the right to asset on the left, and
    the marker for a high score sits toward the asset end, where the asset colour is."""
    data = variants.hebrew()
    url = fork_url("hebrew", data)
    # Every statement at the asset end but one dimension at the middle: a high score, not 100.
    middle = data["dimensions"][0]["id"]
    answers = {s["id"]: 3 if s["dimension"] == middle else (1 if s.get("reverse") else 5) for s in data["statements"]}
    store_answers(page, url, answers, len(answers))
    page.locator("#see-result").click()
    expected = expected_result(data, answers)
    assert shown_result(page, data) == {"dimensions": expected["dimensions"], "overall": expected["overall"]}
    assert page.evaluate("document.documentElement.dir") == "rtl"
    box = lambda selector: page.locator(selector).first.bounding_box()  # noqa: E731
    track, marker = box("#spectrum .track"), box("#spectrum-marker")
    centre = marker["x"] + marker["width"] / 2
    assert expected["overall"] >= 75
    assert abs(centre - (track["x"] + track["width"] * (1 - expected["overall"] / 100))) <= 2, (centre, track)
    asset, liability = box("#spectrum rect.asset"), page.locator("#spectrum rect.liability").last.bounding_box()
    assert asset["x"] + asset["width"] <= liability["x"] + 1  # the asset colours on the left
    band = page.locator(f"#spectrum rect.step-{expected['band'] + 1}")  # and the marker on its own band
    assert band.get_attribute("class").startswith("asset")
    drawn = band.bounding_box()
    assert drawn["x"] <= centre <= drawn["x"] + drawn["width"], (drawn, centre)
    ends = page.locator("#spectrum .ends span")
    assert ends.nth(1).bounding_box()["x"] < ends.nth(0).bounding_box()["x"]  # "Asset" left of "Liability"
    cell = f'tr[data-dimension="{data["dimensions"][1]["id"]}"] td.you'
    bar, fill = box(f"{cell} .bar"), box(f"{cell} .bar > span")
    assert abs((bar["x"] + bar["width"]) - (fill["x"] + fill["width"])) <= 1  # bars grow from the right
    assert axe_violations(page, axe_source) == []


def test_right_to_left_quiz_and_review_pass_axe(page, fork_url, axe_source):
    data = variants.hebrew("ar-EG")
    url = fork_url("arabic-tag", data)
    page.goto(url + "quiz.html")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert axe_violations(page, axe_source) == []
    store_answers(page, url, {data["statements"][0]["id"]: 2}, len(data["statements"]))
    assert page.locator("#review").is_visible()
    assert axe_violations(page, axe_source) == []


# --- Scales and keyboards ---------------------------------------------------------------


def test_seven_points_answered_from_an_azerty_keyboard(page, fork_url):
    data = variants.scale(SEVEN, not_sure="Cannot say")
    url = fork_url("seven-points", data)
    page.goto(url + "quiz.html")
    cdp = page.context.new_cdp_session(page)
    assert "1 to 7" in page.locator("#keyboard-hint").text_content()
    ids = [s["id"] for s in data["statements"]]
    assert page.locator(f'#q-{ids[0]} input[type="radio"]').count() == 8
    answers = {}
    for index, statement_id in enumerate(ids):
        value = [7, 6, 1, 0, 4, 2, 5, 3][index % 8]
        press_physical(page, cdp, 8, AZERTY[8])  # no eighth point: nothing is chosen
        assert page.locator(f"#q-{statement_id} input:checked").count() == 0
        press_physical(page, cdp, value, AZERTY[value])
        assert page.locator(f"#{statement_id}-{value}").is_checked()
        answers[statement_id] = value
        page.keyboard.press("Enter")
    assert page.locator(f'[data-answer="{ids[0]}"]').text_content() == SEVEN[6]
    assert page.locator(f'[data-answer="{ids[3]}"]').text_content() == "Cannot say"
    page.locator("#see-result-top").click()
    expected = expected_result(data, answers)
    assert shown_result(page, data) == {"dimensions": expected["dimensions"], "overall": expected["overall"]}
    page.get_by_role("link", name=data["ui"]["method_scoring_title"]).click()  # the rules, on the method page
    assert "1 to 7" in page.locator("main").text_content()  # the scoring rule says so


def test_seven_point_results_compare(page, fork_url):
    """Two people's 7-point links on the compare page: each scored on 7 points, the median
    of two their mean."""
    data = variants.scale(SEVEN, not_sure="Cannot say")
    url = fork_url("seven-points", data)
    people = [{s["id"]: 7 for s in data["statements"]}, {s["id"]: 1 + i % 7 for i, s in enumerate(data["statements"])}]
    page.goto(url + "compare.html")
    codes = page.evaluate(
        "(people) => people.map((answers) => SCI.encodeAnswers(SCI.readData(document), answers))", people
    )
    page.locator("#lines").fill(f"CEO: {url}result.html#{codes[0]}\nAE, {codes[1]}")
    page.locator("#compare").click()
    assert page.locator("#comparison").is_visible() and page.locator("#problems").is_hidden()
    first = data["dimensions"][0]["id"]
    exact = [exact_dimension_scores(data, answers)[first] for answers in people]
    row = page.locator(f'tr[data-dimension="{first}"]')
    assert row.locator("td.person").text_content() == str(math.floor(exact[0] + 0.5))
    assert row.locator("td.median").text_content() == str(math.floor((exact[0] + exact[1]) / 2 + 0.5))
    low, high = sorted(math.floor(value + 0.5) for value in exact)
    assert row.locator("td.range").text_content() == fill(data["ui"]["compare_range"], low=low, high=high)


def test_four_points_without_not_sure(page, fork_url):
    data = variants.scale(FOUR)
    url = fork_url("four-points", data)
    page.goto(url + "quiz.html")
    first = data["statements"][0]["id"]
    assert page.locator(f'#q-{first} input[type="radio"]').count() == 4
    assert page.locator(f"#{first}-0").count() == 0
    cdp = page.context.new_cdp_session(page)
    for key in ("0", "5", "Numpad0", "Numpad4"):  # Playwright's number pad has Num Lock off: Insert, ArrowLeft
        page.keyboard.press(key)
        assert page.locator(f"#q-{first} input:checked").count() == 0
    press_physical(page, cdp, 4, "4", pad=True)  # Num Lock on
    assert page.locator(f"#{first}-4").is_checked()
    assert "1 to 4" in page.locator("#keyboard-hint").text_content()
    page.goto(url + "worksheet.html")
    assert page.locator(".ticks thead th.tick").count() == 4
    assert page.locator(".ticks tbody tr").first.locator("td.box").count() == 4
    assert "1 counts as 4, 4 as 1" in page.locator(".key").text_content()


# --- A long quiz on a phone --------------------------------------------------------------


def test_review_of_200_statements_on_a_phone(page, fork_url, axe_source):
    data = variants.long(200)
    url = fork_url("long", data)
    page.set_viewport_size({"width": 360, "height": 740})
    ids = [s["id"] for s in data["statements"]]
    open_one = 136  # statement 137 is the only one not answered
    answers = {statement_id: [4, 2, 5, 1, 3, 0][i % 6] for i, statement_id in enumerate(ids) if i != open_one}
    store_answers(page, url, answers, len(ids))
    review = page.locator("#review")
    assert review.is_visible()
    groups = review.locator("section.review-group")
    assert groups.count() == len(data["dimensions"])
    assert [groups.nth(i).locator("h3").text_content() for i in range(groups.count())] == [
        d["name"] for d in data["dimensions"]
    ]
    # Folded, with counts: the page is about two screens, not 25,000 px.
    assert all(g.get_attribute("open") is None for g in review.locator("details").all())
    sizes = [sum(s["dimension"] == d["id"] for s in data["statements"]) for d in data["dimensions"]]
    answered = [n - (d["id"] == data["statements"][open_one]["dimension"]) for n, d in zip(sizes, data["dimensions"])]
    counts = [groups.nth(i).locator("summary").text_content() for i in range(groups.count())]
    assert counts == [f"{a} of {n} answered" for a, n in zip(answered, sizes)]
    assert page.evaluate("document.documentElement.scrollHeight") < 3 * 740
    groups.nth(0).locator("summary").click()  # a group unfolds to show its answers
    assert groups.nth(0).locator("dd[data-answer]").first.is_visible()
    # From the heading: one Tab to the open statement, one more to the result.
    page.locator("#review-title").focus()
    page.keyboard.press("Tab")
    jump = page.locator("#first-unanswered")
    assert jump.evaluate("el => el === document.activeElement")
    assert "137" in jump.text_content()
    page.keyboard.press("Tab")
    assert page.locator("#see-result-top").evaluate("el => el === document.activeElement")
    assert axe_violations(page, axe_source) == []
    # The link leads to statement 137; answering it comes back to a review with nothing open.
    jump.click()
    assert page.locator("#progress").text_content() == "Statement 137 of 200"
    page.keyboard.press("2")
    page.keyboard.press("Enter")
    assert review.is_visible() and jump.is_hidden()
    assert all(g.get_attribute("open") is None for g in review.locator("details").all())
    assert page.evaluate("document.documentElement.scrollHeight") < 3 * 740
    page.locator("#review-title").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    answers[ids[open_one]] = 2
    expected = expected_result(data, answers)
    assert shown_result(page, data) == {"dimensions": expected["dimensions"], "overall": expected["overall"]}


def test_site_direction_in_the_file_sets_the_page(tmp_path):
    data = variants.hebrew()
    data["site"]["direction"] = "ltr"  # e.g. a Hebrew site whose texts are mostly in Latin script
    source = variants.write(data, tmp_path / "questions.yaml")
    assert build.main(["--source", str(source), "--out", str(tmp_path / "_site")]) == 0
    for page in ("index.html", "quiz.html", "result.html"):
        assert (
            (tmp_path / "_site" / page).read_text(encoding="utf-8").startswith("<!doctype html><html dir=ltr lang=he>")
        )
