"""docs/questions-yaml.md is what sitebuild/docs.py writes from the schema, and names every field."""

import json

from support import ROOT
from sitebuild.docs import REFERENCE, fields, questions_reference

SCHEMA = json.loads((ROOT / "questions.schema.json").read_text(encoding="utf-8"))


def test_the_committed_reference_is_up_to_date():
    assert REFERENCE.read_text(encoding="utf-8") == questions_reference(SCHEMA), (
        "docs/questions-yaml.md is out of date with questions.schema.json: run make docs and commit it"
    )


def test_every_field_of_the_schema_has_a_row_with_its_description():
    text = questions_reference(SCHEMA)
    for name, section in SCHEMA["properties"].items():
        assert f"## `{name}`" in text
        for path, node, _ in list(fields(section, name, True))[1:]:
            (line,) = [line for line in text.splitlines() if line.startswith(f"| `{path}` |")]
            assert " ".join(node["description"].split()).replace("|", "\\|") in line, path


def test_a_row_says_whether_a_field_is_required_and_its_limits():
    schema = {
        "description": "All.",
        "required": ["a"],
        "properties": {
            "a": {
                "description": "A list.",
                "type": "array",
                "minItems": 2,
                "maxItems": 2,
                "items": {
                    "type": "object",
                    "required": ["n"],
                    "properties": {
                        "n": {
                            "description": "A | number.",
                            "type": "integer",
                            "minimum": 0,
                            "maximum": 9,
                            "examples": [3],
                        },
                        "b": {"description": "A flag.", "type": "boolean", "default": False, "examples": [True]},
                        "t": {"description": "Text.", "type": "string", "minLength": 1, "maxLength": 5},
                    },
                },
            }
        },
    }
    assert questions_reference(schema).split("## `a`\n\n")[1].splitlines() == [
        "A list. Required. A list of exactly 2 items.",
        "",
        "| field | | what it takes |",
        "|---|---|---|",
        "| `a[].n` | required | A \\| number. A whole number from 0 to 9. Example: `3` |",
        "| `a[].b` | optional | A flag. `true` or `false`; left out, `false`. Example: `true` |",
        "| `a[].t` | optional | Text. Text, at most 5 characters. |",
    ]
