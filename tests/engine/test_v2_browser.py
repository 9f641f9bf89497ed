"""Issue 9's engine features in a real browser, on tests/fixtures/v2.yaml (balanced
keying, a weakest-link floor, two reference profiles, dimensions that say what to ask
the field): the score agrees with the tests' own oracle, the result shows what holds
the verdict down, each statement's answer, the blind spots, both profiles and their gap,
and the change since the last result kept on the device."""

import random
import re

import pytest

import build
from support import serve
from expected import V2, content, expected_held_by, expected_result, extreme_answers, profiles
from a11y import axe_in_light_and_dark
from reader import show_result_for, storage_key, wait_until_visible
from sitebuild.render import fill

DATA = content(V2)
UI = DATA["ui"]
IDS = [s["id"] for s in DATA["statements"]]
DIMENSIONS = [d["id"] for d in DATA["dimensions"]]
NAMES = {d["id"]: d["name"] for d in DATA["dimensions"]}
CAP = max(i for i, b in enumerate(DATA["bands"]) if b["side"] == "liability")


@pytest.fixture(scope="module")
def v2_url(tmp_path_factory):
    out = tmp_path_factory.mktemp("v2") / "_site"
    assert build.main(["--source", str(V2), "--out", str(out)]) == 0
    server, url = serve(out)
    yield url
    server.shutdown()


def open_own_result(page, url, answers):
    """The result of answers saved by the quiz on this device (no code in the address)."""
    show_result_for(page, url, answers, len(IDS))
    wait_until_visible(page, "result")


def broken(dimension):
    """Every dimension at 100 but one at 0: the case."""
    answers = extreme_answers(DATA, "asset")
    worst = extreme_answers(DATA, "liability")
    answers.update({s["id"]: worst[s["id"]] for s in DATA["statements"] if s["dimension"] == dimension})
    return answers


def test_the_browser_agrees_with_the_oracle_on_random_answers(page, v2_url):
    rng = random.Random(9)
    sets = [{i: rng.choice([0, 1, 2, 3, 4, 5]) for i in IDS if rng.random() > rng.choice([0, 0.1])} for _ in range(46)]
    sets += [broken(DIMENSIONS[0]), {i: 4 for i in IDS}, {i: 3 for i in IDS}, extreme_answers(DATA, "asset")]
    page.goto(v2_url + "result.html")
    shown = page.evaluate("(sets) => sets.map((a) => SCI.score(SCI.readData(document), a))", sets)
    assert len(sets) == 50
    for answers, result in zip(sets, shown):
        expected = expected_result(DATA, answers)
        assert result["overall"] == expected["overall"] and result["band"] == expected["band"], answers
        assert {
            k: None if v["score"] is None else round(v["score"] + 1e-9) for k, v in result["dimensions"].items()
        } == expected["dimensions"]
        assert result["heldBy"] == expected_held_by(DATA, answers)
    assert {expected_held_by(DATA, a) for a in sets} - {None}  # the sample does reach the rule


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_the_dimension_that_holds_the_verdict_down_is_named_with_its_moment(page, v2_url, dimension):
    open_own_result(page, v2_url, broken(dimension))
    assert page.locator("#result").get_attribute("data-band") == str(CAP)
    assert page.locator(".band:visible .band-title").text_content() == DATA["bands"][CAP]["title"]
    assert page.locator("#held").is_visible()
    assert page.locator("#held-note").text_content() == fill(
        UI["weakest_link"],
        dimension=NAMES[dimension],
        score=0,
        floor=DATA["scoring"]["floor"],
        band=DATA["bands"][CAP]["title"],
    )
    moment = next(d["moment"] for d in DATA["dimensions"] if d["id"] == dimension)
    page.locator("#held-moment").wait_for()  # its moment comes with advice.html
    assert page.locator("#held-moment").get_attribute("href") == f"index.html#{moment}"
    heading = next(m["heading"] for m in DATA["story"]["moments"] if m["id"] == moment)
    assert page.locator("#held-moment").text_content() == fill(UI["moment_link"], heading=heading)


