"""The survey kits (sitebuild/kits.py) of the content under test, validated the way the
tools would read them: every expectation derived from the file (its statements, scale,
"not sure" if it has one, and roles)."""

import io
import json
import re
import shutil
import subprocess

import openpyxl
import pytest
from pyxform.xls2xform import convert

from sitebuild.kits import NOT_SURE_CODE, alnum, kit_files


@pytest.fixture(scope="session")
def kits(data):
    return kit_files(data)


def numbered_scale(data):
    return [f"{n} - {label}" for n, label in enumerate(data["scale"]["labels"], 1)]


def answer_labels(data):
    """The answers of every statement: the numbered scale, then "not sure" where offered."""
    return numbered_scale(data) + ([data["scale"]["not_sure"]] if "not_sure" in data["scale"] else [])


def test_xlsform_passes_pyxform(data, kits):
    body = kits["kits/xlsform.xlsx"]
    result = convert(xlsform=io.BytesIO(body), file_type=".xlsx")
    assert result.warnings == []
    xform = result.xform
    for statement in data["statements"]:
        assert (
            f'/{statement["dimension"]}.{statement["id"]}"' in xform
            or f"{statement['dimension']}.{statement['id']}" in xform
        )
    workbook = openpyxl.load_workbook(io.BytesIO(body))
    assert workbook.sheetnames == ["survey", "choices", "settings"]
    choices = [[c.value for c in row] for row in workbook["choices"].iter_rows(min_row=2)]
    assert [row[2] for row in choices if row[0] == "agree"] == answer_labels(data)
    if "not_sure" in data["scale"]:
        assert [row[1] for row in choices if row[0] == "agree"][-1] == str(NOT_SURE_CODE)
    assert [row[2] for row in choices if row[0] == "roles"] == [r["label"] for r in data["roles"]]


def test_google_forms_script_is_valid_javascript_with_every_string_json_encoded(data, kits, tmp_path):
    node = shutil.which("node")
    assert node, "node is missing: make test installs Debian's nodejs"
    script = kits["kits/google-forms.gs"].decode("utf-8")
    (tmp_path / "kit.js").write_text(script, encoding="utf-8")
    run = subprocess.run([node, "--check", str(tmp_path / "kit.js")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    kit = json.loads(re.search(r"var KIT = (\{.*?\n\});", script, re.S).group(1))
    assert [row for grid in kit["grids"] for row in grid["rows"]] == [
        " ".join(s["text"].split()) for d in data["dimensions"] for s in data["statements"] if s["dimension"] == d["id"]
    ]
    assert kit["columns"] == answer_labels(data)
    assert "FormApp.create(KIT.title)" in script and "addGridItem()" in script


def test_qualtrics_advanced_format_structure(data, kits):
    text = kits["kits/qualtrics.txt"].decode("utf-8")
    assert text.startswith("[[AdvancedFormat]]\n")
    matrices = text.split("[[Question:Matrix]]")[1:]
    assert len(matrices) == len(data["dimensions"])
    for dimension, block in zip(data["dimensions"], matrices):
        assert block.lstrip().startswith(f"[[ID:{dimension['id']}]]")
        rows, answers = block.split("[[AdvancedChoices]]")[1].split("[[AdvancedAnswers]]")
        own = [" ".join(s["text"].split()) for s in data["statements"] if s["dimension"] == dimension["id"]]
        assert re.findall(r"\[\[Choice:(\d+)\]\]\n([^\n]+)", rows) == [(str(n), t) for n, t in enumerate(own, 1)]
        codes = list(range(1, len(data["scale"]["labels"]) + 1)) + (
            [NOT_SURE_CODE] if "not_sure" in data["scale"] else []
        )
        labels = answer_labels(data)
        assert re.findall(r"\[\[Answer:(\d+)\]\]\n([^\n]+)", answers.split("[[PageBreak]]")[0]) == [
            (str(code), label) for code, label in zip(codes, labels)
        ]
    role = text.split("[[ID:role]]")[1].split("[[PageBreak]]")[0]
    assert [label for _, label in re.findall(r"\[\[Choice:(\d+)\]\]\n([^\n]+)", role)] == [
        r["label"] for r in data["roles"]
    ]


def test_limesurvey_structure(data, kits):
    body = kits["kits/limesurvey.txt"]
    text = body.decode("utf-8")  # UTF-8, as LimeSurvey reads it
    lines = text.rstrip("\n").split("\n")
    header = lines[0].split("\t")
    assert header[:5] == ["id", "related_id", "class", "type/scale", "name"]
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:]]
    assert all(len(line.split("\t")) == len(header) for line in lines)
    questions = [r for r in rows if r["class"] == "Q"]
    assert questions[0]["name"] == "role" and questions[0]["type/scale"] == "L"
    assert [r["name"] for r in questions[1:]] == [alnum(d["id"]) for d in data["dimensions"]]
    subquestions = [r for r in rows if r["class"] == "SQ"]
    assert [r["name"] for r in subquestions] == [
        alnum(s["id"]) for d in data["dimensions"] for s in data["statements"] if s["dimension"] == d["id"]
    ]
    for r in questions + subquestions:
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,19}", r["name"]), r["name"]  # LimeSurvey's rule for codes


def test_plain_kit_lists_every_statement_with_its_code_in_order(data, kits):
    text = kits["kits/statements.txt"].decode("utf-8-sig").replace("\r\n", "\n")
    numbered = re.findall(r"^(\d+)\. \[([^\]]+)\] (.+)$", text, re.M)
    assert numbered == [
        (str(n), f"{s['dimension']}.{s['id']}", " ".join(s["text"].split()))
        for n, s in enumerate(data["statements"], 1)
    ]
    for label in numbered_scale(data) + [r["label"] for r in data["roles"]]:
        assert label in text
