"""The indicator in a real browser: answering, resuming, scoring and the result."""

import random

import pytest

import reader
from a11y import FOCUS_PROBLEMS
from expected import content, expected_result, extreme_answers
from reader import answer_by_keyboard, quiz_restored, storage_key
from sitebuild.render import fill

DATA = content()
STATEMENTS = DATA["statements"]
IDS = [s["id"] for s in STATEMENTS]


def read_result(page):
    return reader.read_result(page, DATA)


def show_result_for(page, base_url, answers):
    reader.show_result_for(page, base_url, answers, len(IDS))


def test_whole_quiz_by_keyboard(page, base_url):
    page.goto(base_url + "quiz.html")
    values = [random.Random(7).choice([0, 1, 2, 3, 4, 5]) for _ in IDS]
    progress = page.locator("#progress")
    assert progress.text_content() == f"Statement 1 of {len(IDS)}"
    page.keyboard.press("3")
    assert page.locator(f"#{IDS[0]}-3").is_checked()
    page.keyboard.press("Enter")
    assert progress.text_content() == f"Statement 2 of {len(IDS)}"
    page.keyboard.press("ArrowLeft")  # on the statement: arrows go into its choices
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert progress.text_content() == f"Statement 3 of {len(IDS)}"
    answers = {IDS[0]: 3, IDS[1]: 2}
    for statement_id, value in zip(IDS[2:], values[2:]):
        page.keyboard.press(str(value))
        assert page.evaluate(FOCUS_PROBLEMS) == []  # the chosen answer has a visible ring
        page.keyboard.press("Enter")
        assert page.evaluate(FOCUS_PROBLEMS) == []  # and so has the next statement, or the review
        answers[statement_id] = value
    assert page.locator("#review").is_visible()
    assert page.locator("#review-title").evaluate("el => el === document.activeElement")
    for statement_id, value in answers.items():
        label = DATA["scale"]["not_sure"] if value == 0 else DATA["scale"]["labels"][value - 1]
        assert page.locator(f'[data-answer="{statement_id}"]').text_content() == label
    # With every statement answered, one Tab from the heading reaches "See my result" at
    # the top of the review (no link to an open statement before it), then Enter.
    link = page.locator("#see-result-top")
    page.keyboard.press("Tab")
    assert link.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    page.wait_for_url("**/result.html#**")
    assert read_result(page) == expected_result(DATA, answers)


def test_whole_quiz_by_mouse_on_a_phone(page, base_url):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(base_url + "quiz.html")
    rng = random.Random(11)
    answers = {}
    for statement_id in IDS:
        value = rng.choice([1, 2, 3, 4, 5, 0])
        page.locator(f'label[for="{statement_id}-{value}"]').click()
        answers[statement_id] = value
        page.get_by_role("button", name=DATA["ui"]["next"]).click()
        if len(answers) == 3:  # go back once and forward again
            page.get_by_role("button", name=DATA["ui"]["back"]).click()
            assert page.locator(f"#{IDS[2]}-{value}").is_checked()
            page.get_by_role("button", name=DATA["ui"]["next"]).click()
    # Change one answer from the review and come straight back to it.
    page.locator('[data-change="4"]').click()
    assert page.locator(f"#q-{IDS[4]}").is_visible()
    new = 5 if answers[IDS[4]] != 5 else 1
    page.locator(f'label[for="{IDS[4]}-{new}"]').click()
    page.get_by_role("button", name=DATA["ui"]["save_and_review"]).click()
    answers[IDS[4]] = new
    assert page.locator(f'[data-answer="{IDS[4]}"]').text_content() == DATA["scale"]["labels"][new - 1]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the phone
    page.locator("#see-result").click()
    assert read_result(page) == expected_result(DATA, answers)


def test_next_without_an_answer_says_what_to_do(page, base_url):
    page.goto(base_url + "quiz.html")
    page.get_by_role("button", name=DATA["ui"]["next"]).click()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert summary.evaluate("el => el === document.activeElement")
    assert page.locator(f"#{IDS[0]}-error").text_content() == DATA["ui"]["error_no_answer"]
    assert page.locator(f"#q-{IDS[0]}").get_attribute("aria-describedby") == f"{IDS[0]}-error"
    assert page.locator("#progress").text_content() == f"Statement 1 of {len(IDS)}"
    page.locator("#error-link").click()
    assert page.locator(f"#{IDS[0]}-1").evaluate("el => el === document.activeElement")
    page.keyboard.press("4")
    assert not summary.is_visible()


def random_answer_set(seed):
    """Mostly rated, some "not sure" (0), some unanswered: every path of the rules."""
    rng = random.Random(seed)
    answers = {}
    skip_chance = rng.choice([0, 0.1, 0.4])
    for statement_id in IDS:
        if rng.random() >= skip_chance:
            answers[statement_id] = rng.choice([0, 1, 2, 3, 4, 5] if skip_chance else [1, 2, 3, 4, 5])
    return answers