def test_no_weakest_link_note_when_every_dimension_clears_the_floor(page, v2_url):
    open_own_result(page, v2_url, extreme_answers(DATA, "asset"))
    assert page.locator("#held").is_hidden()
    assert page.locator("#result").get_attribute("data-band") == str(len(DATA["bands"]) - 1)


def test_both_profiles_and_their_gap_beside_the_reader(page, v2_url):
    open_own_result(page, v2_url, {i: 3 for i in IDS})
    expected = [expected_result(DATA, p["answers"])["dimensions"] for p in profiles(DATA)]
    headers = page.locator("table.dimensions thead th")
    assert [headers.nth(i).text_content() for i in (2, 3, 4)] == [p["label"] for p in profiles(DATA)[:2]] + [
        UI["gap_column"]
    ]
    for dimension in DIMENSIONS:
        cells = page.locator(f'tr[data-dimension="{dimension}"] td')
        assert [cells.nth(i).get_attribute("data-score") for i in (1, 2)] == [str(e[dimension]) for e in expected[:2]]
        assert cells.nth(3).text_content() == str(expected[0][dimension] - expected[1][dimension])


def test_each_statement_shows_the_answer_and_which_way_it_counted(page, v2_url):
    answers = {i: [5, 1, 3, 0][n % 4] for n, i in enumerate(IDS)}
    del answers[IDS[1]]
    open_own_result(page, v2_url, answers)
    labels = DATA["scale"]["labels"]
    for statement in DATA["statements"]:
        value = answers.get(statement["id"])
        item = page.locator(f'[data-statement="{statement["id"]}"]')
        assert item.is_hidden()  # inside a closed <details>
        if value in (None, 0):
            said, way = (UI["not_answered"] if value is None else DATA["scale"]["not_sure"]), "counted_none"
        else:
            counted = 6 - value if statement.get("reverse") else value
            said, way = (
                labels[value - 1],
                {True: "counted_for", False: "counted_against"}.get(
                    counted > 3 if counted != 3 else None, "counted_neutral"
                ),
            )
        # In the fixture's words and order (ui.answer_counted), not the script's.
        shown = fill(UI["answer_counted"], answer=said, way=UI[way])
        assert item.text_content() == f"{statement['text']} {shown}"
    page.locator(f'tr[data-dimension="{DIMENSIONS[0]}"] summary').click()
    assert page.locator(f'[data-statement="{IDS[0]}"]').is_visible()


def test_blind_spots_count_not_sure_per_dimension_and_say_whom_to_ask(page, v2_url):
    answers = {i: 4 for i in IDS}
    first = [s["id"] for s in DATA["statements"] if s["dimension"] == DIMENSIONS[0]]
    answers.update({first[0]: 0, first[1]: 0})
    open_own_result(page, v2_url, answers)
    assert page.locator("#blind").is_visible()
    assert page.locator("#blind li:visible").count() == 1
    item = page.locator(f'[data-blind="{DIMENSIONS[0]}"]')
    count = fill(UI["blind_count"], count=2, total=len(first))
    assert item.text_content() == f"{NAMES[DIMENSIONS[0]]} ({count}). {DATA['dimensions'][0]['ask']}"


def test_no_blind_spots_section_without_not_sure(page, v2_url):
    open_own_result(page, v2_url, {i: 2 for i in IDS})
    assert page.locator("#blind").is_hidden()


def changes(page):
    return [item.text_content() for item in page.locator("#history-changes li").all()]


