"""docs/questions-yaml.md, the field-by-field reference of questions.yaml, written from
questions.schema.json: its descriptions, types, limits, defaults and examples. The schema
is the one definition of the format (the build checks against it, editors complete from
it), so the reference cannot drift from what the check accepts.

    python -m sitebuild.docs        rewrite docs/questions-yaml.md (make docs does)

tests/test_docs.py fails when the committed file is not what this writes.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "questions.schema.json"
REFERENCE = ROOT / "docs" / "questions-yaml.md"
LONGEST_EXAMPLE = 60  # longer examples (Markdown paragraphs) are left to questions.yaml itself


def main():
    REFERENCE.parent.mkdir(exist_ok=True)
    REFERENCE.write_text(questions_reference(json.loads(SCHEMA.read_text(encoding="utf-8"))), encoding="utf-8")
    print(f"Wrote {REFERENCE.relative_to(ROOT)} from {SCHEMA.name}.")


def questions_reference(schema):
    """The reference as Markdown: an introduction, then a table per top-level section."""
    lines = [
        "# questions.yaml, field by field",
        "",
        f"<!-- Written by `make docs` from {SCHEMA.name}; edit the schema's descriptions, not this file. -->",
        "",
        one_line(schema["description"]),
        "",
        "A field in `a.b` form is `b:` inside `a:`; `a[].b` is `b:` in each item of the list `a:`.",
        "Sizes are in characters. `make serve` or `python build.py --check` says, line by line, what",
        "does not fit, and the rules that join fields (ids that must exist, bands every answer can",
        "reach) are checked there too.",
    ]
    for name, section in schema["properties"].items():
        needed = "Required" if name in schema.get("required", ()) else "Optional"
        lines += [
            "",
            f"## `{name}`",
            "",
            f"{one_line(section.get('description', ''))} {needed}. {kind(section)}",
            "",
            "| field | | what it takes |",
            "|---|---|---|",
        ]
        lines += [row(path, node, needed) for path, node, needed in fields(section, name, True)][1:]  # said above
    return "\n".join(lines) + "\n"


def fields(node, path, needed):
    """(path, schema, required) for `node` and every field inside it, in the schema's order."""
    yield path, node, needed
    for name, child in node.get("properties", {}).items():
        yield from fields(child, f"{path}.{name}", name in node.get("required", ()))
    if isinstance(node.get("items"), dict) and node["items"].get("properties"):
        for name, child in node["items"]["properties"].items():
            yield from fields(child, f"{path}[].{name}", name in node["items"].get("required", ()))
    if isinstance(node.get("additionalProperties"), dict):
        yield from fields(node["additionalProperties"], f"{path}.<id>", True)


def row(path, node, needed):
    parts = [one_line(node.get("description", "")), kind(node)]
    example = node.get("examples", [None])[0]
    if isinstance(example, (str, int)) and len(str(example)) <= LONGEST_EXAMPLE:  # bool is an int
        parts.append(f"Example: `{json.dumps(example) if isinstance(example, bool) else example}`")
    return f"| `{path}` | {'required' if needed else 'optional'} | {cell(' '.join(p for p in parts if p))} |"


def kind(node):
    """The type and limits, in words: "Text, at most 60 characters.", "A list of 2 to 8 items."..."""
    kind = node.get("type")
    if "enum" in node:
        return "One of: " + ", ".join(f"`{value}`" for value in node["enum"]) + "."
    if kind == "string":
        low = node.get("minLength") if node.get("minLength", 0) > 1 else None  # 1: "not empty" goes without saying
        return "Text" + limits(low, node.get("maxLength"), " characters", ", ") + left_out(node)
    if kind == "integer":
        return "A whole number" + limits(node.get("minimum"), node.get("maximum"), "", " from ") + left_out(node)
    if kind == "boolean":
        return "`true` or `false`" + left_out(node)
    if kind == "array":
        return "A list" + limits(node.get("minItems"), node.get("maxItems"), " items", " of ") + "."
    if kind == "object":
        return "A group" + limits(None, node.get("maxProperties"), " entries", "") + "."
    return ""


def left_out(node):
    """The end of the type's sentence: "; left out, `5`." for a field with a default, or "."."""
    if "default" not in node:
        return "."
    default = node["default"]
    return f"; left out, `{default if isinstance(default, str) else json.dumps(default)}`."


def limits(low, high, unit, joiner):
    """ " from 0 to 100", " of exactly 5 items", ", at most 60 characters" or nothing."""
    if low is not None and low == high:
        return f"{joiner}exactly {low}{unit}"
    if low is not None and high is not None:
        return f"{joiner}{low} to {high}{unit}"
    if high is not None:
        return f", at most {high}{unit}"
    if low is not None:
        return f", at least {low}{unit}"
    return ""


def one_line(text):
    return " ".join(text.split())


def cell(text):
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|")


if __name__ == "__main__":
    sys.exit(main())
