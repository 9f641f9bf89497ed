"""The test's own reading of questions.yaml and of the scoring rules.

Written from the rules in the README, not from indicator.js, so the browser tests
compare the page against an independent computation.
"""

import math
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def content(path=ROOT / "questions.yaml"):
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def half_up(x):
    return math.floor(x + 0.5)


def expected_result(data, answers):
    """{"dimensions": {id: rounded score or None}, "overall": int or None, "band": index or None}.

    answers: {statement id: 0-5}, 0 meaning "not sure"; a missing id is unanswered.
    """
    exact = exact_dimension_scores(data, answers)
    rated_total = sum(1 for statement in data["statements"] if answers.get(statement["id"], 0))
    needed = math.ceil(len(data["statements"]) * data["scoring"]["min_answered_percent"] / 100)
    overall = band = None
    if all(v is not None for v in exact.values()) and rated_total >= needed:
        total = 0
        for dimension in data["dimensions"]:
            total += exact[dimension["id"]]
        overall = half_up(total / len(data["dimensions"]))
        band = max(i for i, b in enumerate(data["bands"]) if overall >= b["min"])
    return {
        "dimensions": {k: (None if v is None else half_up(v)) for k, v in exact.items()},
        "overall": overall,
        "band": band,
    }


def extreme_answers(data, end):
    """Every statement answered at the asset end ("asset") or the liability end."""
    asset = end == "asset"
    return {s["id"]: (1 if asset else 5) if s.get("reverse") else (5 if asset else 1) for s in data["statements"]}


# Result links, written from the format the README describes: "2.<fingerprint>.<answers><check>",
# two answers a character, each 0-5 ("not sure" is 0) or 6 for unanswered, then one check
# character: the sum of each character's place in the alphabet times its position (1, 2, ...)
# modulo 61.
LINK_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def encode_link(data, fingerprint, answers):
    values = [answers.get(s["id"], 6) for s in data["statements"]]
    if len(values) % 2:
        values.append(6)
    pairs = "".join(LINK_ALPHABET[values[i] * 7 + values[i + 1]] for i in range(0, len(values), 2))
    return f"2.{fingerprint}.{pairs}{check_character(pairs)}"


def check_character(pairs):
    total = sum((i % 60 + 1) * LINK_ALPHABET.index(c) for i, c in enumerate(pairs))
    return LINK_ALPHABET[total % 61]


def quantile(values, p):
    """Linear interpolation between the nearest ranks, at position p * (n - 1) from 0:
    spreadsheets' QUARTILE.INC. The README defines the compare page's quartiles so."""
    ordered = sorted(values)
    position = p * (len(ordered) - 1)
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def exact_dimension_scores(data, answers):
    """{dimension id: unrounded 0-100 score or None}, by the README's rule: the mean of the
    1 to p values (p the scale's points) rescaled to 0-100, in the same operations as the page."""
    points = len(data["scale"]["labels"])
    scores = {}
    for dimension in data["dimensions"]:
        values = [
            points + 1 - answers[s["id"]] if s.get("reverse") else answers[s["id"]]
            for s in data["statements"]
            if s["dimension"] == dimension["id"] and answers.get(s["id"], 0)
        ]
        scores[dimension["id"]] = (sum(values) - len(values)) * 100 / ((points - 1) * len(values)) if values else None
    return scores
