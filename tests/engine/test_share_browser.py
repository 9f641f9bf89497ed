"""Result links in a real browser: sharing, opening someone else's result, and links
that cannot be read (cut short, changed, made for other questions or by another version)."""

import random

from expected import content, encode_link, expected_result, extreme_answers
from sitebuild.render import fill, fingerprint
from reader import VISIBLE, answer_by_keyboard, quiz_restored, storage_key, wait_until_visible
from tab import watched_context
from test_quiz_browser import read_result, show_result_for

DATA = content()
UI = DATA["ui"]
IDS = [s["id"] for s in DATA["statements"]]
FINGERPRINT = fingerprint(DATA)
ALL_STORAGE = "() => JSON.stringify(Object.entries(localStorage).sort())"


def random_answers(rng):
    """Mostly rated, some "not sure" (0), some unanswered, as a reader leaves them."""
    skip = rng.choice([0, 0.1, 0.4])
    return {i: rng.choice([0, 1, 2, 3, 4, 5]) for i in IDS if rng.random() >= skip}


def link(base_url, answers, query=""):
    return f"{base_url}result.html{query}#{encode_link(DATA, FINGERPRINT, answers)}"


def open_page(browser, watch):
    """Another machine: a fresh profile, watched like the `page` fixture's."""
    other = watched_context(browser, watch.on_request_failed)
    page = other.new_page()
    watch.listen(page)
    return other, page


# What the result page shows, read in one call (read_result does the same in many).
SHOWN = """() => {
  const number = (text) => text === "" ? null : Number(text);
  const root = document.getElementById("result");
  const dimensions = {};
  document.querySelectorAll("tr[data-dimension]").forEach((row) => {
    dimensions[row.dataset.dimension] = number(row.querySelector("td.you").dataset.score);
  });
  const bands = [...document.querySelectorAll(".band")].filter((band) => !band.hidden);
  return {
    result: { dimensions, overall: number(root.dataset.score), band: number(root.dataset.band) },
    bandTitle: bands.length === 1 ? bands[0].querySelector(".band-title").textContent : null,
    link: root.hidden ? null : document.getElementById("share-link").value,
  };
}"""


def shows_as_shared(page, shared):
    title = UI["shared_title"] if shared else UI["result_title"]
    assert page.locator("h1").text_content() == title
    assert page.title().startswith(title + " · ")
    assert page.locator("#shared-note").is_visible() is shared
    assert page.locator("[data-start-again]").is_visible() is not shared
    # Nothing else speaks to the reader as if the result were theirs.
    assert page.locator("#spectrum-marker").text_content() == UI["shared_you" if shared else "spectrum_you"]
    assert (
        page.locator("table.dimensions thead th").nth(1).text_content()
        == UI["shared_column" if shared else "you_column"]
    )
    assert (
        page.locator("#weakest > p").first.text_content() == UI["shared_weakest_intro" if shared else "weakest_intro"]
    )


def test_answer_sets_round_trip_through_links(page, base_url):
    """A few links opened for real; tests/js/indicator.test.mjs round-trips thousands in Node."""
    rng = random.Random(2024)
    ends = [extreme_answers(DATA, "asset"), extreme_answers(DATA, "liability")]
    sets = (
        ends + [{IDS[0]: 3}, {i: 0 for i in IDS}] + [random_answers(rng) for _ in range(8)]
    )  # one rated; all not sure
    page.goto(base_url + "result.html")
    made = page.evaluate("(sets) => sets.map((answers) => SCI.encodeAnswers(SCI.readData(document), answers))", sets)
    assert made == [encode_link(DATA, FINGERPRINT, answers) for answers in sets]  # the documented format
    for number, (answers, code) in enumerate(zip(sets, made)):
        # The query makes each a fresh load; deferred scripts have run by DOMContentLoaded.
        page.goto(f"{base_url}result.html?{number}#{code}", wait_until="domcontentloaded")
        shown = page.evaluate(SHOWN)
        assert shown == {
            "result": expected_result(DATA, answers),
            "bandTitle": None if shown["result"]["band"] is None else DATA["bands"][shown["result"]["band"]]["title"],
            "link": f"{base_url}result.html?{number}#{code}",
        }, (number, code)
    read_result(page)  # the last one, also through every check of the quiz tests


def test_a_link_shows_the_same_result_on_another_machine(browser, watch, page, base_url):
    answers = random_answers(random.Random(5))
    show_result_for(page, base_url, answers)
    shows_as_shared(page, False)
    shared = page.locator("#share-link").input_value()
    assert shared == link(base_url, answers)

    other, colleague = open_page(browser, watch)
    colleague.goto(shared)
    assert read_result(colleague) == expected_result(DATA, answers)
    shows_as_shared(colleague, True)
    assert colleague.evaluate(ALL_STORAGE) == "[]"  # opening it saved nothing
    other.close()


