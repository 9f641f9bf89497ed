"""questions.schema.json: the one definition of the format, for the build and for editors."""

import json

import jsonschema

from support import FIXTURE, ROOT
from sitebuild.translations import NEEDED

SCHEMA = json.loads((ROOT / "questions.schema.json").read_text(encoding="utf-8"))


def fields(node, path=()):
    """(path, schema) of every field and list the schema describes."""
    for name, sub in node.get("properties", {}).items():
        yield path + (name,), sub
        yield from fields(sub, path + (name,))
    if isinstance(node.get("items"), dict):
        yield from fields(node["items"], path + ("[]",))


def test_draft_07_which_editors_support():
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(SCHEMA)


def test_questions_yaml_points_editors_to_the_schema():
    first = FIXTURE.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == "# yaml-language-server: $schema=./questions.schema.json"


def test_every_field_has_a_description_and_valid_examples():
    for path, sub in fields(SCHEMA):
        assert sub.get("description"), path
        if sub.get("type") == "object":
            continue  # a group: its fields carry the examples
        assert sub.get("examples"), path
        for example in sub["examples"]:
            if (
                sub.get("type") == "array"
                and isinstance(sub.get("items"), dict)
                and sub["items"].get("type") == "object"
            ):
                for item in example:  # one item shown, where the list needs more
                    assert jsonschema.Draft7Validator(sub["items"]).is_valid(item), path
            else:
                assert jsonschema.Draft7Validator(sub).is_valid(example), (path, example)


def test_every_ui_string_is_required_but_those_only_a_site_with_translations_needs():
    """The switcher's and the draft notice's strings are asked for by the translation check
    instead, and a string with a default (punctuation, the same in most languages) is filled
    in where the file has none, so a one-language fork that merges a newer project keeps
    building."""
    ui = SCHEMA["properties"]["ui"]
    with_translations = {key for parent, key, *_ in NEEDED if parent == ("ui",)}
    assert with_translations == {"languages_label", "draft_notice"}
    defaulted = {key for key, node in ui["properties"].items() if "default" in node}
    assert defaulted == {"answer_counted"}
    assert sorted(ui["required"]) == sorted(set(ui["properties"]) - with_translations - defaulted)
