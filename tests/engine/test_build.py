"""build.py end to end: the fixture content builds, and bad input gives messages, not tracebacks."""

from html.parser import HTMLParser
import subprocess
import sys

import pytest

from support import FIXTURE, ROOT, copy_project

import build


def run_build(*args, cwd=ROOT):
    """build.py of the project in `cwd`, run as a user would."""
    return subprocess.run([sys.executable, "build.py", *args], cwd=cwd, capture_output=True, text=True)


def test_fixture_content_builds(tmp_path):
    result = run_build("--source", str(FIXTURE), "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("Built 9 pages from 16 statements in 5 dimensions into ")
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == [
        ".nojekyll",
        ".sitebuild-manifest",
        "advice.html",
        "compare.html",
        "index.html",
        "kits",
        "method.html",
        "privacy.html",
        "quiz.html",
        "result.html",
        "static",
        "team.html",
        "worksheet.html",
    ]


def test_check_writes_nothing(tmp_path):
    result = run_build("--check", "--source", str(FIXTURE), "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Checked 9 pages from 16 statements in 5 dimensions in ")
    assert not (tmp_path / "site").exists()


class Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.found.append(dict(attrs))


def test_quiz_data_is_json_not_script(site):
    parser = Scripts()
    parser.feed((site / "quiz.html").read_text())
    # Deferred and not render-blocking: quiz.css draws the first statement before they run.
    assert parser.found == [
        {"defer": None, "src": "static/js/indicator.js"},
        {"defer": None, "src": "static/js/quiz.js"},
        {"id": "sci-data", "type": "application/json"},
    ]


def test_readers_get_minified_files(site):
    script = (site / "static" / "js" / "indicator.js").read_text()
    source = (ROOT / "static" / "js" / "indicator.js").read_text()
    assert "/*" not in script and "/*" in source
    assert len(script) < len(source) / 2
    assert "root.SCI = {" in source and ".SCI={" in script  # the global keeps its name
    assert "encodeAnswers:" in script  # and so do the properties pages call
    assert not (site / "static" / "favicon.svg").exists()  # inlined in every page instead


@pytest.fixture
def project_copy(tmp_path):
    """A copy of the project to break: templates, static, schema, build code."""
    return copy_project(tmp_path / "project")


def test_undefined_template_variable_fails_the_build(project_copy):
    story = project_copy / "templates" / "story.html"
    story.write_text(story.read_text().replace("{{ story.title }}</h1>", "{{ story.titel }}</h1>"))
    result = run_build("--out", "out", cwd=project_copy)
    assert result.returncode == 1
    assert result.stderr == "templates/story.html:5: 'dict object' has no attribute 'titel'\n"
    assert not (project_copy / "out").exists()


def test_missing_file(tmp_path, capsys):
    assert build.main(["--source", str(tmp_path / "questions.yaml"), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err == (
        "questions.yaml:1:1: cannot read this file (No such file or directory); check the path, or pass --source PATH\n"
        "1 error, 0 warnings in questions.yaml; nothing was written.\n"
    )
    assert not (tmp_path / "out").exists()


def test_yaml_syntax_error(tmp_path, capsys):
    source = tmp_path / "questions.yaml"
    source.write_text("site:\n  title: Sales: Culture\n")
    assert build.main(["--source", str(source), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "questions.yaml:2:15: the YAML cannot be read here (mapping values are not allowed here); "
        "a colon followed by a space sits inside a value; put the whole value in double quotes"
    )


def test_missing_required_field(tmp_path, capsys):
    text = FIXTURE.read_text()
    source = tmp_path / "questions.yaml"
    source.write_text(text.replace("  title: Sales Culture Indicator\n", "", 1))
    assert build.main(["--source", str(source), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        'questions.yaml:19:3: site has no "title"; add it, for example `title: Sales Culture Indicator`',
        "1 error, 0 warnings in questions.yaml; nothing was written.",
    ]


def test_usage_error_exits_2():
    result = run_build("--no-such-option")
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_help_documents_exit_status():
    result = run_build("--help")
    assert result.returncode == 0
    assert "Exit status: 0 built or checked, 1 content errors (each with its line), 2 usage errors." in result.stdout


def test_a_script_naming_a_missing_ui_string_fails_the_build(project_copy):
    script = project_copy / "static" / "js" / "quiz.js"
    script.write_text(script.read_text() + "\n// data.ui.no_such_words\n")
    result = run_build("--out", "out", cwd=project_copy)
    assert result.returncode == 1
    assert result.stderr == "static/js/quiz.js: uses ui.no_such_words, which questions.yaml has not got under ui:\n"
    assert not (project_copy / "out").exists()
