"""Issue 9 on the build side, on tests/fixtures/v2.yaml: reference profiles as a list
(and the old single group still read), the weakest-link floor in band reachability, and
the scripts' data for both."""

import json
import re

import yaml

import build
import expected
from expected import ENGINE, V2
from sitebuild.render import fill
from sitebuild.scoring import reachable_scores

V2_TEXT = V2.read_text(encoding="utf-8")


def run(tmp_path, capsys, data):
    source = tmp_path / "questions.yaml"
    source.write_text(
        data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    status = build.main(["--source", str(source), "--out", str(tmp_path / "site")])
    return status, capsys.readouterr().err.splitlines()


def page_data(site, page="result.html"):
    html = (site / page).read_text(encoding="utf-8")
    return json.loads(re.search(r"<script id=sci-data type=application/json>(.*?)</script>", html, re.S).group(1))


def test_v2_builds_without_a_warning(tmp_path, capsys):
    assert run(tmp_path, capsys, V2_TEXT) == (0, [])
    data = page_data(tmp_path / "site")
    content = expected.content(V2)
    ids = [s["id"] for s in content["statements"]]
    assert data["reference"] == [[p["answers"][i] for i in ids] for p in content["reference"]]
    liability = [i for i, b in enumerate(content["bands"]) if b["side"] == "liability"]
    assert (data["floor"], data["cap"]) == (content["scoring"]["floor"], liability[-1])
    # The rule in words, wherever the scoring is explained: the result, the method page, the worksheet's key.
    rule = fill(content["ui"]["scoring_floor_rule"], floor=data["floor"], band=content["bands"][data["cap"]]["title"])
    for page in ("method.html", "result.html", "worksheet.html"):
        assert rule in (tmp_path / "site" / page).read_text(encoding="utf-8"), page


def test_without_a_floor_the_scripts_get_no_weakest_link_rule(tmp_path, capsys):
    content = expected.content(V2)
    del content["scoring"]["floor"]
    assert run(tmp_path, capsys, content)[0] == 0
    data = page_data(tmp_path / "site")
    assert "floor" not in data and "cap" not in data
    rule = content["ui"]["scoring_floor_rule"].split("{")[0]
    for page in ("method.html", "result.html", "worksheet.html"):
        assert rule not in (tmp_path / "site" / page).read_text(encoding="utf-8"), page


def test_a_file_with_one_reference_group_is_read_as_a_list_of_one(tmp_path, capsys):
    assert run(tmp_path, capsys, ENGINE.read_text(encoding="utf-8")) == (0, [])
    content = expected.content(ENGINE)
    ids = [s["id"] for s in content["statements"]]
    assert page_data(tmp_path / "site")["reference"] == [[content["reference"]["answers"][i] for i in ids]]
    result = (tmp_path / "site" / "result.html").read_text(encoding="utf-8")
    assert content["reference"]["label"] in result and "td class=gap" not in result


def test_two_profiles_with_one_id(tmp_path, capsys):
    text = V2_TEXT.replace("  - id: customer-view\n", "  - id: ceo-before\n")
    first = text.split("\n").index("  - id: ceo-before") + 1
    second = text.split("\n").index("  - id: ceo-before", first) + 1
    assert run(tmp_path, capsys, text) == (
        1,
        [
            f'questions.yaml:{second}:9: the profile id "ceo-before" is used twice (first on line {first}); give each profile an id of its own',
            "1 error, 0 warnings in questions.yaml; nothing was written.",
        ],
    )


def test_a_profile_without_an_answer(tmp_path, capsys):
    lines = V2_TEXT.split("\n")
    second = lines.index("  - id: customer-view")
    answers = next(n for n in range(second, len(lines)) if lines[n] == "    answers:")
    removed = lines.pop(answers + 1).strip().split(":")[0]
    assert run(tmp_path, capsys, "\n".join(lines)) == (
        1,
        [
            f'questions.yaml:{answers + 2}:7: reference 2 › answers has no answer for statement "{removed}"; add `{removed}: ` with a number from 1 to 5',
            "1 error, 0 warnings in questions.yaml; nothing was written.",
        ],
    )


def test_a_floor_with_no_liability_band_to_cap_at(tmp_path, capsys):
    content = expected.content(V2)
    for band in content["bands"]:
        band["side"] = "asset"
    status, lines = run(tmp_path, capsys, content)
    assert status == 1
    assert lines[0].endswith(
        ": scoring › floor caps the verdict at the highest liability band, and there is none; add a band with `side: liability`, or remove floor"
    )


def test_a_floor_too_high_for_an_asset_band(tmp_path, capsys):
    """With every dimension at 95 or more, the mean is 95 or more: a band from 55 to 74
    above the cap cannot be shown."""
    content = expected.content(V2)
    content["scoring"]["floor"] = 95
    content["scoring"]["advice_levels"] = {"middle": 35, "high": 75}
    status, lines = run(tmp_path, capsys, content)
    assert status == 1
    assert lines[0].endswith(
        ": no set of answers with every dimension at 95 or above (scoring › floor) gives an overall score from 55 to 74, so band 3 can never be shown; widen it by moving its min or the next band's, or lower the floor"
    )


def test_reachable_scores_with_a_floor():
    sizes = [4] * 5
    assert min(reachable_scores(sizes, floor=35)) == 38  # each dimension at 37.5 at least: 25 * 6 / 4
    assert max(reachable_scores(sizes, floor=35)) == 100
    assert reachable_scores(sizes, floor=0) == reachable_scores(sizes)
    assert reachable_scores(sizes, floor=100) == {100}