def test_a_shared_result_leaves_the_readers_own_answers_alone(page, base_url):
    page.goto(base_url + "quiz.html")
    answer_by_keyboard(page, [5, 4, 3, 2, 1])
    before = page.evaluate(ALL_STORAGE)
    page.goto(link(base_url, extreme_answers(DATA, "asset")))
    shows_as_shared(page, True)
    assert page.locator("#shared-note").text_content().strip().startswith(UI["shared_note"])
    page.locator("#share [data-copy]").click()
    assert page.evaluate(ALL_STORAGE) == before
    page.locator("#shared-note a").click()  # "Take the indicator": back to their own place
    page.wait_for_url("**/quiz.html")
    quiz_restored(page)
    assert page.locator("#resumed-note").text_content() == fill(UI["resumed"], current=6, total=len(IDS))
    assert page.evaluate(ALL_STORAGE) == before


def test_a_link_to_the_readers_own_answers_is_their_result(page, base_url):
    answers = extreme_answers(DATA, "liability")
    show_result_for(page, base_url, answers)
    page.goto(link(base_url, answers, "?again"))
    assert read_result(page) == expected_result(DATA, answers)
    shows_as_shared(page, False)
    page.locator("[data-start-again]").click()  # theirs to clear
    page.wait_for_url("**/quiz.html")
    assert page.evaluate("([key]) => localStorage.getItem(key)", [storage_key(page)]) is None or (
        page.evaluate("([key]) => JSON.parse(localStorage.getItem(key)).answers", [storage_key(page)]) == {}
    )


def test_another_link_in_the_same_tab_is_read_afresh(page, base_url):
    first, second = extreme_answers(DATA, "liability"), extreme_answers(DATA, "asset")
    page.goto(link(base_url, first))
    assert read_result(page)["overall"] == 0
    page.goto(link(base_url, second))  # only the #fragment differs: no load by itself
    page.wait_for_function("() => document.getElementById('result').dataset.score === '100'")
    assert read_result(page) == expected_result(DATA, second)


def test_the_skip_link_does_not_lose_the_result(page, base_url):
    answers = extreme_answers(DATA, "asset")
    page.goto(link(base_url, answers))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link: #main
    page.wait_for_timeout(100)
    assert page.url.endswith("#main")
    assert read_result(page) == expected_result(DATA, answers)
    assert page.locator("#link-problem").is_hidden()


# --- Links that cannot be read ---------------------------------------------------------------

GOOD = encode_link(DATA, FINGERPRINT, {i: 3 for i in IDS})
PAIRS = GOOD.split(".")[2][:-1]


def changed(text, at, to):
    return text[:at] + to + text[at + 1 :]


def swapped_neighbours(text):
    at = next(i for i in range(len(text) - 1) if text[i] != text[i + 1])
    return text[:at] + text[at + 1] + text[at] + text[at + 2 :]


def other_fingerprint(change):
    data = content()
    change(data)
    return encode_link(data, fingerprint(data), {s["id"]: 2 for s in data["statements"]})


def out_of_range_with_valid_check():
    """Pairs that pass the check character but hold a value no answer has (49 and up)."""
    from expected import check_character

    pairs = PAIRS[:-1] + "x"
    return f"2.{FINGERPRINT}.{pairs}{check_character(pairs)}"


