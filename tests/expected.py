"""The tests' own reading of a questions.yaml and of the scoring rules: the oracle.

Written from the rules in the README, not from indicator.js or sitebuild/, so the
browser tests compare the page against an independent computation. Every rule reads
the file it is given (its scale length, keying, bands, minimum answered), so the
content tests can use it on any valid questions.yaml.
"""

import math
from pathlib import Path

import yaml

from support import FIXTURE


ROOT = FIXTURE.parent.parent.parent
FIXTURES = FIXTURE.parent
LIVE = ROOT / "questions.yaml"
ENGINE = FIXTURE  # the content before issue 9: the engine tests' fixture
V2 = FIXTURES / "v2.yaml"  # a snapshot of the content after issue 9 (floor, profiles, 2+2 keying)


# libyaml's safe loader where PyYAML has it: the same data, read twenty times faster (the
# test modules read the fixtures as they are collected, in every worker).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # and its emitter, for the variants tests write


def content(path=FIXTURE):
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=SAFE_LOADER)


def profiles(data):
    """The reference profiles as a list, whichever of the two forms the file uses."""
    reference = data["reference"]
    return [dict(reference, id="reference")] if isinstance(reference, dict) else reference


def half_up(x):
    return math.floor(x + 0.5)


def expected_result(data, answers):
    """{"dimensions": {id: rounded score or None}, "overall": int or None, "band": index or None}.

    answers: {statement id: 0..n} on the file's n-point scale, 0 meaning "not sure";
    a missing id is unanswered.
    """
    exact = exact_dimension_scores(data, answers)
    overall = expected_overall(data, answers, exact)
    return {
        "dimensions": {k: (None if v is None else half_up(v)) for k, v in exact.items()},
        "overall": overall,
        "band": None if overall is None else verdict(data, exact, overall)[0],
    }


def points(data):
    """How many points the file's scale has: one per label."""
    return len(data["scale"]["labels"])


def expected_held_by(data, answers):
    """The dimension the weakest-link rule lowered the verdict for, or None."""
    exact = exact_dimension_scores(data, answers)
    overall = expected_overall(data, answers, exact)
    return None if overall is None else verdict(data, exact, overall)[1]


def expected_overall(data, answers, exact):
    rated_total = sum(1 for statement in data["statements"] if answers.get(statement["id"], 0))
    needed = math.ceil(len(data["statements"]) * data["scoring"]["min_answered_percent"] / 100)
    if any(v is None for v in exact.values()) or rated_total < needed:
        return None
    total = 0
    for dimension in data["dimensions"]:
        total += exact[dimension["id"]]
    return half_up(total / len(data["dimensions"]))


def verdict(data, exact, overall):
    """(band index, the dimension that held it down or None). The band is the last whose
    min the overall score reaches; then the weakest-link rule (README): with
    scoring.floor, a dimension scoring below it puts the verdict no higher than the last
    liability band, and the lowest such dimension (the first in the file on a tie) is named."""
    band = max(i for i, b in enumerate(data["bands"]) if overall >= b["min"])
    floor = data["scoring"].get("floor")
    liability = [i for i, b in enumerate(data["bands"]) if b["side"] == "liability"]
    below = sorted(
        (exact[d["id"]], n, d["id"]) for n, d in enumerate(data["dimensions"]) if floor and exact[d["id"]] < floor
    )
    if below and liability and band > liability[-1]:
        return liability[-1], below[0][2]
    return band, None


def extreme_answers(data, end):
    """Every statement answered at the asset end ("asset") or the liability end."""
    top = points(data)
    asset = end == "asset"
    return {s["id"]: (1 if asset else top) if s.get("reverse") else (top if asset else 1) for s in data["statements"]}


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
    """{dimension id: unrounded 0-100 score or None}, by the README's rule: on an n-point
    scale a rating r counts (r - 1) / (n - 1) x 100, reversed (n - r) / (n - 1) x 100, and a
    dimension scores the mean of its counted ratings. Summed as whole steps and divided
    once, so the float is the exact value correctly rounded (a half stays a half)."""
    top = points(data)
    scores = {}
    for dimension in data["dimensions"]:
        steps = [
            top - answers[s["id"]] if s.get("reverse") else answers[s["id"]] - 1
            for s in data["statements"]
            if s["dimension"] == dimension["id"] and answers.get(s["id"], 0)
        ]
        scores[dimension["id"]] = sum(steps) * 100 / ((top - 1) * len(steps)) if steps else None
    return scores


# Languages written right to left (their regional tags too, as ar-EG or fa-IR).
RIGHT_TO_LEFT = {"ar", "he", "fa", "ur"}


def direction(data):
    """ "rtl" or "ltr": site.direction when the file sets it, else what site.language implies."""
    site = data["site"]
    return site.get("direction") or ("rtl" if site["language"].split("-")[0].lower() in RIGHT_TO_LEFT else "ltr")


def expected_advice(data, dimensions):
    """[(dimension id, advice level)] the result page shows for `dimensions` (the oracle's
    scores, None where unscored): the two lowest, lowest first, ties in file order, each
    at its level (scoring.advice_levels: high from `high`, middle from `middle`)."""
    levels = data["scoring"]["advice_levels"]
    order = [d["id"] for d in data["dimensions"]]
    scored = sorted((score, order.index(i), i) for i, score in dimensions.items() if score is not None)
    return [
        (i, "high" if score >= levels["high"] else "middle" if score >= levels["middle"] else "low")
        for score, _, i in scored[:2]
    ]
