"""Survey exports for the team report's tests, written the way each tool writes them
(the shapes in the tools' documentation) and filled in with the codes and wording read
back from the survey kits that the build makes from tests/fixtures/questions.yaml:
answering in a kit's codes and reading the export back is the round trip.

    python tests/team_exports.py        rewrites tests/fixtures/exports/

The respondents are made up, seeded, and saved as truth.json: the tests compute their
expected figures from it, not from the page's code. Frontline and customer success are
large groups; sales leadership is just over the minimum, the executives under it, and
two people give no role (one typing a role the kit does not offer).
"""

import csv
import io
import json
import random
import re
import sys
from pathlib import Path

import openpyxl
import xlsxwriter
from datetime import datetime

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import FIXTURE, ROOT
from sitebuild.kits import kit_files
from sitebuild.render import fingerprint
from expected import content, encode_link

EXPORTS = ROOT / "tests" / "fixtures" / "exports"
# A French team's exports: the same people answering the kits built from tests/forks/fr.yaml
# (the fixture in French, same ids), so statements, labels and roles are in French.
FRENCH = ROOT / "tests" / "forks" / "fr.yaml"
IN_FRENCH = {"microsoft-forms.xlsx": "microsoft-forms-fr.xlsx", "surveymonkey.csv": "surveymonkey-fr.csv"}
# role index (from 0) -> how many; None: no role given
GROUPS = [(0, 3), (1, 6), (2, 14), (3, 9), (None, 2)]
COMMENT = 'Fine, mostly.\nBut "renewals", as ever, come last'


def respondents(data):
    """[{"role": index or None, "answers": {statement id: 0-5}}], seeded."""
    rng = random.Random(10)
    people = []
    ids = [s["id"] for s in data["statements"]]
    for role, count in GROUPS:
        for _ in range(count):
            lean = {0: 4, 1: 4, 2: 2, 3: 3, None: 3}[role]  # the top rates its culture higher
            answers = {}
            for statement in data["statements"]:
                roll = rng.random()
                if roll < 0.08:
                    answers[statement["id"]] = 0  # not sure
                elif roll < 0.1 and role in (2, 3):
                    continue  # left blank, by the large groups only
                else:
                    value = max(1, min(5, lean + rng.choice([-1, 0, 0, 1])))
                    answers[statement["id"]] = 6 - value if statement.get("reverse") else value
            people.append({"role": role, "answers": {i: answers[i] for i in ids if i in answers}})
    return people


def read_kits(data):
    kits = kit_files(data)
    qualtrics = kits["kits/qualtrics.txt"].decode("utf-8")
    google = json.loads(
        re.search(r"var KIT = (\{.*?\n\});", kits["kits/google-forms.gs"].decode("utf-8"), re.S).group(1)
    )
    workbook = openpyxl.load_workbook(io.BytesIO(kits["kits/xlsform.xlsx"]))
    survey = [[c.value for c in row] for row in workbook["survey"].iter_rows()]
    choices = [[c.value for c in row] for row in workbook["choices"].iter_rows()]
    lime = [line.split("\t") for line in kits["kits/limesurvey.txt"].decode("utf-8").splitlines()]
    return qualtrics, google, survey, choices, lime


def kit_codes(data):
    """What each kit says a statement, an answer and a role are called."""
    qualtrics, google, survey, choices, lime = read_kits(data)
    codes = {"qualtrics": {}, "lime": {}, "kobo": {}, "kobo_group": {}}
    # Qualtrics: [[ID:dimension]] then [[Choice:n]] rows
    for block in qualtrics.split("[[Question:Matrix]]")[1:]:
        dimension = re.search(r"\[\[ID:([^\]]+)\]\]", block).group(1)
        rows = block.split("[[AdvancedAnswers]]")[0]
        for number, text in re.findall(r"\[\[Choice:(\d+)\]\]\n([^\n]+)", rows):
            statement = next(s for s in data["statements"] if s["text"] == text)
            codes["qualtrics"][statement["id"]] = (f"{dimension}_{number}", text)
    # LimeSurvey: Q (array) rows, then SQ rows under them
    header = lime[0]
    question = None
    for row in lime[1:]:
        entry = dict(zip(header, row))
        if entry["class"] == "Q":
            question = entry["name"]
        elif entry["class"] == "SQ":
            statement = next(s for s in data["statements"] if s["text"] == entry["text"])
            codes["lime"][statement["id"]] = f"{question}[{entry['name']}]"
    # XLSForm: names, inside their groups
    group = None
    for row in survey[1:]:
        kind, name = row[0], row[1]
        if kind == "begin_group":
            group = name
        elif kind == "select_one agree":
            statement = next(s for s in data["statements"] if f"{s['dimension']}.{s['id']}" == name)
            codes["kobo"][statement["id"]] = name
            codes["kobo_group"][statement["id"]] = f"{group}/{name}"
    codes["agree"] = {int(row[1]): row[1] for row in choices[1:] if row[0] == "agree"}
    codes["agree_labels"] = {int(row[1]): row[2] for row in choices[1:] if row[0] == "agree"}
    codes["roles"] = [row[1] for row in choices[1:] if row[0] == "roles"]
    codes["google"] = google
    return codes


