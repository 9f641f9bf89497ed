"""The README's "Make it your own" and its worked example stay true to questions.yaml."""

import re

from support import ROOT
from expected import LIVE, content, expected_held_by, expected_result

README = (ROOT / "README.md").read_text(encoding="utf-8")
DATA = content(LIVE)  # the README documents the live file


def section(title):
    return README.split(f"\n{title}\n", 1)[1].split("\n## ", 1)[0]


def test_make_it_your_own_takes_at_most_five_steps():
    steps = re.findall(r"^(\d+)\. ", section("## Make it your own").split("\n\n", 2)[1], re.MULTILINE)
    assert steps == [str(n) for n in range(1, len(steps) + 1)] and 3 <= len(steps) <= 5
    assert "Settings › Pages › Build and deployment › Source: GitHub Actions" in README


def test_the_band_table_is_the_bands_of_questions_yaml():
    rows = re.findall(r"^\| (\d+) \| (\d+) to (\d+) \| (\w+) \| (.+) \|$", section("#### How a band is chosen: a worked example"), re.MULTILINE)
    bands = DATA["bands"]
    ends = [b["min"] - 1 for b in bands[1:]] + [100]
    assert rows == [(str(b["min"]), str(b["min"]), str(end), b["side"], b["title"]) for b, end in zip(bands, ends)]


def test_the_worked_example_is_what_the_site_computes():
    answers = {
        "cv-owner": 2, "cv-notes": 4, "cv-told": 1, "cv-repeat": 0,
        "val-goals": 4, "val-number": 2, "val-shelfware": 2, "val-pause": 4,
        "fb-blame": 1, "fb-engineer": 4, "fb-levels": 2, "fb-budget": 4,
        "cr-pitch": 2, "cr-visit": 4, "cr-idea": 3, "cr-fault": 1,
        "hf-praise": 4, "hf-tenure": 2, "hf-spoken": 4, "hf-surprise": 2,
    }
    result = expected_result(DATA, answers)
    example = section("#### How a band is chosen: a worked example")
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
            for s in DATA["statements"] if s["dimension"] == dimension["id"] and answers[s["id"]]
        ]
        total, n = sum(counted), len(counted)
        score = f"{(total - n) * 25 / n:.2f}".rstrip("0").rstrip(".")
        assert re.search(rf"^\| {dimension['name']} \| .* \| {total}, {n} \| {score} \|$", example, re.MULTILINE), dimension["name"]
    weakest = sorted(result["dimensions"].items(), key=lambda item: item[1])[:2]
    names = {d["id"]: d["name"] for d in DATA["dimensions"]}
    for dimension_id, score in weakest:
        assert f"{names[dimension_id]} ({score}, " in example
