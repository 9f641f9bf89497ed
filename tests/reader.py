"""A reader's hands and eyes on the built site, for any questions.yaml: answering by
keyboard, saving answers as the quiz would, and reading what the result page shows.

Every expectation comes from the content (`data`) the caller passes; the page's own
hooks (ids, data-score attributes) are the engine's, shared by every site it builds.
"""

import json


def page_data(page):
    return json.loads(page.locator("#sci-data").text_content())


def storage_key(page):
    data = page_data(page)
    return data["storagePrefix"] + data["fingerprint"] + ":progress"


def quiz_restored(page):
    """Waits for quiz.js to put in the saved answers and place, which it does after the
    first paint (quiz.css draws the page until then) or at the reader's first key or click."""
    page.locator("#quiz[data-stepping]").wait_for(state="attached")


def answer_by_keyboard(page, values):
    """Each value's number key (0 is "not sure"), then Enter to move on."""
    for value in values:
        page.keyboard.press(str(value))
        page.keyboard.press("Enter")


def fill(template, **values):
    """A ui string with its {placeholders} filled in, as the reader sees it."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template


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


def read_result(page, data):
    """What the result page shows, in the oracle's shape (expected.expected_result):
    the overall score, the band and every dimension's score; it also checks that the
    band's title and the score sentence shown are the file's own."""
    page.wait_for_url("**/result.html*")
    root = page.locator("#result")
    root.wait_for(state="visible")
    shown = {}
    for dimension in data["dimensions"]:
        cell = page.locator(f'tr[data-dimension="{dimension["id"]}"] td.you')
        text = cell.locator(".value").text_content()
        shown[dimension["id"]] = None if text == data["ui"]["not_enough_answers"] else int(text)
        assert cell.get_attribute("data-score") == ("" if shown[dimension["id"]] is None else text)
    overall = root.get_attribute("data-score")
    band = root.get_attribute("data-band")
    result = {"dimensions": shown, "overall": int(overall) if overall else None, "band": int(band) if band else None}
    if result["band"] is not None:
        visible = page.locator(".band:visible")
        assert visible.count() == 1
        assert visible.locator(".band-title").text_content() == data["bands"][result["band"]]["title"]
        assert page.locator("#overall-score").text_content() == fill(data["ui"]["score_out_of"], score=overall)
    else:
        assert page.locator(".band:visible").count() == 0
        assert page.locator("#not-enough").is_visible()
    return result
