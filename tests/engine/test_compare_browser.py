"""The compare page in a real browser: a group's medians and spreads against the test's
own computation, the largest gaps in words, bad lines, and keeping a comparison."""

import random

import pytest

from expected import content, encode_link, exact_dimension_scores, half_up, quantile
from sitebuild.render import fill, fingerprint

DATA = content()
UI = DATA["ui"]
IDS = [s["id"] for s in DATA["statements"]]
DIMENSIONS = [d["id"] for d in DATA["dimensions"]]
NAMES = {d["id"]: d["name"] for d in DATA["dimensions"]}
FINGERPRINT = fingerprint(DATA)


def code(answers):
    return encode_link(DATA, FINGERPRINT, answers)


def isolated(name):
    """A name as the page writes it in text: between U+2068 and U+2069 (bidi isolation)."""
    return "\u2068" + name + "\u2069"


def random_people(seed, count):
    """[(label, answers)]: mostly full answers, some gaps and "not sure"."""
    rng = random.Random(seed)
    people = []
    for _ in range(count):
        skip = rng.choice([0, 0, 0.2])
        people.append(("", {i: rng.choice([0, 1, 2, 3, 4, 5]) for i in IDS if rng.random() >= skip}))
    return people


def expected_table(people, chosen):
    """{dimension: {person, median, q1, q3, min, max}}, rounded as shown; None where nobody scored."""
    scores = [exact_dimension_scores(DATA, answers) for _, answers in people]
    table = {}
    for dimension in DIMENSIONS:
        values = [s[dimension] for s in scores if s[dimension] is not None]
        own = scores[chosen][dimension]
        row = {"person": None if own is None else half_up(own)}
        for name, p in [("min", 0), ("q1", 0.25), ("median", 0.5), ("q3", 0.75), ("max", 1)]:
            row[name] = half_up(quantile(values, p)) if values else None
        table[dimension] = row
    return table


def expected_gaps(people, chosen, name):
    scores = [exact_dimension_scores(DATA, answers) for _, answers in people]
    medians = {}
    for dimension in DIMENSIONS:
        values = [s[dimension] for s in scores if s[dimension] is not None]
        medians[dimension] = quantile(values, 0.5) if values else None
    gaps = [
        (dimension, scores[chosen][dimension] - medians[dimension])
        for dimension in DIMENSIONS
        if scores[chosen][dimension] is not None and medians[dimension] is not None
    ]
    gaps.sort(key=lambda entry: -abs(entry[1]))  # stable: ties keep questions.yaml's order
    sentences = [
        fill(
            UI["compare_gap_higher" if gap > 0 else "compare_gap_lower"],
            label=name,
            dimension=NAMES[dimension],
            gap=half_up(abs(gap)),
            median=half_up(medians[dimension]),
        )
        for dimension, gap in gaps
        if half_up(abs(gap)) >= 1
    ][:3]
    return sentences or [fill(UI["compare_no_gap"], label=name)]


SHOWN = """() => {
  const number = (text) => text === "" ? null : Number(text);
  const table = {};
  document.querySelectorAll(".compare tr[data-dimension]").forEach((row) => {
    const cell = (name) => row.querySelector("td." + name);
    table[row.dataset.dimension] = {
      person: number(cell("person").dataset.score),
      median: number(cell("median").dataset.score),
      q1: number(cell("quartiles").dataset.low), q3: number(cell("quartiles").dataset.high),
      min: number(cell("range").dataset.low), max: number(cell("range").dataset.high),
    };
  });
  return table;
}"""


def compare(page, base_url, lines):
    page.goto(base_url + "compare.html")
    page.fill("#lines", "\n".join(lines))
    page.get_by_role("button", name=UI["compare_button"]).click()


