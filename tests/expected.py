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
    exact = {}
    rated_total = 0
    for dimension in data["dimensions"]:
        values = []
        for statement in data["statements"]:
            if statement["dimension"] != dimension["id"]:
                continue
            answer = answers.get(statement["id"], 0)
            if answer:
                values.append(6 - answer if statement.get("reverse") else answer)
        rated_total += len(values)
        # the mean of 1-5 values rescaled to 0-100, in the same operations as the page
        exact[dimension["id"]] = (sum(values) - len(values)) * 25 / len(values) if values else None
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
