"""The loader: plain data out, the place of every value kept, traps refused."""

from recipes import read_recipes
from support import FIXTURE, ROOT, skip_or_fail

import sitebuild.load as reading
from sitebuild.load import load_content
from sitebuild.problems import Problems


def load(tmp_path, text):
    path = tmp_path / "questions.yaml"
    path.write_text(text, encoding="utf-8")
    loaded, problems = load_content(path)
    return loaded, [p.format("questions.yaml") for p in sorted(problems)]


def test_plain_data_with_places(tmp_path):
    loaded, problems = load(tmp_path, "site:\n  title: Hello\nlist:\n  - a\n  - b: 1\n")
    assert problems == []
    assert loaded.data == {"site": {"title": "Hello"}, "list": ["a", {"b": 1}]}
    assert loaded.places[("site", "title")] == (2, 10)
    assert loaded.places[("key", "site", "title")] == (2, 3)
    assert loaded.places[("list", 1, "b")] == (5, 8)
    assert loaded.raw[("site", "title")] == ("Hello", None)


def test_duplicate_key(tmp_path):
    _, problems = load(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert problems == ['questions.yaml:3:1: the key "a" is written twice here (first on line 1); keep one of them']


def test_alias_refused_and_not_expanded(tmp_path):
    loaded, problems = load(tmp_path, "a: &x [1, 2]\nb: *x\n")
    assert problems == [
        "questions.yaml:2:4: the alias *x is not allowed; write the value out in full instead of pointing to &x"
    ]
    assert loaded.data == {"a": [1, 2], "b": None}


def test_python_tag_refused(tmp_path):
    loaded, problems = load(tmp_path, "a: !!python/object/apply:os.system ['true']\n")
    assert problems == [
        "questions.yaml:1:4: the tag !!python/object/apply:os.system is not allowed; remove it and write a plain value"
    ]
    assert loaded.data == {"a": None}


def test_bad_bytes(tmp_path):
    path = tmp_path / "questions.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    loaded, problems = load_content(path)
    assert loaded is None
    assert [p.format("questions.yaml") for p in problems] == [
        "questions.yaml:2:7: byte 0xE9 is not UTF-8 text; save the file as UTF-8, or retype the character here"
    ]


def test_tab_indentation(tmp_path):
    _, problems = load(tmp_path, "site:\n\ttitle: x\n")
    assert problems == [
        "questions.yaml:2:1: the YAML cannot be read here (found character '\\t' that cannot start any token); "
        "a tab is used for indenting; YAML needs spaces, so replace the tab with spaces"
    ]


def test_empty_file(tmp_path):
    loaded, problems = load(tmp_path, "# nothing\n")
    assert loaded is None
    assert problems == [
        "questions.yaml:1:1: the file is empty; start from the questions.yaml in the project and change it"
    ]


def test_keys_stay_as_typed(tmp_path):
    """`no:` or `2024:` as a key is the name written, as in YAML 1.2 and in editors."""
    loaded, problems = load(tmp_path, "answers:\n  no: 1\n  2024-01-01: 2\n  012: 3\n")
    assert problems == []
    assert loaded.data == {"answers": {"no": 1, "2024-01-01": 2, "012": 3}}


def test_aliases_said_once_a_line_and_never_expanded(tmp_path):
    loaded, problems = load(tmp_path, "a: &x [1]\nb: [*x, *x, *x]\nc: *x\n")
    assert problems == [
        "questions.yaml:2:5: the alias *x is not allowed (3 times on this line); write the value out in full instead of pointing to &x",
        "questions.yaml:3:4: the alias *x is not allowed; write the value out in full instead of pointing to &x",
    ]
    assert loaded.data == {"a": [1], "b": [None, None, None], "c": None}
    assert loaded.refused == {("b", 0), ("b", 1), ("b", 2), ("c",)}


def test_deep_block_nesting_is_stopped(tmp_path):
    text = "".join("  " * depth + f"k{depth}:\n" for depth in range(30))
    loaded, problems = load(tmp_path, text)
    assert loaded is None
    assert problems == [
        "questions.yaml:20:39: this value is nested more than 20 levels deep; questions.yaml needs five at most, so check the indentation and the brackets"
    ]


def read_both_ways(text, monkeypatch):
    """What parse() makes of `text` when libyaml reads first (as the build does), and when
    PyYAML's Python parser reads alone: data, places, quotes, spans, refusals and messages."""
    found = []
    for loaders in (reading.LOADERS, (reading.StrictLoader,)):
        monkeypatch.setattr(reading, "LOADERS", loaders)
        problems = Problems()
        loaded = reading.parse(text, problems)
        kept = loaded and (loaded.data, loaded.places, loaded.raw, loaded.spans, loaded.refused)
        found.append((kept, [p.format("questions.yaml") for p in sorted(problems)]))
    return found


def test_libyaml_reads_every_file_as_pythons_parser_does(monkeypatch):
    """The build reads with libyaml for speed (load.compose). Every YAML file of the project,
    and every broken file of tests/broken/ whose problem the loader itself reports (syntax,
    aliases, tags, keys, depth: the files where the two parsers could part), reads the same
    as with PyYAML's own parser: data, places, quotes, spans and messages."""
    if len(reading.LOADERS) < 2:
        skip_or_fail("this PyYAML has no libyaml: pip install -r requirements.txt gets the wheel that has it")
    texts = {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in sorted(ROOT.rglob("*.yaml"))}
    texts = {name: text for name, text in texts.items() if not name.startswith((".venv", "node_modules"))}
    real = FIXTURE.read_bytes()
    for recipe in read_recipes(ROOT / "tests" / "broken") + read_recipes(ROOT / "tests" / "broken" / "warnings"):
        text = reading.decode(recipe.apply(real)[0], Problems())
        if text is None or not reading.printable(text, Problems()):  # load_content parses neither
            continue
        problems = Problems()
        if reading.parse(text, problems) is None or problems:
            texts[recipe.name] = text
    assert len(texts) > 25
    differ = {name for name, text in texts.items() if len({repr(way) for way in read_both_ways(text, monkeypatch)}) > 1}
    assert differ == set()