def test_random_answer_sets_score_as_computed(page, watch, subtests, base_url):
    """50 answer sets, each alone in storage as the quiz keeps it and read by a new load of
    the result page, in one tab; each is a subtest named by its seed."""
    page.goto(base_url + "result.html")
    for seed in range(50):
        answers = random_answer_set(seed)
        with subtests.test(seed=seed), watch.case():
            page.evaluate("() => localStorage.clear()")  # the last set's answers and history
            reader.keep_progress(page, answers, len(IDS))
            page.goto(base_url + "result.html")
            assert read_result(page) == expected_result(DATA, answers)


@pytest.mark.parametrize("end, band", [("asset", len(DATA["bands"]) - 1), ("liability", 0)])
def test_extremes_land_in_the_end_bands(page, base_url, end, band):
    show_result_for(page, base_url, extreme_answers(DATA, end))
    result = read_result(page)
    assert result["band"] == band
    assert result["overall"] == (100 if end == "asset" else 0)


def test_reference_profile_is_a_liability(page, base_url):
    reference = DATA["reference"]["answers"]
    expected = expected_result(DATA, reference)
    assert DATA["bands"][expected["band"]]["side"] == "liability"
    show_result_for(page, base_url, {"cv-route": 3})  # any result page shows the reference column
    for dimension_id, score in expected["dimensions"].items():
        cell = page.locator(f'tr[data-dimension="{dimension_id}"] td.reference')
        assert cell.get_attribute("data-score") == str(score)
    assert page.locator("table.dimensions thead th").nth(2).text_content() == DATA["reference"]["label"]


def test_too_few_ratings_give_no_band(page, base_url):
    answers = {statement_id: 0 for statement_id in IDS}
    answers[IDS[0]] = 4
    show_result_for(page, base_url, answers)
    result = read_result(page)
    assert result["overall"] is None
    assert page.locator("#not-enough").text_content() == fill(
        DATA["ui"]["not_enough_overall"], answered=1, total=len(IDS), needed=11
    )
    unrated = [d["id"] for d in DATA["dimensions"] if d["id"] != STATEMENTS[0]["dimension"]]
    assert all(result["dimensions"][d] is None for d in unrated)


def test_reload_resumes_where_the_reader_was(page, base_url):
    page.goto(base_url + "quiz.html")
    answer_by_keyboard(page, [5, 4, 3, 2, 1])
    page.reload()
    quiz_restored(page)
    assert page.locator("#progress").text_content() == f"Statement 6 of {len(IDS)}"
    assert page.locator(f"#q-{IDS[5]}").is_visible()
    assert page.locator("#resumed-note").text_content() == DATA["ui"]["resumed"].replace("{current}", "6").replace(
        "{total}", str(len(IDS))
    )
    page.get_by_role("button", name=DATA["ui"]["back"]).click()
    assert page.locator(f"#{IDS[4]}-1").is_checked()


def test_start_again_clears_stored_answers(page, base_url):
    page.goto(base_url + "quiz.html")
    answer_by_keyboard(page, [5] * len(IDS))
    page.locator("#review [data-start-again]").click()
    assert page.locator("#progress").text_content() == f"Statement 1 of {len(IDS)}"
    assert page.evaluate("([key]) => localStorage.getItem(key)", [storage_key(page)]) is not None  # progress at 0 only
    assert page.evaluate("([key]) => JSON.parse(localStorage.getItem(key)).answers", [storage_key(page)]) == {}
    assert page.locator(f"#{IDS[0]}-5").is_checked() is False


def test_storage_that_throws_still_works(context, page, base_url):
    context.add_init_script("""
      Object.defineProperty(window, "localStorage", {
        get() { throw new DOMException("The operation is insecure.", "SecurityError"); }
      });
    """)
    page.goto(base_url + "quiz.html")
    quiz_restored(page)
    assert page.locator("#storage-note").is_visible()
    assert page.locator("#storage-note").text_content() == DATA["ui"]["storage_unavailable"]
    answers = dict(zip(IDS, [4] * len(IDS)))
    answer_by_keyboard(page, answers.values())
    page.locator("#see-result").click()
    assert read_result(page) == expected_result(DATA, answers)


def test_story_reads_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(base_url + "index.html")
    for moment in DATA["story"]["moments"]:
        assert page.locator(f"#{moment['id']} h2").text_content() == moment["heading"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.goto(base_url + "quiz.html")
    assert page.locator("fieldset").count() == len(IDS)  # every statement, readable as a list
    notice = page.locator("noscript p")
    assert notice.is_visible() and notice.text_content() == DATA["ui"]["quiz_noscript"]
    context.close()
