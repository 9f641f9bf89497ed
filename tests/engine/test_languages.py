"""match_texts: the words the team report matches an export by, in every language, from the
engine fixture and its French and Arabic translations (tests/forks/fr.yaml and ar.yaml hold
exactly the fixture's ids, so loaded as they are they are its merged translations)."""

import copy
import json

from expected import content
from sitebuild.languages import match_texts
from support import FIXTURE, ROOT

ENGLISH = content(FIXTURE)
FRENCH = content(ROOT / "tests" / "forks" / "fr.yaml")
ARABIC = content(ROOT / "tests" / "forks" / "ar.yaml")
CONTENTS = [ENGLISH, FRENCH, ARABIC]


def ids(data, section):
    return [item["id"] for item in data[section]]


def test_the_translations_have_the_fixtures_ids_and_other_words():
    for other in (FRENCH, ARABIC):
        assert ids(other, "statements") == ids(ENGLISH, "statements") and ids(other, "roles") == ids(ENGLISH, "roles")
        assert not {s["text"] for s in other["statements"]} & {s["text"] for s in ENGLISH["statements"]}


def test_every_statement_role_and_label_in_every_language_source_first():
    texts = match_texts(CONTENTS)
    assert texts["statements"] == {
        s["id"]: [s["text"], f["text"], a["text"]]
        for s, f, a in zip(ENGLISH["statements"], FRENCH["statements"], ARABIC["statements"])
    }
    assert texts["roles"] == {
        r["id"]: [r["label"], f["label"], a["label"]]
        for r, f, a in zip(ENGLISH["roles"], FRENCH["roles"], ARABIC["roles"])
    }
    assert texts["labels"] == [list(words) for words in zip(*(c["scale"]["labels"] for c in CONTENTS))]
    assert len(texts["labels"]) == len(ENGLISH["scale"]["labels"])
    assert texts["notSure"] == [c["scale"]["not_sure"] for c in CONTENTS]
    assert texts["roleQuestion"] == [c["ui"]["team_kit_role_question"] for c in CONTENTS]
    json.dumps(texts)  # written as texts.json as it is


def test_a_word_a_translation_left_as_it_was_is_listed_once():
    draft = copy.deepcopy(FRENCH)
    draft["statements"][0]["text"] = ENGLISH["statements"][0]["text"]
    draft["scale"]["labels"][2] = ENGLISH["scale"]["labels"][2]
    texts = match_texts([ENGLISH, draft])
    first = ENGLISH["statements"][0]["id"]
    assert texts["statements"][first] == [ENGLISH["statements"][0]["text"]]
    assert texts["labels"][2] == [ENGLISH["scale"]["labels"][2]]
    assert texts["labels"][1] == [ENGLISH["scale"]["labels"][1], FRENCH["scale"]["labels"][1]]


def test_one_language_gives_its_own_words_and_no_not_sure_without_one():
    texts = match_texts([ENGLISH])
    assert texts["statements"] == {s["id"]: [s["text"]] for s in ENGLISH["statements"]}
    without = copy.deepcopy(ENGLISH)
    del without["scale"]["not_sure"]
    assert match_texts([without])["notSure"] == []


def test_the_numbers_the_build_writes_stay_under_1000_which_read_alike_in_every_language():
    """The pages' numbers from Python (counts, band edges, statement numbers) need no
    formatting by language while the schema keeps them under 1,000: tests/js/intl.test.mjs
    checks that every language writes those as Python does."""
    schema = json.loads((ROOT / "questions.schema.json").read_text(encoding="utf-8"))
    bounds = []

    def walk(node):
        if isinstance(node, dict):
            bounds.extend(node[key] for key in ("maximum", "maxItems") if key in node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert bounds and max(bounds) < 1000
