"""The questions' fingerprint, which result links and saved answers carry.

It must change whenever the same code would mean other answers (a statement added,
removed, moved, re-keyed or put in another dimension, or the scale made longer or
shorter), and stay put when only words change, so links survive a typo fix.
"""

import copy
import re

import pytest

from expected import content
from sitebuild.render import fingerprint

DATA = content()
BEFORE = fingerprint(DATA)
OTHER_DIMENSION = DATA["dimensions"][1]["id"]


def after(change):
    data = copy.deepcopy(DATA)
    change(data)
    return fingerprint(data)


def add_statement(data):
    data["statements"].append({"id": "cv-extra", "dimension": data["dimensions"][0]["id"], "text": "One more."})


def swap_first_two(data):
    statements = data["statements"]
    statements[0], statements[1] = statements[1], statements[0]


def flip_keying(data):
    statement = data["statements"][1]
    statement["reverse"] = not statement.get("reverse", False)


def move_to_other_dimension(data):
    statement = next(s for s in data["statements"] if s["dimension"] != OTHER_DIMENSION)
    statement["dimension"] = OTHER_DIMENSION


def move_and_reorder(data):
    statement = data["statements"].pop(0)
    statement["dimension"] = OTHER_DIMENSION
    data["statements"].append(statement)


@pytest.mark.parametrize(
    "change",
    [
        add_statement,
        lambda data: data["statements"].pop(3),  # removed
        lambda data: data["statements"].pop(),  # the last one removed: the code is then shorter
        flip_keying,
        lambda data: data["statements"][0].pop("reverse"),  # a reversed statement no longer reversed
        move_to_other_dimension,
        move_and_reorder,
        swap_first_two,
        lambda data: data["statements"][2].update(id="renamed"),
        lambda data: data["scale"]["labels"].append("Agree completely"),
        lambda data: data["scale"]["labels"].pop(),
        lambda data: data["scale"].pop("not_sure"),  # a 0 in an old link would mean nothing
    ],
    ids=[
        "added",
        "removed",
        "last-removed",
        "re-keyed",
        "un-keyed",
        "other-dimension",
        "other-dimension-and-reordered",
        "reordered",
        "id-renamed",
        "scale-longer",
        "scale-shorter",
        "not-sure-removed",
    ],
)
def test_changes_when_a_code_would_mean_other_answers(change):
    assert after(change) != BEFORE


@pytest.mark.parametrize(
    "change",
    [
        lambda data: data["statements"][0].update(text="Reworded, with the same meaning."),
        lambda data: data["statements"][1].update(reverse=False),  # written out, same keying
        lambda data: data["scale"]["labels"].__setitem__(0, "Disagree strongly"),
        lambda data: data["scale"].update(not_sure="Can't say"),
        lambda data: data["dimensions"][0].update(name="Another name", description="Other words."),
        lambda data: data["bands"][0].update(title="Another title"),
        lambda data: data["ui"].update(share_title="Send it on"),
        lambda data: data["reference"]["answers"].update({data["statements"][0]["id"]: 1}),
    ],
    ids=[
        "statement-text",
        "reverse-false-written",
        "scale-label",
        "not-sure-label",
        "dimension-words",
        "band-title",
        "ui",
        "reference",
    ],
)
def test_stays_when_only_words_change(change):
    assert after(change) == BEFORE


def test_is_eight_hex_digits():
    assert re.fullmatch(r"[0-9a-f]{8}", BEFORE)