def test_history_shows_the_change_since_last_time_across_reloads(page, v2_url):
    first, second = {i: 3 for i in IDS}, broken(DIMENSIONS[1])
    open_own_result(page, v2_url, first)
    assert page.locator("#history-note").text_content() == UI["history_first"]
    page.reload()
    assert page.locator("#history-note").text_content() == UI["history_first"]  # a reload is not a new result
    # A month later: the kept result is dated then.
    key = storage_key(page, "history")
    kept = page.evaluate("(key) => JSON.parse(localStorage.getItem(key))", key)
    assert len(kept) == 1 and re.fullmatch(r"\d{4}-\d\d-\d\d", kept[0]["date"])
    page.evaluate(
        "(key) => localStorage.setItem(key, JSON.stringify([{date: '2026-01-15', code: JSON.parse(localStorage.getItem(key))[0].code}]))",
        key,
    )
    # "Start again" keeps the history; the next answers make a second result.
    page.locator("[data-start-again]").click()
    page.wait_for_url("**/quiz.html")
    assert page.evaluate("(key) => JSON.parse(localStorage.getItem(key)).length", key) == 1
    open_own_result(page, v2_url, second)
    date = page.evaluate(
        "() => new Date('2026-01-15T12:00').toLocaleDateString(document.documentElement.lang, {dateStyle: 'long'})"
    )
    assert page.locator("#history-note").text_content() == fill(UI["history_since"], date=date)
    before, after = expected_result(DATA, first)["dimensions"], expected_result(DATA, second)["dimensions"]
    expected = [
        fill(
            UI["history_change"],
            dimension=NAMES[d],
            change=("+" if after[d] > before[d] else "") + str(after[d] - before[d]),
            before=before[d],
            after=after[d],
        )
        for d in DIMENSIONS
    ]
    assert changes(page) == expected
    page.reload()
    assert changes(page) == expected
    # Forget everything: no key of the site is left.
    page.locator("#forget").click()
    assert page.locator("#history-note").text_content() == UI["history_forgotten"]
    assert page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('sci:'))") == []


def test_history_with_storage_that_throws(browser, v2_url, watch):
    """Storage blocked outright (a private mode, a policy): the quiz sends the answers in
    the link, and the result says that no earlier result can be kept."""
    context = browser.new_context()
    context.add_init_script("""
      Object.defineProperty(window, "localStorage", {get() { throw new DOMException("denied", "SecurityError"); }});
    """)
    page = context.new_page()
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    page.goto(v2_url + "result.html")
    code = page.evaluate("(a) => SCI.encodeAnswers(SCI.readData(document), a)", {i: 4 for i in IDS})
    page.goto("about:blank")
    page.goto(v2_url + "result.html#" + code)
    page.locator("#result").wait_for(state="visible")
    assert page.locator("#overall-score").text_content() == fill(UI["score_out_of"], score=50)
    assert page.locator("#history-note").text_content() == UI["history_unavailable"]
    assert page.locator("#forget").is_hidden()
    page.reload()
    assert page.locator("#history-note").text_content() == UI["history_unavailable"]
    assert watch.errors == []
    context.close()


def test_history_when_keeping_it_throws(page, v2_url):
    """Storage that reads but refuses to write the history (a full quota): the result
    still shows, as a first result, reload after reload."""
    open_own_result(page, v2_url, {i: 4 for i in IDS})  # one result kept
    page.add_init_script("""
      const real = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (k.endsWith(":history")) throw new DOMException("full", "QuotaExceededError");
        return real.call(this, k, v);
      };
    """)
    open_own_result(page, v2_url, {i: 2 for i in IDS})
    date = page.evaluate("() => new Date().toLocaleDateString(document.documentElement.lang, {dateStyle: 'long'})")
    assert page.locator("#history-note").text_content() == fill(UI["history_since"], date=date)
    page.reload()
    assert page.locator("#history-note").text_content() == fill(UI["history_since"], date=date)
    assert len(changes(page)) == len(DIMENSIONS)


