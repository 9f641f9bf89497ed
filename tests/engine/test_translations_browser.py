"""Issue 12 in Chromium, on the fixture in English, Arabic and French (conftest.py's
i18n_site, built once): the quiz taken in French opens in English with equal scores; on
every page of every language the switcher lands on the same page (the result with the same
answers); axe finds nothing on any language's pages (the Nu checker neither: test_validity.py)."""

from a11y import axe_violations
from expected import encode_link
from reader import answer_by_keyboard, click, quiz_restored, read_result
from states import IDS, full_answers
from sitebuild.render import PAGES, fill, fingerprint

FOLDERS = {"en": "", "ar": "ar/", "fr": "fr/"}  # i18n_site's languages, the source first
LANG = 'document.documentElement.getAttribute("lang")'
SWITCHER = '[...document.querySelectorAll("#languages a")].map((a) => [a.hreflang, a.href])'  # its links


def test_the_quiz_taken_in_french_opens_in_english_with_equal_scores(page, i18n_url, i18n_contents, browser):
    page.goto(i18n_url + "fr/quiz.html")
    answer_by_keyboard(page, full_answers().values())
    page.locator("#see-result").click()
    french = read_result(page, i18n_contents["fr"])
    code = page.url.split("#", 1)[1]
    # The switcher takes the answers along: the same result, in English and in Arabic.
    links = page.evaluate(SWITCHER)
    assert links == [["en", f"{i18n_url}result.html#{code}"], ["ar", f"{i18n_url}ar/result.html#{code}"]]
    page.locator('#languages a[hreflang="en"]').click()
    assert read_result(page, i18n_contents["en"]) == french
    # On another device, with nothing saved: the link alone gives the same scores.
    other = browser.new_context()
    try:
        shared = other.new_page()
        shared.goto(f"{i18n_url}ar/result.html#{code}")
        assert read_result(shared, i18n_contents["ar"]) == french
    finally:
        other.close()


def test_saved_progress_carries_over_to_another_language(page, i18n_url):
    page.goto(i18n_url + "fr/quiz.html")
    answer_by_keyboard(page, [4, 4, 0])
    page.locator('#languages a[hreflang="ar"]').click()
    page.wait_for_url("**/ar/quiz.html")
    quiz_restored(page)
    assert page.locator("#resumed-note").is_visible()
    assert page.locator(f"#q-{IDS[3]}").is_visible()


def test_a_compared_list_goes_along_to_another_language(page, i18n_url, i18n_contents):
    """The compare page keeps its list in the address; the switcher takes it along, so the
    same group is compared in the language chosen."""
    source = i18n_contents["en"]
    answers = full_answers()
    people = [
        encode_link(source, fingerprint(source), answers),
        encode_link(source, fingerprint(source), {**answers, IDS[0]: 1}),
    ]
    page.goto(i18n_url + "fr/compare.html")
    page.fill("#lines", "\n".join(people))
    page.locator("#compare").click()
    fragment = page.url.split("#", 1)[1]
    links = page.evaluate(SWITCHER)
    assert links == [["en", f"{i18n_url}compare.html#{fragment}"], ["ar", f"{i18n_url}ar/compare.html#{fragment}"]]
    page.locator('#languages a[hreflang="en"]').click()
    page.wait_for_url(f"{i18n_url}compare.html#{fragment}")
    assert page.locator("#count").text_content() == fill(source["ui"]["compare_count"], count=2)


def test_every_page_of_every_language_switches_to_itself_and_passes_axe(page, i18n_url, axe_source):
    """Each page, in a round through the languages by the switcher (en, ar, fr, en): every
    link goes to the same page in its language, and the one followed lands there. axe on
    every page of each translation and on the source's story page: the source's other pages
    differ from it only by the switcher, and test_accessibility.py checks them in every state.
    (Read and clicked without locators: each of its 36 pages would load Playwright's
    selector engine, see reader.py.)"""
    violations, round_trip = {}, [*FOLDERS, next(iter(FOLDERS))]
    for number, shown in enumerate(PAGES):
        page.goto(i18n_url + shown.output)
        for code, target in zip(round_trip, round_trip[1:]):
            assert page.url == i18n_url + FOLDERS[code] + shown.output
            assert page.evaluate(LANG) == code
            found = axe_violations(page, axe_source) if FOLDERS[code] or number == 0 else []
            if found:
                violations[FOLDERS[code] + shown.output] = found
            links = page.evaluate(SWITCHER)
            assert links == [
                [other, i18n_url + where + shown.output] for other, where in FOLDERS.items() if other != code
            ]
            click(page, f'#languages a[hreflang="{target}"]')
            page.wait_for_url(i18n_url + FOLDERS[target] + shown.output)
        assert page.evaluate(LANG) == round_trip[-1]
    assert violations == {}
