"""Forks of the engine fixture (tests/fixtures/questions.yaml), each changed the
way a real fork changes the file, for the engine tests of scales, right to left and long
quizzes. Never the live questions.yaml: these tests hold whatever it says.
"""

import copy

import yaml

from expected import SAFE_DUMPER, content
from support import FIXTURE


def base():
    """The fixture's content, a copy of its own for each caller to change."""
    return content(FIXTURE)


def hebrew(language="he"):
    """The fixture marked as Hebrew: the site must read right to left (the words stay
    English, which is all these tests need of them)."""
    data = base()
    data["site"]["language"] = language
    return data


def scale(labels, not_sure=None):
    """The fixture on another scale: `labels` answers, and "not sure" only if given. The
    reference answers are moved onto the new scale, keeping their place on it."""
    data = base()
    data["scale"] = {"labels": list(labels), **({"not_sure": not_sure} if not_sure else {})}
    points = len(labels)
    answers = data["reference"]["answers"]
    for name, value in answers.items():
        answers[name] = 1 + round((value - 1) * (points - 1) / 4)
    return data


def long(count=200):
    """The fixture with `count` statements: copies of the originals, in the same
    dimensions with the same keying, and the same reference answers."""
    data = base()
    originals = data["statements"]
    answers = data["reference"]["answers"]
    statements = []
    for number in range(count):
        twin = copy.deepcopy(originals[number % len(originals)])
        if number >= len(originals):
            twin["id"] = f"{twin['id']}-{number}"
            twin["text"] = f"{twin['text']} ({number + 1})"
            answers[twin["id"]] = answers[originals[number % len(originals)]["id"]]
        statements.append(twin)
    data["statements"] = statements
    return data


def write(data, path):
    """`data` as a questions.yaml at `path` (no YAML aliases: the loader refuses them)."""

    class NoAliases(SAFE_DUMPER):
        def ignore_aliases(self, _):
            return True

    path.write_text(
        yaml.dump(data, Dumper=NoAliases, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8"
    )
    return path
