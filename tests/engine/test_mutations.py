"""Property: whatever happens to questions.yaml, the build ends with every page rendered or
with messages that each name a line of it; never a traceback, never a hang.

Mutations of the fixture content (tests/fixtures/questions.yaml): lines deleted, doubled, swapped or re-indented; keys
renamed; values replaced by YAML 1.1 traps, wrong types, markup or random text; values
of two places swapped; the file truncated; random bytes and characters put in. The
build runs in-process on its check-only path (`build.py --check`), which loads, checks and
renders every page exactly as a build does and only leaves out writing files that no
content can change (test_build.py writes real sites). The examples come in PARTS tests,
each with its own fixed seed, so CI sees the same examples every time and the workers of
`pytest -n` (make test) share them out.
"""

import contextlib
import copy
import io
import re
import signal
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

import build
from expected import SAFE_DUMPER, SAFE_LOADER
from support import FIXTURE
from sitebuild.render import PAGES

REAL = FIXTURE.read_text(encoding="utf-8")
DATA = yaml.load(REAL, Loader=SAFE_LOADER)
EXAMPLES = 400
PARTS = 4  # tests of EXAMPLES / PARTS examples each, one seed each
SECONDS_PER_BUILD = 20  # a check takes about 0.05 s; this long means it hangs

PROBLEM = re.compile(r"questions\.yaml:([1-9][0-9]*):[1-9][0-9]*: \S")
WARNING = re.compile(r"questions\.yaml:([1-9][0-9]*):[1-9][0-9]*: warning: \S")
CHECKED = re.compile(
    rf"Checked {len(PAGES)} pages from [1-9][0-9]* statements? in [1-9][0-9]* dimensions? in [0-9.]+ s\."
)
SUMMARY = re.compile(r"[1-9][0-9]* errors?, [0-9]+ warnings? in questions\.yaml; nothing was written\.")
WARNINGS_ONLY = re.compile(r"[1-9][0-9]* warnings? in questions\.yaml\.")

# Values that bite: YAML 1.1 traps, wrong types, syntax, aliases, tags, markup, placeholders.
VALUES = [
    "",
    "~",
    "null",
    "yes",
    "no",
    "on",
    "off",
    "True",
    "0",
    "012",
    "035",
    "0x1F",
    "1:30",
    "1_000",
    "2024-01-01",
    "-1",
    "101",
    "1e3",
    "3.5",
    ".nan",
    ".inf",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1}",
    '"text"',
    "'x'",
    '"open',
    "*alias",
    "&anchor x",
    "!!python/object/apply:os.system [ls]",
    "!custom x",
    "!!binary aGk=",
    "|",
    ">-",
    "- item",
    "a: b",
    "# comment",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "<b>bold</b>",
    "![i](x.png)",
    "{current}",
    "x" * 300,
    "<<: {a: 1}",
    "? complex",
    "\t",
    "'",
    '"',
    "&a [*a, *a]",
]
KEYS = [
    "id",
    "text",
    "min",
    "side",
    "reverse",
    "dimension",
    "moment",
    "title",
    "titel",
    "labels",
    "answers",
    "ui",
    "no",
    "<<",
    "?",
    "- id",
    "hf-safe",
    "statements",
    "bands",
    "x y",
    "",
]
ALPHABET = ":-#&*!|>'\"%@`{}[],?\t\n \u00a0\x00\x07\x85é€\ufeff\u2028aZ0"


def lines_op(kind):
    """A mutation that works on the lines of the text."""
    index = st.integers(min_value=0, max_value=10**6)
    if kind == "delete":
        return index.map(lambda i: ("delete", i))
    if kind == "double":
        return index.map(lambda i: ("double", i))
    if kind == "swap":
        return st.tuples(index, index).map(lambda ij: ("swap", *ij))
    if kind == "indent":
        return st.tuples(index, st.integers(-4, 4)).map(lambda a: ("indent", *a))
    if kind == "value":
        value = st.one_of(st.sampled_from(VALUES), st.text(max_size=12))
        return st.tuples(index, value).map(lambda a: ("value", *a))
    if kind == "key":
        key = st.one_of(st.sampled_from(KEYS), st.text(alphabet="abcdefghij_-: ", max_size=8))
        return st.tuples(index, key).map(lambda a: ("key", *a))
    raise ValueError(kind)


def apply_text_op(text, op):
    lines = text.split("\n")
    kind, i = op[0], op[1] % len(lines)
    if kind == "delete":
        del lines[i]
    elif kind == "double":
        lines.insert(i, lines[i])
    elif kind == "swap":
        j = op[2] % len(lines)
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "indent":
        delta, indent = op[2], len(lines[i]) - len(lines[i].lstrip(" "))
        lines[i] = " " * delta + lines[i] if delta > 0 else lines[i][min(-delta, indent) :]
    elif kind == "value":
        match = re.match(r"(\s*(?:- )?[^:#\s][^:#]*:)( .*)?$", lines[i])
        lines[i] = f"{match.group(1)} {op[2]}" if match else lines[i] + op[2]
    elif kind == "key":
        lines[i] = re.sub(r"^(\s*(?:- )?)[^:#\s][^:#]*:", lambda m: m.group(1) + op[2] + ":", lines[i])
    return "\n".join(lines)