def test_method_page_carries_the_rules_and_the_profiles(page, v2_url):
    page.goto(v2_url + "result.html")
    page.locator("footer a[href='method.html']").click()
    page.wait_for_url("**/method.html")
    text = page.locator("main").inner_text()
    assert page.locator("h1").text_content() == UI["method_title"]
    assert fill(UI["scoring_floor_rule"], floor=DATA["scoring"]["floor"], band=DATA["bands"][CAP]["title"]) in text
    for profile in profiles(DATA):
        assert profile["label"] in text and profile["note"] in text
    assert page.locator("#scoring").is_visible()


def test_compare_shows_the_groups_not_sure_share(page, v2_url):
    page.goto(v2_url + "result.html")
    people = [{i: 0 for i in IDS}, {i: 4 for i in IDS}, {**{i: 4 for i in IDS}, IDS[0]: 0}]
    codes = page.evaluate("(sets) => sets.map((a) => SCI.encodeAnswers(SCI.readData(document), a))", people)
    page.goto(v2_url + "compare.html")
    page.locator("#lines").fill("\n".join(codes))
    page.locator("#compare").click()
    for dimension in DIMENSIONS:
        own = [s["id"] for s in DATA["statements"] if s["dimension"] == dimension]
        unsure = sum(1 for p in people for i in own if p.get(i) == 0)
        percent = round(unsure * 100 / (len(own) * len(people)) + 1e-9)
        cell = page.locator(f'tr[data-dimension="{dimension}"] td.unsure')
        assert cell.get_attribute("data-percent") == str(percent)
        assert cell.text_content() == fill(UI["compare_unsure"], percent=percent)


def test_the_new_result_parts_are_accessible_in_light_and_dark(page, v2_url, axe_source):
    answers = broken(DIMENSIONS[2])
    answers[IDS[0]] = 0
    open_own_result(page, v2_url, {i: 3 for i in IDS})
    open_own_result(page, v2_url, answers)
    for summary in page.locator("table.dimensions summary").all():
        summary.click()
    for part in ("#held", "#blind", "#history", "#history-changes li"):
        assert page.locator(part).first.is_visible(), part
    found, dark_changes = axe_in_light_and_dark(page, axe_source)
    assert found == {key: [] for key in found}, f"dark changes: {dark_changes}"


def test_the_worksheet_key_carries_the_weakest_link_rule(page, v2_url):
    """Scored by hand from the printed key, the weakest-link step included, a sheet gets
    the band the site gives the same answers."""
    from test_print_worksheet import Tables, pattern, read_key

    page.goto(v2_url + "worksheet.html")
    html = page.content()
    _, dimensions, needed, bands = read_key(html)
    rule = next(step for step in Tables(html).steps if re.fullmatch(pattern(UI["scoring_floor_rule"]), step))
    found = re.fullmatch(pattern(UI["scoring_floor_rule"]), rule)
    floor, capped = int(found.group("floor")), found.group("band")
    numbers = {s["id"]: n for n, s in enumerate(DATA["statements"], start=1)}
    rng = random.Random(35)
    sheets = [{i: rng.choice([1, 2, 3, 4, 5, 5, 1]) for i in IDS} for _ in range(60)] + [broken(d) for d in DIMENSIONS]
    page.goto(v2_url + "result.html")
    site = page.evaluate("(sets) => sets.map((a) => SCI.score(SCI.readData(document), a))", sheets)
    held = 0
    for sheet, result in zip(sheets, site):
        ticks = {numbers[i]: v for i, v in sheet.items()}
        scores = []
        for marked in dimensions.values():
            values = [6 - ticks[n] if reversed_ else ticks[n] for n, reversed_ in marked]
            scores.append((sum(values) - len(values)) * 25 / len(values))
        overall = int(sum(scores) / len(scores) + 0.5)
        titles = [title for _, _, title in bands]
        title = next(title for low, high, title in bands if low <= overall <= high)
        if min(scores) < floor and titles.index(title) > titles.index(capped):
            title, held = capped, held + 1
        assert (overall, title) == (result["overall"], DATA["bands"][result["band"]]["title"]), sheet
        assert len(sheet) >= needed
    assert held >= len(DIMENSIONS)
