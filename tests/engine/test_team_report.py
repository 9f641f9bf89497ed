"""The team report's figures for every export format, against the test's own computation
from the respondents the exports were made from (tests/team_exports.py), and its pure
functions in Node's test runner (tests/js/)."""

import json
import re
import subprocess
import shutil
from pathlib import Path

import pytest

import build
from expected import content, exact_dimension_scores, quantile
from support import FIXTURE
from sitebuild.languages import match_texts
from team_exports import EXPORTS, FRENCH, IN_FRENCH, all_exports

DATA = content(FIXTURE)
TRUTH = json.loads((EXPORTS / "truth.json").read_text(encoding="utf-8"))
FORMATS = [
    "google-forms.csv",
    "qualtrics.csv",
    "qualtrics-text.tsv",
    "surveymonkey.csv",
    "limesurvey.csv",
    "kobotoolbox.csv",
    "result-links.txt",
]
NODE = shutil.which("node")
JS = Path(__file__).resolve().parent.parent / "js"  # tests/js/


def page_data(html):
    return json.loads(re.search(r"<script[^>]*\bid=\"?sci-data\"?[^>]*>(.*?)</script>", html, re.S).group(1))


@pytest.fixture(scope="module")
def data_file(tmp_path_factory):
    """The team page's data, from a build of the fixture questions.yaml."""
    out = tmp_path_factory.mktemp("team") / "_site"
    assert build.main(["--source", str(FIXTURE), "--out", str(out)]) == 0
    path = out.parent / "data.json"
    path.write_text(json.dumps(page_data((out / "team.html").read_text(encoding="utf-8"))), encoding="utf-8")
    return path


def node_reports(data_file, names):
    if NODE is None:
        pytest.fail("node is missing: make test installs Debian's nodejs")
    run = subprocess.run(
        [NODE, str(JS / "report_cli.js"), str(data_file)] + [str(EXPORTS / n) for n in names],
        capture_output=True,
        text=True,
        check=True,
    )
    return {Path(k).name: v for k, v in json.loads(run.stdout).items()}


# --- The test's own computation ------------------------------------------------------------


def hide(counts, minimum):
    """Which groups to hide: under the minimum, then the smallest shown ones until the hidden
    groups are two or more with at least the minimum people together. Written from the
    README's rule, not from teamreport.js."""
    present = [i for i, n in enumerate(counts) if n > 0]
    if sum(counts) < minimum:
        return {i: "small" for i in present}
    hidden = {i: "small" for i in present if counts[i] < minimum}
    while hidden and (len(hidden) < 2 or sum(counts[i] for i in hidden) < minimum):
        shown = sorted((counts[i], i) for i in present if i not in hidden)
        if not shown:
            break
        hidden[shown[0][1]] = "complement"
    return hidden


def expected_report(data, people):
    minimum = data["scoring"]["min_group_size"]
    groups = len(data["roles"]) + 1

    def group(person):
        return groups - 1 if person["role"] is None else person["role"]

    rated = {s["id"]: [0] * groups for s in data["statements"]}
    for person in people:
        for sid, value in person["answers"].items():
            if value:
                rated[sid][group(person)] += 1
    dimensions = {}
    for d in data["dimensions"]:
        ids = [s["id"] for s in data["statements"] if s["dimension"] == d["id"]]
        counts = [min(rated[i][g] for i in ids) for g in range(groups)]
        hidden = hide(counts, minimum)
        rows = []
        for g in range(groups):
            scores = [exact_dimension_scores(data, p["answers"])[d["id"]] for p in people if group(p) == g]
            scores = [s for s in scores if s is not None]
            shown = g not in hidden and counts[g] > 0
            rows.append(
                {
                    "rated": counts[g],
                    "hidden": hidden.get(g),
                    "spread": {
                        k: quantile(scores, q)
                        for k, q in (("min", 0), ("q1", 0.25), ("median", 0.5), ("q3", 0.75), ("max", 1))
                    }
                    if shown
                    else None,
                }
            )
        dimensions[d["id"]] = rows
    return dimensions


EXPECTED = expected_report(DATA, TRUTH)


def test_the_fixture_has_a_group_under_the_minimum_and_one_hidden_beside_it():
    hidden = [row for rows in EXPECTED.values() for row in rows if row["hidden"]]
    assert {row["hidden"] for row in hidden} == {"small", "complement"}


@pytest.mark.parametrize("name", FORMATS)
def test_medians_spreads_and_hidden_groups_equal_the_tests_own_computation(data_file, name):
    got = node_reports(data_file, [name])[name]
    assert got["people"] == len(TRUTH)
    for d, row in zip(DATA["dimensions"], got["report"]["dimensions"]):
        for g, (mine, theirs) in enumerate(zip(EXPECTED[d["id"]], row["groups"])):
            assert theirs["rated"] == mine["rated"], (d["id"], g)
            assert theirs["hidden"] == mine["hidden"], (d["id"], g)
            if mine["spread"] is None:
                assert theirs["spread"] is None, (d["id"], g)
            else:
                assert theirs["spread"] == pytest.approx(mine["spread"]), (d["id"], g)


@pytest.fixture(scope="module")
def every_language_file(data_file, tmp_path_factory):
    """The team page's data as teampage.js has it once texts.json is read (data.languages), on
    a site in the fixture's English with French and Arabic translations (tests/forks/)."""
    data = json.loads(data_file.read_text(encoding="utf-8"))
    data["languages"] = match_texts([DATA, content(FRENCH), content(FRENCH.with_name("ar.yaml"))])
    path = tmp_path_factory.mktemp("languages") / "data.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def figures(report):
    return [[(g["rated"], g["hidden"], g["spread"]) for g in row["groups"]] for row in report["dimensions"]]


def test_a_french_teams_export_gives_the_english_figures_on_the_english_page(data_file, every_language_file):
    """French statement texts, scale labels, roles and role question (the .xlsx one is read
    by the page itself, in tests/engine/test_team_browser.py)."""
    name = "surveymonkey.csv"
    french = IN_FRENCH[name]
    english = node_reports(data_file, [name])[name]
    got = node_reports(every_language_file, [french])[french]
    assert got["people"] == english["people"] == len(TRUTH)
    assert got["unmatched"] == english["unmatched"]
    assert figures(got["report"]) == figures(english["report"])
    # Without the other languages' words, nothing of the French file is matched.
    alone = node_reports(data_file, [french])[french]
    assert alone["people"] == 0


def test_what_could_not_be_matched_is_listed_with_its_count_never_guessed(data_file):
    got = node_reports(data_file, ["google-forms.csv"])["google-forms.csv"]
    values = [(e["value"], e["rows"]) for e in got["unmatched"] if e["value"] is not None]
    assert values == [("Board member", 1)]
    columns = {e["column"] for e in got["unmatched"] if e["value"] is None}
    assert columns == {"Timestamp", "Anything else?"}


def test_the_exports_are_those_the_kits_make_today():
    """The fixtures are written from the kits' codes (a round trip); a kit change that would
    break reading them back shows here. Rewrite them with python tests/team_exports.py."""
    for name, body in all_exports().items():
        assert (EXPORTS / name).read_bytes() == body, name


def test_pure_functions_in_nodes_test_runner():
    if NODE is None:
        pytest.fail("node is missing: make test installs Debian's nodejs")
    run = subprocess.run([NODE, "--test", str(JS / "teamreport.test.js")], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