def test_three_results_with_labels_in_each_syntax(page, base_url):
    people = (
        [("VP Sales", a) for _, a in random_people(1, 1)]
        + [("CEO", a) for _, a in random_people(2, 1)]
        + random_people(3, 1)
    )
    compare(
        page,
        base_url,
        [
            f"VP Sales, {code(people[0][1])}",
            f"CEO: https://example.org/sci/result.html#{code(people[1][1])}",
            f"{base_url}result.html#{code(people[2][1])}",
        ],
    )
    assert page.locator("#count").text_content() == fill(UI["compare_count"], count=3)
    chooser = page.get_by_label(UI["compare_person_label"])
    assert chooser.locator("option").all_text_contents() == [
        isolated("VP Sales"),
        isolated("CEO"),
        isolated(fill(UI["respondent_unnamed"], line=3)),
    ]
    assert chooser.input_value() == "1"  # the CEO first
    assert page.evaluate(SHOWN) == expected_table(people, 1)
    assert page.locator("#gaps li").all_text_contents() == expected_gaps(people, 1, "CEO")
    for chosen, name in [(0, "VP Sales"), (2, fill(UI["respondent_unnamed"], line=3))]:
        chooser.select_option(str(chosen))
        assert page.evaluate(SHOWN) == expected_table(people, chosen)
        assert page.locator("#gaps li").all_text_contents() == expected_gaps(people, chosen, name)
    assert page.locator("#problems").is_hidden()


def test_500_results(page, base_url):
    people = random_people(500, 500)
    compare(page, base_url, [code(answers) for _, answers in people])
    page.locator("#comparison").wait_for(state="visible")
    assert page.locator("#count").text_content() == fill(UI["compare_count"], count=500)
    assert page.evaluate(SHOWN) == expected_table(people, 0)
    assert page.locator("#person option").count() == 500
    page.get_by_label(UI["compare_person_label"]).select_option("499")
    assert page.evaluate(SHOWN) == expected_table(people, 499)
    assert page.locator("#gaps li").all_text_contents() == expected_gaps(
        people, 499, fill(UI["respondent_unnamed"], line=500)
    )


def test_the_same_answers_show_no_gap(page, base_url):
    answers = {i: 4 for i in IDS}
    compare(page, base_url, [f"CEO: {code(answers)}", f"AE West: {code(answers)}"])
    assert page.locator("#gaps li").all_text_contents() == [fill(UI["compare_no_gap"], label="CEO")]


def test_bad_lines_are_reported_and_left_out(page, base_url):
    good = random_people(7, 2)
    other_version = "1" + code(good[0][1])[1:]
    other_questions = code(good[0][1]).replace(FINGERPRINT, "00000000")
    compare(
        page,
        base_url,
        [
            f"CEO: {code(good[0][1])}",
            "CEO: " + code(good[0][1])[:-2],
            "",
            f"AE West, {other_questions}",
            other_version,
            f"  {code(good[1][1])}  ",
            "just a name",
        ],
    )
    reasons = [(2, "garbled"), (4, "questions"), (5, "version"), (7, "garbled")]
    assert page.locator("#problems h2").text_content() == UI["compare_problems_title"]
    assert page.locator("#problem-list li").all_text_contents() == [
        fill(UI["compare_problem"], line=line, reason=UI[f"link_{kind}"]) for line, kind in reasons
    ]
    assert page.locator("#count").text_content() == fill(UI["compare_count"], count=2)
    assert page.evaluate(SHOWN) == expected_table(good, 0)


def test_nothing_to_compare_says_what_to_do(page, base_url):
    compare(page, base_url, ["", "   "])
    summary = page.locator("#compare-error")
    assert summary.is_visible() and summary.evaluate("el => el === document.activeElement")
    assert summary.locator("a").text_content() == UI["compare_empty"]
    assert page.locator("#comparison").is_hidden()
    summary.locator("a").click()
    assert page.locator("#lines").evaluate("el => el === document.activeElement")


