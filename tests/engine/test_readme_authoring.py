"""The README's "Make it your own", and the worked example and band table of docs/scoring.md,
stay true to the content they were written from: our own (tests/fixtures/v2.yaml, a snapshot
of questions.yaml as we ship it), so a fork's edits never fail them."""

import re

from support import ROOT
from expected import V2, content, expected_held_by, expected_result
from sitebuild.scoring import band_ranges

README = (ROOT / "README.md").read_text(encoding="utf-8")
SCORING = (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")
DATA = content(V2)  # the content the worked example was written from


def section(title, text=README):
    return text.split(f"\n{title}\n", 1)[1].split("\n## ", 1)[0]


def test_make_it_your_own_takes_at_most_five_steps():
    steps = re.findall(r"^(\d+)\. ", section("## Make it your own").split("\n\n", 2)[1], re.MULTILINE)
    assert steps == [str(n) for n in range(1, len(steps) + 1)] and 3 <= len(steps) <= 5
    assert "Settings › Pages › Build and deployment › Source: GitHub Actions" in README


def test_the_band_table_is_the_bands_of_questions_yaml():
    rows = re.findall(
        r"^\| (\d+) \| (\d+) to (\d+) \| (\w+) \| (.+) \|$",
        section("## How a band is chosen: a worked example", SCORING),
        re.MULTILINE,
    )
    bands = DATA["bands"]
    ranges = band_ranges([b["min"] for b in bands])
    assert rows == [
        (str(b["min"]), str(low), str(high), b["side"], b["title"]) for b, (low, high) in zip(bands, ranges)
    ]


def test_the_worked_example_is_what_the_site_computes():
    answers = {
        "cv-owner": 2,
        "cv-notes": 4,
        "cv-told": 1,
        "cv-repeat": 0,
        "val-goals": 4,
        "val-number": 2,
        "val-shelfware": 2,
        "val-pause": 4,
        "fb-blame": 1,
        "fb-engineer": 4,
        "fb-levels": 2,
        "fb-budget": 4,
        "cr-pitch": 2,
        "cr-visit": 4,
        "cr-idea": 3,
        "cr-fault": 1,
        "hf-praise": 4,
        "hf-tenure": 2,
        "hf-spoken": 4,
        "hf-surprise": 2,
    }
    result = expected_result(DATA, answers)
    example = section("## How a band is chosen: a worked example", SCORING)
    for statement_id, value in answers.items():
        assert re.search(rf"\b{statement_id} (\"not sure\"|{value}\b)", example), statement_id
    assert f"**{result['overall']}**" in example
    assert f"**{DATA['bands'][result['band']]['title']}**" in example
    names = {d["id"]: d["name"] for d in DATA["dimensions"]}
    held = expected_held_by(DATA, answers)
    assert held and f"{names[held]} holds it down" in example  # the example shows the weakest-link rule at work
    for dimension in DATA["dimensions"]:
        counted = [
            6 - answers[s["id"]] if s.get("reverse") else answers[s["id"]]
            for s in DATA["statements"]
            if s["dimension"] == dimension["id"] and answers[s["id"]]
        ]
        total, n = sum(counted), len(counted)
        score = f"{(total - n) * 25 / n:.2f}".rstrip("0").rstrip(".")
        assert re.search(rf"^\| {dimension['name']} \| .* \| {total}, {n} \| {score} \|$", example, re.MULTILINE), (
            dimension["name"]
        )
    weakest = sorted(result["dimensions"].items(), key=lambda item: item[1])[:2]
    names = {d["id"]: d["name"] for d in DATA["dimensions"]}
    for dimension_id, score in weakest:
        assert f"{names[dimension_id]} ({score}, " in example


def test_the_readme_stays_short_for_fork_authors_and_first_readers():
    """The reference lives in docs/: the README says what this is, the two commands, how to
    make it your own and where to read more, in at most 150 lines."""
    assert len(README.splitlines()) <= 150
    for link in re.findall(r"\]\((docs/[\w.-]+\.md)", README):
        assert (ROOT / link).is_file(), link