def kit_value(codes, value):
    """An answer 0-5 in the kits' codes: 0 is "not sure", written as its code."""
    not_sure = next(k for k in codes["agree"] if k > len(codes["agree"]) - 1)
    return codes["agree"][not_sure if value == 0 else value]


def label_value(codes, value):
    not_sure = next(k for k in codes["agree"] if k > len(codes["agree"]) - 1)
    return codes["agree_labels"][not_sure if value == 0 else value]


def write_csv(rows, delimiter=",", quoting=csv.QUOTE_MINIMAL, bom=False, line="\r\n", encoding="utf-8"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator=line).writerows(rows)
    text = buffer.getvalue()
    return (("\ufeff" if bom else "") + text).encode(encoding)


def write_xlsx(rows):
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    workbook.set_properties({"created": datetime(2026, 1, 1)})
    sheet = workbook.add_worksheet("Form1")
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if isinstance(value, (int, float)):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, value)
    workbook.close()
    return buffer.getvalue()


def exports(data):
    """{file name: bytes}: one export per tool, and truth.json."""
    codes = kit_codes(data)
    people = respondents(data)
    statements = data["statements"]
    ui = data["ui"]
    role_labels = [r["label"] for r in data["roles"]]
    google = codes["google"]
    files = {}

    def answer(person, statement, how):
        value = person["answers"].get(statement["id"])
        if value is None:
            return ""
        return how(value)

    # Google Forms: Timestamp, then the role (as the script's numbered choices), then
    # "Grid title [row]" per statement, labels as values; a free comment at the end.
    # Saved with a BOM and CRLF, with commas, line breaks and doubled quotes in fields.
    head = ["Timestamp", google["role"]] + [f"{google['grid']} [{s['text']}]" for s in statements] + ["Anything else?"]
    rows = [head]
    for n, person in enumerate(people):
        role = google["roles"][person["role"]] if person["role"] is not None else ("Board member" if n % 2 else "")
        rows.append(
            [f"2026/11/{n % 27 + 1:02d} 9:{n % 60:02d}:00 AM GMT"]
            + [role]
            + [answer(person, s, lambda v: label_value(codes, v)) for s in statements]
            + [COMMENT if n % 5 == 0 else ""]
        )
    files["google-forms.csv"] = write_csv(rows, bom=True)

    # Microsoft Forms (.xlsx): ID, Start time, Completion time, Email, Name, then one
    # column per question titled with its text; a Likert row's column is the statement alone.
    head = ["ID", "Start time", "Completion time", "Email", "Name", ui["team_kit_role_question"]] + [
        s["text"] for s in statements
    ]
    rows = [head]
    for n, person in enumerate(people):
        role = role_labels[person["role"]] if person["role"] is not None else ""
        rows.append(
            [n + 1, "11/27/26 9:00:00", "11/27/26 9:04:00", "anonymous", "", role]
            + [answer(person, s, lambda v: label_value(codes, v)) for s in statements]
        )
    files["microsoft-forms.xlsx"] = write_xlsx(rows)

    # Qualtrics CSV: export tags, then question text ("Question - Statement"), then ImportIds;
    # numeric values; a trailing empty column.
    tags = (
        ["StartDate", "EndDate", "Status", "Progress", "ResponseId", "role"]
        + [codes["qualtrics"][s["id"]][0] for s in statements]
        + [""]
    )
    texts = (
        ["Start Date", "End Date", "Response Type", "Progress", "Response ID", ui["team_kit_role_question"]]
        + [f"{ui['team_kit_grid_question']} - {codes['qualtrics'][s['id']][1]}" for s in statements]
        + [""]
    )
    imports = (
        [
            '{"ImportId":"startDate"}',
            '{"ImportId":"endDate"}',
            '{"ImportId":"status"}',
            '{"ImportId":"progress"}',
            '{"ImportId":"_recordId"}',
            '{"ImportId":"QID1"}',
        ]
        + [f'{{"ImportId":"QID{2 + i}"}}' for i in range(len(statements))]
        + [""]
    )
    rows = [tags, texts, imports]
    for n, person in enumerate(people):
        role = str(person["role"] + 1) if person["role"] is not None else ""
        rows.append(
            ["2026-11-27 09:00:00", "2026-11-27 09:05:00", "IP Address", "100", f"R_{n:04d}", role]
            + [answer(person, s, lambda v: kit_value(codes, v)) for s in statements]
            + [""]
        )
    files["qualtrics.csv"] = write_csv(rows)
    # The same, as choice text, in UTF-16 TSV (Qualtrics' recommendation for other scripts).
    text_rows = rows[:3] + [
        row[:5]
        + [role_labels[int(row[5]) - 1] if row[5] else ""]
        + [label_value(codes, 0 if v == kit_value(codes, 0) else int(v)) if v else "" for v in row[6:-1]]
        + [""]
        for row in rows[3:]
    ]
    files["qualtrics-text.tsv"] = write_csv(text_rows, delimiter="\t", bom=True, encoding="utf-16-le")

    # SurveyMonkey: the question in the first column of its group only, the sub-label
    # (Response, or the grid row) in the second header row; labels as values.
    meta = [
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "IP Address",
        "Email Address",
        "First Name",
        "Last Name",
        "Custom Data 1",
    ]
    first = meta + [ui["team_kit_role_question"], ui["team_kit_grid_question"]] + [""] * (len(statements) - 1)
    second = [""] * len(meta) + ["Response"] + [s["text"] for s in statements]
    rows = [first, second]
    for n, person in enumerate(people):
        role = role_labels[person["role"]] if person["role"] is not None else ""
        rows.append(
            [str(110000 + n), "4000", "11/27/2026 09:00:00 AM", "11/27/2026 09:05:00 AM", "", "", "", "", ""]
            + [role]
            + [answer(person, s, lambda v: label_value(codes, v)) for s in statements]
        )
    files["surveymonkey.csv"] = write_csv(rows)

    # LimeSurvey: question codes as headings, answer codes as values, every field quoted.
    head = ["id", "submitdate", "lastpage", "startlanguage", "seed", "role"] + [
        codes["lime"][s["id"]] for s in statements
    ]
    rows = [head]
    for n, person in enumerate(people):
        role = codes["roles"][person["role"]] if person["role"] is not None else ""
        rows.append(
            [str(n + 1), "2026-11-27 09:05:00", "2", "en", str(1000 + n), role]
            + [answer(person, s, lambda v: kit_value(codes, v)) for s in statements]
        )
    files["limesurvey.csv"] = write_csv(rows, quoting=csv.QUOTE_ALL)

    # KoboToolbox: ";"-separated, XML names with their group paths, codes as values.
    head = (
        ["start", "end", "role"]
        + [codes["kobo_group"][s["id"]] for s in statements]
        + ["_id", "_uuid", "_submission_time"]
    )
    rows = [head]
    for n, person in enumerate(people):
        role = codes["roles"][person["role"]] if person["role"] is not None else ""
        rows.append(
            ["2026-11-27T09:00:00", "2026-11-27T09:05:00", role]
            + [answer(person, s, lambda v: kit_value(codes, v)) for s in statements]
            + [str(500 + n), f"uuid-{n}", "2026-11-27T09:06:00"]
        )
    files["kobotoolbox.csv"] = write_csv(rows, delimiter=";")

    # The site's own result links, a role before each.
    mark = fingerprint(data)
    lines = []
    for person in people:
        label = role_labels[person["role"]] + ": " if person["role"] is not None else ""
        lines.append(f"{label}https://example.org/result.html#{encode_link(data, mark, person['answers'])}")
    files["result-links.txt"] = ("\n".join(lines) + "\n").encode("utf-8")

    files["truth.json"] = (json.dumps(people, indent=1, sort_keys=True) + "\n").encode("utf-8")
    return files


def all_exports():
    """{file name: bytes}: the fixture's exports, then the French team's (IN_FRENCH)."""
    files = exports(content(FIXTURE))
    french = exports(content(FRENCH))
    assert french["truth.json"] == files["truth.json"], "the French fork no longer has the fixture's statements"
    files.update({target: french[name] for name, target in IN_FRENCH.items()})
    return files


def main():
    EXPORTS.mkdir(parents=True, exist_ok=True)
    for name, body in all_exports().items():
        (EXPORTS / name).write_bytes(body)


if __name__ == "__main__":
    main()
