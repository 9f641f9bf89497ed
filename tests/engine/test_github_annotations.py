"""On GitHub Actions, the check's problems also appear on the lines of the file (workflow
commands) and, all of them, in the run's summary; elsewhere nothing changes."""

import subprocess
import sys

from support import FIXTURE, ROOT
from sitebuild.github import escape_data, escape_property

BASE = FIXTURE.read_text(encoding="utf-8")
ERROR = "::error file=questions.yaml,line={line},col=3,title=Fix this%2C then the site can be built::"


def check(folder, text, **env):
    """`build.py --check` run as the Pages workflow runs it, in the checkout's folder."""
    (folder / "questions.yaml").write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--check"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", **env},
    )


def with_ui_lines(*lines):
    """The fixture with `lines` added to its ui section; and the line number of the first."""
    text = BASE.replace("\nui:\n", "\nui:\n" + "".join(f"  {line}\n" for line in lines), 1)
    return text, text.split("\n").index("ui:") + 2


def test_escaping_follows_the_workflow_command_syntax():
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert escape_property("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext%3A a%2C b"


def test_each_problem_is_an_annotation_on_its_line_and_a_row_of_the_summary(tmp_path):
    summary = tmp_path / "summary.md"
    broken, line = with_ui_lines("bakc: Back", "50%, all: x")
    result = check(tmp_path, broken, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        ERROR.format(line=line) + 'unknown key "bakc" in ui; did you mean "back"?',
        ERROR.format(line=line + 1)
        + 'unknown key "50%25, all" in ui; remove it, or use a key listed for ui in questions.schema.json',
    ]
    assert result.stderr.splitlines() == [
        f'questions.yaml:{line}:3: unknown key "bakc" in ui; did you mean "back"?',
        f'questions.yaml:{line + 1}:3: unknown key "50%, all" in ui; remove it, or use a key listed for ui in questions.schema.json',
        "2 errors, 0 warnings in questions.yaml; nothing was written.",
    ]
    assert summary.read_text(encoding="utf-8").splitlines() == [
        "### questions.yaml: 2 errors, 0 warnings",
        "",
        "| Line | Column | Kind | What is wrong, and how to fix it |",
        "|---:|---:|---|---|",
        f'| {line} | 3 | error | unknown key "bakc" in ui; did you mean "back"? |',
        f'| {line + 1} | 3 | error | unknown key "50%, all" in ui; remove it, or use a key listed for ui in questions.schema.json |',
        "",
    ]


def test_github_shows_ten_so_the_summary_holds_them_all(tmp_path):
    summary = tmp_path / "summary.md"
    broken, line = with_ui_lines(*(f"extra-{n}|<i>: x" for n in range(12)))
    result = check(tmp_path, broken, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    commands = result.stdout.splitlines()
    assert [c.split("::")[1] for c in commands] == [
        f"error file=questions.yaml,line={line + n},col=3,title=Fix this%2C then the site can be built"
        for n in range(10)
    ] + ["notice title=questions.yaml"]
    assert commands[-1] == "::notice title=questions.yaml::2 more errors are listed in the summary of this run"
    rows = summary.read_text(encoding="utf-8").splitlines()[4:-1]
    # Every problem is a row; text from the file cannot open a column or write HTML.
    assert [row.split(" | ")[0] for row in rows] == [f"| {line + n}" for n in range(12)]
    assert (
        rows[0]
        == f'| {line} | 3 | error | unknown key "extra-0\\|&lt;i&gt;" in ui; remove it, or use a key listed for ui in questions.schema.json |'
    )


def test_nothing_changes_off_github(tmp_path):
    broken, line = with_ui_lines("bakc: Back")
    result = check(tmp_path, broken)
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == f'questions.yaml:{line}:3: unknown key "bakc" in ui; did you mean "back"?'