BAD_LINKS = [
    ("garbled", GOOD[:-1]),  # cut short by one character
    ("garbled", GOOD[:-4]),
    ("garbled", GOOD + "A"),  # one too many
    (
        "garbled",
        f"2.{FINGERPRINT}.{changed(PAIRS, 3, 'B' if PAIRS[3] != 'B' else 'C')}{GOOD[-1]}",
    ),  # one character mistyped
    ("garbled", f"2.{FINGERPRINT}.{swapped_neighbours(PAIRS + 'A')[:-1]}{GOOD[-1]}"),
    ("garbled", GOOD[:-1] + ("A" if GOOD[-1] != "A" else "B")),  # the check character changed
    ("garbled", GOOD.lower()),
    ("garbled", f"2.{FINGERPRINT}."),
    ("garbled", f"2.{FINGERPRINT}"),
    ("garbled", GOOD + ".x"),
    ("garbled", "hello"),
    ("garbled", "2"),
    ("garbled", ".."),
    ("garbled", "<img src=x onerror=alert(1)>"),
    ("garbled", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
    ("garbled", f"2.{FINGERPRINT}.<b>bold</b>"),
    ("garbled", "javascript:alert(1)"),
    ("garbled", f"2.{FINGERPRINT}.{'_' * len(GOOD.split('.')[2])}"),
    ("garbled", GOOD.replace(".", "%2E")),
    ("garbled", "２" + GOOD[1:]),  # a full-width digit
    ("garbled", "-2" + GOOD[1:]),
    ("garbled", GOOD[:-3] + " " + GOOD[-3:]),  # a space typed in
    ("garbled", GOOD[:-2] + "%00" + GOOD[-1]),
    ("garbled", out_of_range_with_valid_check()),
    ("version", "1" + GOOD[1:]),  # the format before the check character
    ("version", f"1.{FINGERPRINT}.{PAIRS}"),
    ("version", "3" + GOOD[1:]),
    ("version", "10" + GOOD[1:]),
    ("version", "02" + GOOD[1:]),
    ("version", "0.abc.def"),
    ("questions", GOOD.replace(FINGERPRINT, "00000000")),
    ("questions", GOOD.replace(FINGERPRINT, FINGERPRINT.upper() if FINGERPRINT.upper() != FINGERPRINT else "ffffffff")),
    ("questions", GOOD.replace(FINGERPRINT, FINGERPRINT[:-1])),
    ("questions", "2.deadbeef.x"),
    ("questions", other_fingerprint(lambda d: d["statements"].append(dict(d["statements"][0], id="extra")))),
    ("questions", other_fingerprint(lambda d: d["statements"][1].update(reverse=True))),
    ("questions", other_fingerprint(lambda d: d["statements"][0].update(dimension=d["dimensions"][1]["id"]))),
]


# What a page that cannot read its link shows, read in one call (reader.VISIBLE is
# Playwright's is_visible()).
PROBLEM_SHOWN = f"""() => {{
  const visible = {VISIBLE};
  const problem = document.getElementById("link-problem");
  return {{
    paragraphs: [...problem.querySelectorAll("p")].filter(visible).map((p) => p.textContent),
    title: problem.querySelector("h2").textContent,
    resultHidden: !visible(document.getElementById("result")) && !visible(document.getElementById("result-empty")),
    markup: document.querySelectorAll("img, iframe, b, main script").length,
    alert: document.body.innerHTML.includes("alert(1)"),
  }};
}}"""


def test_a_link_that_cannot_be_read_says_so(page, watch, subtests, base_url):
    """Every one of BAD_LINKS opened as a new page in one tab, each a subtest (read without
    locators, which would load Playwright's selector engine into each page: see reader.py)."""
    for number, (kind, code) in enumerate(BAD_LINKS):
        with subtests.test(kind=kind, code=code), watch.case():  # no console error nor CSP violation
            # A link opens a new page, not a change of the fragment only: each address differs
            # before its "#" too (the page reads only the fragment).
            page.goto(f"{base_url}result.html?{number}#{code}")
            wait_until_visible(page, "link-problem")
            shown = page.evaluate(PROBLEM_SHOWN)
            assert shown["paragraphs"][0] == UI[f"link_{kind}"]
            assert len(shown["paragraphs"]) == 2  # the message and the way on
            assert shown["title"] == UI["link_problem_title"]
            assert shown["resultHidden"]
            assert shown["markup"] == 0  # nothing from the link became markup
            assert not shown["alert"]


def test_the_same_links_are_reported_alike_by_the_compare_page(page, base_url):
    """One reading of links: the compare page gives each bad line the result page's words."""
    page.goto(base_url + "compare.html")
    page.fill("#lines", "\n".join(code for _, code in BAD_LINKS))
    page.locator("#compare").click()
    assert page.locator("#problem-list li").all_text_contents() == [
        fill(UI["compare_problem"], line=number, reason=UI[f"link_{kind}"])
        for number, (kind, _) in enumerate(BAD_LINKS, start=1)
    ]


# --- The share box ---------------------------------------------------------------------------


def test_copy_puts_the_link_on_the_clipboard_and_says_so(context, page, base_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    answers = extreme_answers(DATA, "asset")
    page.goto(link(base_url, answers))
    status = page.locator("#share [data-status]")
    assert status.get_attribute("role") == "status"
    page.get_by_role("button", name=UI["copy_link"]).click()
    page.wait_for_function("() => document.querySelector('#share [data-status]').textContent !== ''")
    assert status.text_content() == UI["copied"]
    assert page.evaluate("navigator.clipboard.readText()") == link(base_url, answers)


def test_copy_without_a_clipboard_selects_the_link(context, page, base_url):
    context.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });")
    page.goto(link(base_url, extreme_answers(DATA, "asset")))
    page.get_by_role("button", name=UI["copy_link"]).click()
    assert page.locator("#share [data-status]").text_content() == UI["copy_manual"]
    field = page.locator("#share-link")
    assert field.evaluate(
        "el => el === document.activeElement && el.selectionStart === 0 && el.selectionEnd === el.value.length"
    )


def test_share_button_only_where_the_browser_can_share(context, page, base_url):
    page.goto(link(base_url, extreme_answers(DATA, "asset")))
    native = page.evaluate("typeof navigator.share === 'function'")
    assert page.locator("#share [data-share]").is_visible() is native

    context.add_init_script("""
      Object.defineProperty(Navigator.prototype, "share", {
        configurable: true,
        value: (data) => { window.sharedData = data; return Promise.reject(new DOMException("closed", "AbortError")); }
      });
    """)
    page.goto(link(base_url, extreme_answers(DATA, "asset"), "?share"))
    button = page.locator("#share [data-share]")
    assert button.is_visible() and button.text_content() == UI["share"]
    button.click()  # the reader closes the sheet: no error
    page.wait_for_function("() => window.sharedData !== undefined")
    assert page.evaluate("window.sharedData.url") == link(base_url, extreme_answers(DATA, "asset"), "?share")

    context.add_init_script("delete Navigator.prototype.share;")
    page.goto(link(base_url, extreme_answers(DATA, "asset"), "?none"))
    assert page.locator("#share [data-share]").is_hidden()
