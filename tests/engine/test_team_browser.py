"""The team page in a real browser: every export format through the page's own readers
(Papa Parse, fflate + DOMParser), loaded only when needed; the figures on the page equal
the test's own computation; hidden groups and their complements are in neither the page,
the print nor the saved CSV."""

import csv
import io
import random
import re

import pytest

from expected import content, encode_link, exact_dimension_scores, half_up, quantile
from sitebuild.render import fill, fingerprint
from support import FIXTURE
from team_exports import EXPORTS
from test_team_report import EXPECTED, FORMATS, TRUTH

DATA = content(FIXTURE)
UI = DATA["ui"]
ROLES = [r["label"] for r in DATA["roles"]] + [UI["team_role_missing"]]
NAMES = {d["id"]: d["name"] for d in DATA["dimensions"]}

SHOWN = """() => {
  const tables = {};
  document.querySelectorAll("#team-dimensions table[data-dimension]").forEach((table) => {
    tables[table.dataset.dimension] = [...table.tBodies[0].rows].map((row) => [...row.cells].map((cell) => cell.textContent));
  });
  return tables;
}"""


@pytest.fixture
def team_url(base_url):
    """The team page of the engine's fixture site (built once a session)."""
    return base_url + "team.html"


def isolated(name):
    return "\u2068" + name + "\u2069"


def make_report(page, path=None, text=None):
    if path:
        page.set_input_files("#team-file", str(path))
    if text is not None:
        page.fill("#team-paste", text)
    page.click("#team-read")
    page.wait_for_selector("#team-report:not([hidden]), #team-error:not([hidden])", timeout=20000)


def expected_rows(dimension):
    """The page's rows for one dimension: everyone, then each role (and "role not given"
    when anyone is in it), with figures only where the group is shown."""
    people = TRUTH
    scores = [s for s in (exact_dimension_scores(DATA, p["answers"])[dimension] for p in people) if s is not None]
    ids = [s["id"] for s in DATA["statements"] if s["dimension"] == dimension]
    rated_all = min(sum(1 for p in people if p["answers"].get(i)) for i in ids)
    rows = [
        [
            UI["team_everyone"],
            str(rated_all),
            str(half_up(quantile(scores, 0.5))),
            fill(UI["compare_range"], low=half_up(quantile(scores, 0.25)), high=half_up(quantile(scores, 0.75))),
            fill(UI["compare_range"], low=half_up(min(scores)), high=half_up(max(scores))),
        ]
    ]
    for g, row in enumerate(EXPECTED[dimension]):
        if g == len(ROLES) - 1 and not row["rated"] and not row["hidden"]:
            continue
        if row["hidden"]:
            rows.append([ROLES[g], UI["team_hidden"], "", "", ""])
        elif row["spread"] is None:
            rows.append([ROLES[g], str(row["rated"]), "", "", ""])
        else:
            s = row["spread"]
            rows.append(
                [
                    ROLES[g],
                    str(row["rated"]),
                    str(half_up(s["median"])),
                    fill(UI["compare_range"], low=half_up(s["q1"]), high=half_up(s["q3"])),
                    fill(UI["compare_range"], low=half_up(s["min"]), high=half_up(s["max"])),
                ]
            )
    return rows


@pytest.mark.parametrize("name", FORMATS + ["microsoft-forms.xlsx"])
def test_each_export_gives_the_tests_own_figures(page, team_url, name):
    page.goto(team_url)
    path = EXPORTS / name
    if name.endswith(".txt"):
        make_report(page, text=path.read_text(encoding="utf-8"))
    else:
        make_report(page, path=path)
    assert page.is_hidden("#team-error")
    assert page.text_content("#team-count") == fill(UI["team_count"], count=len(TRUTH))
    shown = page.evaluate(SHOWN)
    for dimension in NAMES:
        assert shown[dimension] == expected_rows(dimension), dimension


def test_the_report_and_its_readers_load_only_when_needed(page, team_url):
    requests = []
    page.on("request", lambda request: requests.append(request.url.rsplit("/", 1)[-1]))
    page.goto(team_url)
    assert not [r for r in requests if r in ("papaparse.min.js", "fflate.min.js", "teamreport.js", "teampage.js")]
    make_report(page, path=EXPORTS / "limesurvey.csv")
    assert "papaparse.min.js" in requests and "fflate.min.js" not in requests
    make_report(page, path=EXPORTS / "microsoft-forms.xlsx")
    assert "fflate.min.js" in requests
    assert "texts.json" not in requests  # a one-language site matches its own words


