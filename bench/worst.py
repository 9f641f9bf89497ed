#!/usr/bin/env python3
"""The worst inputs of every check, timed: what a crafted questions.yaml, link or file costs.

    python bench/worst.py        prints each case and the seconds it took

Each case is the input that makes its check do the most work within the bounds the
build and the pages set (questions.yaml at most 512,000 bytes, a text field at most its
maxLength; a compare list at most its lines, bytes and name length), or well past them
where a check must stay linear anyway. tests/test_hardening.py runs the same cases
under a generous time bound; this script prints what they measure on this machine.
"""

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitebuild.check import ACTIVE_MARKUP, MAX_BRACKETS, TAG  # noqa: E402
from sitebuild.load import MAX_BYTES, load_content  # noqa: E402
from sitebuild.markdown import render_markdown  # noqa: E402

LONG = 400_000  # the hang: 400,000 repetitions of one character in one value
MARKDOWN = 4_000  # the longest Markdown field the schema allows

# name -> text: each a value the markup check scans whatever its field's bound (an author may
# raise a bound in a fork), at the length that once hung the build.
MARKUP = {
    "'<' x 400,000": "<" * LONG,
    "'< ' x 200,000": "< " * (LONG // 2),
    "'<a ' x 133,333": "<a " * (LONG // 3),
    "'<' then 400,000 spaces": "<" + " " * LONG,
    "'[' and a line break x 200,000": "[\n" * (LONG // 2),
    "'](' then 400,000 spaces": "](" + " " * LONG,
    "'href=' then 400,000 spaces": "href=" + " " * LONG,
    "'<x on' x 80,000": "<x on" * (LONG // 5),
}
# Markdown fields at their maxLength; "[" is bounded by check.MAX_BRACKETS, first in the field.
MARKDOWN_INPUTS = {
    "'*' x 4,000": "*" * MARKDOWN,
    f"'[' x {MAX_BRACKETS}, then 'a'": "[" * MAX_BRACKETS + "a" * (MARKDOWN - MAX_BRACKETS),
    f"'![' x {MAX_BRACKETS // 2}, then 'a'": "![" * (MAX_BRACKETS // 2) + "a" * (MARKDOWN - MAX_BRACKETS),
    "'<' x 4,000": "<" * MARKDOWN,
    "'_a' x 2,000": "_a" * (MARKDOWN // 2),
    f"'[a](' x {MAX_BRACKETS}, then 'a'": "[a](" * MAX_BRACKETS + "a" * (MARKDOWN - 4 * MAX_BRACKETS),
    "'> ' x 2,000": "> " * (MARKDOWN // 2),
}
# questions.yaml at its size limit, each built the worst way for the loader.
FILES = {
    "one double-quoted value of '<'": 'site: "' + "<" * (MAX_BYTES - 10) + '"\n',
    "control characters": "site: x" + "\x01" * (MAX_BYTES - 10) + "\n",
    "escapes of NUL": 'site: "' + "\\0" * ((MAX_BYTES - 10) // 2) + '"\n',
    "keys, one a line": "".join(f"k{i}: v\n" for i in range(MAX_BYTES // 10)),
    "nested lists": "[" * 19 + "]" * 19 + "\n" + "- [a, b]\n" * (MAX_BYTES // 10),
}


def schema_patterns():
    """Every distinct `pattern` of questions.schema.json: jsonschema searches each in its
    value, so one that is not anchored costs the square of the value's length."""
    found = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found.add(node["pattern"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((ROOT / "questions.schema.json").read_text(encoding="utf-8")))
    return sorted(found)


def search_all(patterns, text):
    for pattern in patterns:
        re.search(pattern, text)


def whole_check(folder):
    """questions.yaml of the project with a ui string that must hold {braces} 400,000 '<'
    long, checked as build.py --check does (the schema, then every rule)."""
    from sitebuild.pipeline import read_schema, render_site

    loaded, _ = load_content(ROOT / "questions.yaml")
    fields = read_schema()["properties"]["ui"]["properties"]
    key = next(k for k in loaded.data["ui"] if "pattern" in fields.get(k, {}))
    start, end = loaded.spans[("ui", key)]
    path = Path(folder) / "questions.yaml"
    path.write_text(loaded.text[:start] + '"' + "<" * LONG + '"' + loaded.text[end:], encoding="utf-8")
    return timed(render_site, path)


def timed(function, *args):
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def python_cases():
    """(check, input, seconds) for every Python case."""
    for name, text in MARKUP.items():
        yield "markup check", name, timed(lambda t: (ACTIVE_MARKUP.search(t), TAG.search(t)), text)
    for name, text in MARKDOWN_INPUTS.items():
        yield "Markdown", name, timed(render_markdown, text)
    patterns = schema_patterns()
    yield "schema patterns", f"all {len(patterns)} on '<' x 400,000", timed(search_all, patterns, "<" * LONG)
    with tempfile.TemporaryDirectory() as folder:
        yield "build.py --check", "a ui string of '<' x 400,000", whole_check(folder)
        for name, text in FILES.items():
            path = Path(folder) / "questions.yaml"
            path.write_text(text, encoding="utf-8")
            yield "questions.yaml loader", f"{len(text.encode()):,} bytes of {name}", timed(load_content, path)


def javascript_cases():
    """(check, input, seconds) for every case of the compare page's reading, in Node."""
    script = ROOT / "bench" / "worst.js"
    result = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=600, check=True)
    return [tuple(case) for case in json.loads(result.stdout)]


def all_cases():
    return list(python_cases()) + javascript_cases()


def main():
    for check, name, seconds in all_cases():
        print(f"{check:24} {name:52} {seconds * 1000:9.1f} ms")


if __name__ == "__main__":
    main()