def byte_op():
    where = st.floats(min_value=0, max_value=1)
    return st.one_of(
        where.map(lambda f: ("truncate", f)),
        st.tuples(where, st.binary(min_size=1, max_size=8)).map(lambda a: ("bytes", *a)),
        st.tuples(where, st.text(alphabet=ALPHABET, min_size=1, max_size=8)).map(lambda a: ("chars", *a)),
    )


def apply_byte_op(data, op):
    at = int(op[1] * len(data))
    if op[0] == "truncate":
        return data[:at]
    insert = op[2] if op[0] == "bytes" else op[2].encode("utf-8")
    return data[:at] + insert + data[at:]


def paths(value, path=()):
    """Every place in the content: every key of every group and item of every list."""
    yield path
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from paths(sub, path + (key,))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from paths(sub, path + (i,))


PATHS = [p for p in paths(DATA) if p]
ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 200),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(VALUES),
    st.dates(),
    st.lists(st.integers(0, 9), max_size=3),
    st.dictionaries(st.sampled_from(KEYS), st.integers(0, 9), max_size=2),
)


def data_op():
    place = st.sampled_from(PATHS)
    return st.one_of(
        place.map(lambda p: ("remove", p)),
        st.tuples(place, ANY_VALUE).map(lambda a: ("set", *a)),
        st.tuples(place, place).map(lambda a: ("exchange", *a)),
    )


def get(data, path):
    for part in path:
        data = data[part]
    return data


def apply_data_op(data, op):
    """The content with one place removed, set or exchanged with another, or None when a
    place is no longer there after an earlier change."""
    try:
        if op[0] == "remove":
            del get(data, op[1][:-1])[op[1][-1]]
        elif op[0] == "set":
            get(data, op[1][:-1])[op[1][-1]] = op[2]
        else:
            a, b = get(data, op[1]), get(data, op[2])
            get(data, op[1][:-1])[op[1][-1]] = b
            get(data, op[2][:-1])[op[2][-1]] = a
    except (KeyError, IndexError, TypeError):
        pass
    return data


@st.composite
def mutated_files(draw):
    """The fixture content, changed in one to three ways."""
    if draw(st.booleans()):
        data = copy.deepcopy(DATA)
        for op in draw(st.lists(data_op(), min_size=1, max_size=3)):
            data = apply_data_op(data, op)
        text = yaml.dump(data, Dumper=SAFE_DUMPER, sort_keys=False, allow_unicode=True, width=100)
    else:
        text = REAL
    kinds = ["delete", "double", "swap", "indent", "value", "key"]
    for op in draw(st.lists(st.one_of([lines_op(k) for k in kinds]), max_size=3)):
        text = apply_text_op(text, op)
    data = text.encode("utf-8")
    for op in draw(st.lists(byte_op(), max_size=2)):
        data = apply_byte_op(data, op)
    return data


@contextlib.contextmanager
def time_limit(seconds):
    """Fail, rather than wait forever, if the build hangs."""

    def hung(signum, frame):
        raise TimeoutError(f"the build took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_quietly(source, out):
    """build.py --check: (exit status, stdout lines, stderr lines)."""
    out_text, err = io.StringIO(), io.StringIO()
    with time_limit(SECONDS_PER_BUILD), contextlib.redirect_stderr(err), contextlib.redirect_stdout(out_text):
        status = build.main(["--check", "--source", str(source), "--out", str(out)])
    return status, out_text.getvalue().splitlines(), err.getvalue().splitlines()


@pytest.mark.parametrize("part", range(PARTS))
def test_mutations_never_break_the_build(part):
    outcomes = {}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        source = folder / "questions.yaml"

        @seed(part)
        @settings(
            max_examples=EXAMPLES // PARTS,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(mutated_files())
        def one_mutation(broken):
            source.write_bytes(broken)
            out = folder / "site"
            status, said, lines = check_quietly(source, out)
            last_line = len(re.split(rb"\r\n|\r|\n", broken))
            outcomes[status] = outcomes.get(status, 0) + 1
            assert not out.exists()  # the check path writes nothing, whatever the content
            if status == 0:
                # Every page rendered, and nothing on stderr but warnings that name a line.
                assert len(said) == 1 and CHECKED.fullmatch(said[0]), said
                assert all(WARNING.match(line) for line in lines[:-1]), lines
                assert not lines or WARNINGS_ONLY.fullmatch(lines[-1]), lines
            else:
                # Messages that each name a line of the file, and nothing written.
                assert status == 1, lines
                assert lines and SUMMARY.fullmatch(lines[-1]), lines
                for line in lines[:-1]:
                    match = PROBLEM.match(line)
                    assert match, line
                    assert int(match.group(1)) <= last_line, line

        one_mutation()
    assert sum(outcomes.values()) >= EXAMPLES // PARTS
    assert outcomes.get(0) and outcomes.get(1), outcomes  # both outcomes were explored, in every part
