"""The corpus of broken questions.yaml files (tests/broken/): each is refused with its
exact messages, and the last good site stays exactly as it was, byte for byte.

Each case is a recipe applied to the engine's fixture content, tests/fixtures/questions.yaml
(see recipes.py), so the corpus follows that file as it changes and never reads the live one. Errors are the interface: their words are tested.
"""

import hashlib
import re
import subprocess
import sys

import pytest
import yaml

import build
from expected import content
from support import FIXTURE, ROOT, copy_project
from recipes import read_recipes

REAL = FIXTURE.read_bytes()
BROKEN = read_recipes(ROOT / "tests" / "broken")
WARNINGS = read_recipes(ROOT / "tests" / "broken" / "warnings")
PROBLEM = re.compile(r"questions\.yaml:[1-9][0-9]*:[1-9][0-9]*: \S")
SUMMARY = re.compile(r"[1-9][0-9]* errors?, [0-9]+ warnings? in questions\.yaml; nothing was written\.")


def test_the_corpus_is_large_enough():
    assert len(BROKEN) >= 40
    assert len({r.name for r in BROKEN}) == len(BROKEN)
    assert all(r.about and r.expect for r in BROKEN + WARNINGS)


@pytest.fixture(scope="module")
def last_good(tmp_path_factory):
    """A site built from the fixture content, which every broken build aims at."""
    out = tmp_path_factory.mktemp("last-good") / "_site"
    assert build.main(["--source", str(FIXTURE), "--out", str(out)]) == 0
    return out


def snapshot(folder):
    """Every file and folder beside and under `folder`, with a hash of each file's bytes;
    but for Python's own bytecode caches, which the interpreter writes beside a copy of
    the project's modules when it first runs them there, unless PYTHONDONTWRITEBYTECODE is set."""
    return {
        str(path.relative_to(folder.parent)): hashlib.sha256(path.read_bytes()).hexdigest()
        if path.is_file()
        else "folder"
        for path in sorted(folder.parent.rglob("*"))
        if "__pycache__" not in path.relative_to(folder.parent).parts
    }


@pytest.mark.parametrize("recipe", BROKEN, ids=lambda recipe: recipe.name)
def test_broken_file_is_refused_and_the_last_site_kept(recipe, last_good, tmp_path, capsys):
    broken, first = recipe.apply(REAL)
    source = tmp_path / "questions.yaml"
    source.write_bytes(broken)
    before = snapshot(last_good)
    capsys.readouterr()

    status = build.main(["--source", str(source), "--out", str(last_good)])

    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert status == 1
    assert lines == recipe.expected(broken, first)
    assert all(PROBLEM.match(line) for line in lines[:-1]), lines
    assert SUMMARY.fullmatch(lines[-1])
    assert out == ""
    assert snapshot(last_good) == before


@pytest.mark.parametrize("name", ["tag-python", "alias-bomb", "bytes-latin1", "injection-script-in-story"])
def test_broken_file_from_the_command_line(name, last_good, tmp_path):
    """The same, as a person runs it: exit status 1, the messages, never a traceback."""
    recipe = next(r for r in BROKEN if r.name == name)
    broken, first = recipe.apply(REAL)
    source = tmp_path / "questions.yaml"
    source.write_bytes(broken)
    before = snapshot(last_good)
    result = subprocess.run(
        [sys.executable, "build.py", "--source", str(source), "--out", str(last_good)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == recipe.expected(broken, first)
    assert "Traceback" not in result.stderr
    assert snapshot(last_good) == before


@pytest.mark.parametrize("recipe", WARNINGS, ids=lambda recipe: recipe.name)
def test_warning_builds_and_says_where(recipe, tmp_path, capsys):
    """Markdown that loses something, or shows nothing, is built, with a warning at its line."""
    broken, first = recipe.apply(REAL)
    source = tmp_path / "questions.yaml"
    source.write_bytes(broken)
    status = build.main(["--source", str(source), "--out", str(tmp_path / "site")])
    lines = capsys.readouterr().err.splitlines()
    assert status == 0
    assert lines == recipe.expected(broken, first)
    assert all(re.match(r"questions\.yaml:\d+:\d+: warning: ", line) for line in lines[:-1])
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_band_no_answers_can_reach(tmp_path, capsys):
    """Two dimensions of three statements give overall scores in steps of 25/6, so a band
    from 1 to 3 can never be shown. (The fixture's 16 statements reach every score.)"""
    data = content(FIXTURE)
    data["dimensions"] = data["dimensions"][:2]
    kept = {d["id"] for d in data["dimensions"]}
    data["statements"] = [s for s in data["statements"] if s["dimension"] in kept]
    data["reference"]["answers"] = {s["id"]: data["reference"]["answers"][s["id"]] for s in data["statements"]}
    data["bands"][1:1] = [dict(data["bands"][0], min=1), dict(data["bands"][0], min=4)]
    text = "# yaml-language-server: $schema=./questions.schema.json\n" + yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=1000
    )
    source = tmp_path / "questions.yaml"
    source.write_text(text, encoding="utf-8")
    line = text.split("\n").index("- min: 1") + 1

    assert build.main(["--source", str(source), "--check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"questions.yaml:{line}:8: no set of answers gives an overall score from 1 to 3, so band 2 can never be shown; widen it by moving its min or the next band's",
        "1 error, 0 warnings in questions.yaml; nothing was written.",
    ]


@pytest.mark.parametrize(
    "out, why",
    [
        (".", "that folder holds the project itself; give a folder of its own, such as _site"),
        (
            "notes",
            "that folder holds files that build.py did not write, or that changed since (it lists what it "
            "writes, with a hash of each, in .sitebuild-manifest), and the build would delete them; give a "
            "new or empty folder, or one built before",
        ),
    ],
)
def test_an_out_folder_with_other_files_is_a_usage_error(out, why, tmp_path):
    """The build replaces its output folder whole, so it refuses one it did not write:
    `--out .` would otherwise delete the project. (Run on a copy, in case it did.)"""
    copy_project(tmp_path)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("mine", encoding="utf-8")
    before = snapshot(tmp_path / "notes")
    result = subprocess.run(
        [sys.executable, "build.py", "--out", out], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == f"build.py: error: --out {out}: {why}"
    assert snapshot(tmp_path / "notes") == before


def test_prose_may_name_javascript(tmp_path, capsys):
    """Only a script URL where a URL goes is refused, not the word in a sentence."""
    text = REAL.decode("utf-8").replace(
        "We go back to customers and tell them what we changed because of their feedback.",
        "JavaScript: our front-end team tells customers what changed, and when.",
    )
    assert text != REAL.decode("utf-8")
    source = tmp_path / "questions.yaml"
    source.write_text(text, encoding="utf-8")
    assert build.main(["--source", str(source), "--check"]) == 0
    assert capsys.readouterr().err == ""