def test_labels_are_text_never_markup(page, base_url):
    answers = {i: 2 for i in IDS}
    label = '<img src=x onerror="alert(1)"> & <b>Board</b>'
    compare(page, base_url, [f"{label}: {code(answers)}"])
    assert page.locator("#person option").all_text_contents() == [isolated(label)]
    assert page.locator("main img, main b").count() == 0
    assert page.locator("#gaps li").all_text_contents() == [fill(UI["compare_no_gap"], label=label)]


def test_a_comparison_comes_back_from_its_link(browser, page, base_url):
    people = random_people(11, 4)
    labels = ["CEO", "VP: Sales, EMEA", "", "Zoë #1"]
    lines = [f"{label}: {code(a)}" if label else code(a) for label, (_, a) in zip(labels, people)]
    compare(page, base_url, lines)
    kept = page.locator("#keep-link").input_value()
    assert kept == page.url and "#2." in kept
    assert len(kept.split("#", 1)[1]) < sum(len(line) for line in lines)  # compact: one version and fingerprint
    page.goto("about:blank")
    page.goto(kept)
    page.locator("#comparison").wait_for(state="visible")
    assert page.locator("#lines").input_value() == "\n".join(
        f"{isolated(label)}: {code(a)}" if label else code(a) for label, (_, a) in zip(labels, people)
    )
    assert page.locator("#person option").all_text_contents() == [
        isolated(name) for name in ["CEO", "VP: Sales, EMEA", fill(UI["respondent_unnamed"], line=3), "Zoë #1"]
    ]
    assert page.evaluate(SHOWN) == expected_table(list(zip(labels, [a for _, a in people])), 0)


def test_a_comparison_saves_as_a_text_file(page, base_url, tmp_path):
    people = random_people(12, 3)
    lines = ["CEO: " + code(people[0][1]), "broken", code(people[1][1]), "AE, " + code(people[2][1])]
    compare(page, base_url, lines)
    with page.expect_download() as download:
        page.get_by_role("button", name=UI["compare_save"]).click()
    assert download.value.suggested_filename == UI["compare_file_name"]
    saved = tmp_path / "saved.txt"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert (
        text
        == "\n".join(
            [
                isolated("CEO") + ": " + code(people[0][1]),
                code(people[1][1]),
                isolated("AE") + ": " + code(people[2][1]),
            ]
        )
        + "\n"
    )
    # The saved file opens again through the file picker, to the same numbers.
    page.goto(base_url + "compare.html")
    page.set_input_files("#file", files=[{"name": "saved.txt", "mimeType": "text/plain", "buffer": text.encode()}])
    page.locator("#comparison").wait_for(state="visible")
    assert page.evaluate(SHOWN) == expected_table(people, 0)
    # No CSP violation or console error: the page fixture would fail the test.


def test_a_csv_file_from_a_spreadsheet(page, base_url):
    people = random_people(13, 2)
    csv = f'label,link\r\n"VP, Sales",{base_url}result.html#{code(people[0][1])}\r\nCEO,"{code(people[1][1])}"\r\n'
    page.goto(base_url + "compare.html")
    page.set_input_files("#file", files=[{"name": "team.csv", "mimeType": "text/csv", "buffer": csv.encode()}])
    page.locator("#comparison").wait_for(state="visible")
    assert page.locator("#person option").all_text_contents() == [isolated("VP, Sales"), isolated("CEO")]
    assert page.get_by_label(UI["compare_person_label"]).input_value() == "1"
    assert page.locator("#problems").is_hidden()  # the heading row is no bad line
    assert page.evaluate(SHOWN) == expected_table(people, 1)


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_the_comparison_prints_without_its_controls(page, base_url, size):
    people = random_people(14, 5)
    compare(page, base_url, [f"CEO: {code(people[0][1])}"] + [code(a) for _, a in people[1:]])
    page.emulate_media(media="print")
    for hidden in ["header", "footer", "#lines", "#compare", "#keep"]:
        assert page.locator(hidden).is_hidden(), hidden
    assert page.locator(".compare").is_visible() and page.locator("#gaps").is_visible()
    pdf = page.pdf(format=size)
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1
