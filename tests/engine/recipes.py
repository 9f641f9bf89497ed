"""Recipes: a broken questions.yaml written as a small change to the engine's fixture
content (tests/fixtures/questions.yaml).

Storing the change, not the broken file, keeps the corpus true when that file
changes: each recipe finds its text, and its expected messages name lines relative to
what it changed. The format, one recipe per file (tests/broken/README.md says more):

    What the case is about, in a sentence or two.
    @@ replace
    <whole lines of tests/fixtures/questions.yaml, found exactly once>
    @@ with
    <the lines that take their place>
    @@ expect
    questions.yaml:{line}:10: the message, word for word
    1 error, 0 warnings in questions.yaml; nothing was written.

Other sections: `@@ with bytes` (like `with`, where \\xHH is that byte), `@@ file`
(the whole file instead), `@@ append` or `@@ append N` (added at the end, N times),
`@@ truncate-after` (the file stops right after this text).

In `expect`, {line} is the line where the first change starts, {line+N} and {line-N}
count from there, {line:TEXT} is the first line of the broken file holding TEXT and
{eof} is the line after the last one.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

PLACEHOLDER = re.compile(r"\{line(?::([^{}]+?))?([+-]\d+)?\}|\{eof\}")


@dataclass
class Recipe:
    name: str
    about: str
    steps: list = field(default_factory=list)  # (kind, argument, text)
    expect: list = field(default_factory=list)

    def apply(self, real):
        """(the broken file as bytes, the line its first change starts on)."""
        broken, first = real, None
        steps = iter(self.steps)
        for kind, argument, text in steps:
            if kind == "replace":
                with_kind, _, new = next(steps)
                assert with_kind.startswith("with"), f"{self.name}: @@ replace needs an @@ with after it"
                old = text.encode()
                assert broken.count(old) == 1, (
                    f"{self.name}: the text to replace is not in questions.yaml exactly once:\n{text}"
                )
                start = broken.index(old)
                new = unescape_bytes(new) if with_kind == "with bytes" else new.encode()
                broken = broken[:start] + new + broken[start + len(old) :]
            elif kind == "file":
                start, broken = 0, text.encode()
            elif kind == "append":
                start = len(broken)
                broken += text.encode() * int(argument or 1)
            elif kind == "truncate-after":
                found = broken.index(text.rstrip("\n").encode())
                start = found
                broken = broken[: found + len(text.rstrip("\n").encode())]
            else:
                raise AssertionError(f"{self.name}: unknown section @@ {kind}")
            if first is None:
                first = broken[:start].count(b"\n") + 1
        return broken, first

    def expected(self, broken, first):
        """The expected stderr lines, placeholders filled in."""
        text = broken.decode("utf-8", "replace")
        lines = text.split("\n")

        def fill(match):
            if match.group(0) == "{eof}":
                return str(text.count("\n") + 1)
            anchor, offset = match.group(1), int(match.group(2) or 0)
            if anchor is None:
                return str(first + offset)
            found = [n for n, line in enumerate(lines, start=1) if anchor in line]
            assert found, f"{self.name}: no line holds {anchor!r}"
            return str(found[0] + offset)

        return [PLACEHOLDER.sub(fill, line) for line in self.expect]


def unescape_bytes(text):
    return re.sub(rb"\\x([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), text.encode())


def read_recipe(path):
    path = Path(path)
    about, sections = [], []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("@@ "):
            header = line[3:].strip()
            kind, _, argument = header.partition(" ")
            if header == "with bytes":
                kind, argument = "with bytes", ""
            sections.append([kind, argument, []])
        elif sections:
            sections[-1][2].append(line)
        else:
            about.append(line)
    recipe = Recipe(path.stem, " ".join(about).strip())
    for kind, argument, lines in sections:
        if kind == "expect":
            recipe.expect = [line for line in lines if line]
        else:
            while lines and lines[-1] == "":
                lines.pop()  # the blank line that ends a section
            recipe.steps.append((kind, argument, "\n".join(lines) + "\n" if lines else ""))
    return recipe


def read_recipes(folder):
    return [read_recipe(path) for path in sorted(Path(folder).glob("*.txt"))]