def big_group_links():
    """Result links with every group at or over the minimum except the executives, who are
    one short, and one executive-free run where everyone is shown: (lines, people)."""
    rng = random.Random(7)
    mark = fingerprint(DATA)
    minimum = DATA["scoring"]["min_group_size"]
    people = []
    for role, count in [(0, minimum - 1), (1, minimum + 2), (2, minimum + 6), (3, minimum + 1)]:
        for _ in range(count):
            people.append((role, {s["id"]: rng.choice([1, 2, 3, 4, 5]) for s in DATA["statements"]}))
    lines = [
        f"{ROLES[role]}: https://example.org/result.html#{encode_link(DATA, mark, answers)}" for role, answers in people
    ]
    return lines, people


def test_a_hidden_group_and_its_complement_are_in_neither_page_print_nor_csv(page, team_url, tmp_path):
    lines, people = big_group_links()
    page.goto(team_url)
    make_report(page, text="\n".join(lines))
    hidden_roles = {ROLES[0], ROLES[3]}  # the executives (one short), and the next-smallest group
    shown = page.evaluate(SHOWN)
    for rows in shown.values():
        for row in rows:
            if row[0] in hidden_roles:
                assert row[1:] == [UI["team_hidden"], "", "", ""]
    # Their figures are nowhere: the gap cannot be worked out, and the CSV leaves them out.
    sentences = page.eval_on_selector_all("#team-gaps li", "items => items.map((item) => item.textContent)")
    assert sentences == [fill(UI["team_gap_hidden"], dimension=isolated(name)) for name in NAMES.values()]
    with page.expect_download() as download:
        page.click("#team-csv")
    saved = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(saved)))
    assert rows[0] == [
        UI["team_section_column"],
        UI["dimension_column"],
        UI["team_role_column"],
        UI["team_measure_column"],
        UI["team_value_column"],
    ]
    assert not [row for row in rows if row[2] in hidden_roles]
    assert {row[2] for row in rows[1:]} == {UI["team_everyone"], ROLES[1], ROLES[2]}
    # The printed report: two pages at most, the hidden groups without a figure.
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert 1 <= len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) <= 2
    assert page.evaluate(SHOWN) == shown


def test_the_gap_is_worded_in_the_cases_terms_when_both_groups_are_shown(page, team_url):
    lines, people = big_group_links()
    minimum = DATA["scoring"]["min_group_size"]
    rng = random.Random(3)
    mark = fingerprint(DATA)
    extra = {s["id"]: rng.choice([1, 2, 3, 4, 5]) for s in DATA["statements"]}
    lines.append(f"{ROLES[0]}: {encode_link(DATA, mark, extra)}")  # now the executives are enough
    people.append((0, extra))
    page.goto(team_url)
    make_report(page, text="\n".join(lines))
    top, field = isolated(ROLES[0]), isolated(ROLES[2])  # names inside sentences are bidi-isolated
    sentences = page.eval_on_selector_all("#team-gaps li", "items => items.map((item) => item.textContent)")
    expected = []
    for dimension, name in NAMES.items():
        medians = []
        for role in (0, 2):
            scores = [exact_dimension_scores(DATA, answers)[dimension] for r, answers in people if r == role]
            medians.append(quantile(scores, 0.5))
        gap = half_up(medians[1] - medians[0])
        if abs(gap) < 1:
            expected.append(fill(UI["team_gap_none"], executive=top, frontline=field, dimension=isolated(name)))
        else:
            expected.append(
                fill(
                    UI["team_gap_lower" if gap < 0 else "team_gap_higher"],
                    executive=top,
                    frontline=field,
                    dimension=isolated(name),
                    gap=abs(gap),
                )
            )
    assert sentences == expected
    assert len(people) >= 4 * minimum


def test_names_from_a_file_are_text_and_saved_neutralised(page, team_url, tmp_path):
    """A role typed in a file is listed as text, isolated from its sentence, and a formula
    in it never reaches the saved CSV as one."""
    export = (EXPORTS / "limesurvey.csv").read_text(encoding="utf-8").splitlines()
    header = next(csv.reader([export[0]]))
    role = header.index("role")
    rows = [next(csv.reader([line])) for line in export[1:]]
    rows[0][role] = '<img src=x onerror=alert(1)>=cmd|" /C calc"!A0'
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header] + rows)
    path = tmp_path / "export.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    page.goto(team_url)
    make_report(page, path=path)
    assert page.locator("#team-unmatched img").count() == 0
    cells = page.eval_on_selector_all("#team-unmatched bdi", "items => items.map((item) => item.textContent)")
    assert rows[0][role] in cells


def test_an_empty_or_unknown_input_says_what_to_do(page, team_url, tmp_path):
    page.goto(team_url)
    make_report(page)
    assert page.text_content("#team-error-text") == UI["team_empty"]
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    make_report(page, path=path)
    assert page.text_content("#team-error-text") == UI["team_no_statements"]
