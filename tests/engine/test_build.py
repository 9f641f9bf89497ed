"""build.py end to end: the fixture content builds, and bad input gives messages, not tracebacks."""

from html.parser import HTMLParser
from pathlib import Path
import subprocess
import sys

import pytest

from support import FIXTURE, ROOT, copy_project

import build
from calmjs.parse import es5
from sitebuild.minify import minify_style
from sitebuild.render import PAGES


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


class Order(HTMLParser):
    """The start and end tags of a page, in order, as ("<tag", attributes) and ("</tag", {})."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((f"<{tag}", dict(attrs)))

    def handle_endtag(self, tag):
        self.tags.append((f"</{tag}", {}))


def test_quiz_data_is_json_not_script(site):
    parser = Order()
    parser.feed((site / "quiz.html").read_text())
    # One script, deferred and not render-blocking: quiz.css, in the page, draws the first statement before it runs.
    assert [attributes for tag, attributes in parser.tags if tag == "<script"] == [
        {"defer": None, "src": "static/joined/indicator+quiz.js"},
        {"id": "sci-data", "type": "application/json"},
    ]


@pytest.mark.parametrize("page", [page for page in PAGES if page.script], ids=lambda page: page.output)
def test_a_page_asks_for_its_script_where_its_first_paint_needs_it(site, page):
    """A page whose first paint waits for its script asks for it in the head, render-blocking;
    the quiz, whose first paint does not wait, right after its first statement, so that the
    frame Chromium draws when its parser reaches the script shows that statement
    (templates/quiz.html)."""
    parser = Order()
    parser.feed((site / page.output).read_text(encoding="utf-8"))
    (at,) = [i for i, (tag, attributes) in enumerate(parser.tags) if tag == "<script" and "src" in attributes]
    before = [tag for tag, _ in parser.tags[:at]]
    if page.paint_waits:
        assert "<body" not in before
        assert parser.tags[at][1]["blocking"] == "render"
    else:
        assert "blocking" not in parser.tags[at][1]
        assert (before.count("<fieldset"), before[-1], parser.tags[at + 2][0]) == (1, "</fieldset", "<fieldset")


class Loads(HTMLParser):
    """The stylesheets and scripts a page links, and the text of each <style> element."""

    def __init__(self):
        super().__init__()
        self.found, self.styles, self._in_style = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.found.append(attrs["href"])
        elif tag == "script" and "src" in attrs:
            self.found.append(attrs["src"])
        self._in_style = tag == "style"
        if self._in_style:
            self.styles.append("")

    def handle_data(self, data):
        if self._in_style:
            self.styles[-1] += data

    def handle_endtag(self, tag):
        self._in_style = False


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.output)
def test_a_page_holds_its_styles_and_links_at_most_one_script_joined_from_static(site, page):
    """A stylesheet would hold the first paint back for a round trip, and each file is one:
    a page has its styles in one <style> element, the plain files of static/ it needs
    minified, in their order, and links at most one script, the build's join of the files it
    needs. The site has no copy of the stylesheets."""
    parser = Loads()
    parser.feed((site / page.output).read_text(encoding="utf-8"))
    stylesheets = ["style.css", *page.styles]
    sources = [(ROOT / "static" / name).read_text(encoding="utf-8") for name in stylesheets]
    assert parser.styles == ["\n".join(minify_style(source) for source in sources)]
    assert [name for name in stylesheets if (site / "static" / name).exists()] == []
    scripts = [f"static/js/{name}" for name in page.scripts]
    expected = (
        [scripts[0] if len(scripts) == 1 else "static/joined/" + "+".join(Path(name).stem for name in scripts) + ".js"]
        if scripts
        else []
    )
    assert parser.found == expected
    if expected:
        assert (site / expected[0]).read_bytes() == b"".join((site / part).read_bytes() for part in scripts)
        es5((site / expected[0]).read_text(encoding="utf-8"))  # still one well-formed script


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
