"""The rules a schema cannot say: ids used once, references between sections that lead
somewhere, bands that start at 0 and can each be reached, reference profiles that answer
every statement, one executive and one frontline role; and warnings about statements
that make a weak scale.

Each rule looks only at the parts whose shape is right (the schema has spoken about the
rest), so one mistake is not reported ten times.
"""

import re

from ..problems import shorten
from ..scoring import POINTS, band_ranges, capped_band, reachable_scores
from .words import MAX_LISTED, closest, describe, plural


def items(data, section):
    """(index, item) for the well-formed items of a list section."""
    value = data.get(section)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def moments(data):
    story = data.get("story")
    if not isinstance(story, dict) or not isinstance(story.get("moments"), list):
        return []
    return [(i, m) for i, m in enumerate(story["moments"]) if isinstance(m, dict)]


def check_unique_ids(data, invalid, problems):
    """The usable ids of moments, dimensions and statements; twice-used ones are problems."""
    lists = {
        "moment": (("story", "moments"), moments(data)),
        "dimension": (("dimensions",), items(data, "dimensions")),
        "statement": (("statements",), items(data, "statements")),
        "role": (("roles",), items(data, "roles")),
    }
    ids = {}
    for kind, (base, entries) in lists.items():
        seen = {}
        for i, entry in entries:
            entry_id = entry.get("id")
            if not isinstance(entry_id, str):
                continue
            path = base + (i, "id")
            if path in invalid:
                continue  # not a usable id, as the schema said
            if entry_id in seen:
                first = problems.place(seen[entry_id])[0]
                problems.add(
                    path,
                    f'the {kind} id "{entry_id}" is used twice (first on line {first}); give each {kind} an id of its own',
                )
            else:
                seen[entry_id] = path
        ids[kind] = list(seen)
    return ids


def check_references(data, ids, invalid, problems):
    """Statements name dimensions, and dimensions name story moments, that exist.
    With no usable dimension or moment at all, that is the problem already reported."""
    for section, field, kind in (("statements", "dimension", "dimension"), ("dimensions", "moment", "story moment")):
        for i, item in items(data, section):
            name = item.get(field)
            if isinstance(name, str) and ids[field] and name not in ids[field] and (section, i, field) not in invalid:
                problems.add((section, i, field), missing_id(kind, name, ids[field]))


def missing_id(kind, name, known):
    close = closest(name, known)
    if close:
        return f'there is no {kind} "{shorten(name)}"; did you mean "{close}"?'
    if len(known) > MAX_LISTED:
        return f'there is no {kind} "{shorten(name)}"; use the id of one of the {kind}s above'
    return f'there is no {kind} "{shorten(name)}"; use one of: {", ".join(known)}'


def check_dimension_statements(data, ids, invalid, problems):
    """Each dimension has at least two statements, and at least one reverse-keyed (errors);
    fewer than three, or agreeing and reverse-keyed statements off balance by more than
    one, make a weak scale: warnings, given once the file has no errors (a file cut short
    would otherwise get one for every dimension it lost statements from).

    Only what is known is counted: while a statement names no known dimension, or has a
    `reverse` that is not true or false, that is the problem reported, not its knock-on
    ("dimension has 1 statement", "no reverse-keyed statement")."""
    by_dimension, unplaced = {}, False
    for i, statement in items(data, "statements"):
        name = statement.get("dimension")
        if isinstance(name, str) and name in ids["dimension"]:
            by_dimension.setdefault(name, []).append((i, statement))
        else:
            unplaced = True
    for i, dimension in items(data, "dimensions"):
        name = dimension.get("id")
        if not isinstance(name, str) or name not in ids["dimension"]:
            continue
        own = [statement for _, statement in by_dimension.get(name, [])]
        unsure = any(("statements", j, "reverse") in invalid for j, _ in by_dimension.get(name, []))
        reverse = sum(1 for s in own if s.get("reverse") is True)
        if len(own) < 2:
            if unplaced:
                continue
            problems.add(
                ("dimensions", i, "id"),
                f'dimension "{name}" has {len(own)} {plural(len(own), "statement")}; it needs at least 2, so add statements with `dimension: {name}`',
            )
        elif not (unsure or unplaced) and not reverse:
            problems.add(
                ("dimensions", i, "id"),
                f'dimension "{name}" has no reverse-keyed statement; add `reverse: true` to a statement where agreeing reveals a liability, so that agreeing with everything does not score 100',
            )
        elif not problems.errors:  # a weak scale is worth a warning once the file itself is sound
            if len(own) < 3:
                problems.add(
                    ("dimensions", i, "id"),
                    f'dimension "{name}" has {len(own)} statements, so one answer moves its score by half; add a statement or two with `dimension: {name}` (four, two of them reverse-keyed, make a steady scale)',
                    warning=True,
                )
            agreeing = len(own) - reverse
            if abs(agreeing - reverse) > 1:
                more, fewer = (
                    ("an agreeing", "reverse-keyed") if agreeing > reverse else ("a reverse-keyed", "agreeing")
                )
                problems.add(
                    ("dimensions", i, "id"),
                    f'dimension "{name}" has {agreeing} agreeing and {reverse} reverse-keyed statements, so a reader who agrees with everything lands far from the middle; turn {more} statement into a {fewer} one, or add {fewer} statements',
                    warning=True,
                )


# "and" or "or" followed by the start of a clause: a statement that may make two claims.
JOINED_CLAUSES = re.compile(
    r"\b(and|or)\s+(whether|if|when|we|they|it|he|she|you|i|someone|nobody|everyone|our)\s+\w", re.IGNORECASE
)
MAX_STATEMENT_WORDS = 25


def check_statement_wording(data, invalid, problems):
    """Warnings for statements a reader may be unable to answer honestly: two claims
    joined by "and"/"or" (a guess from the word after it, so said as a question), or
    more words than one reading takes in."""
    for i, statement in items(data, "statements"):
        text = statement.get("text")
        if not isinstance(text, str):
            continue
        path = ("statements", i, "text")
        if path in invalid:
            continue  # too long or empty: the schema has said so
        joined = JOINED_CLAUSES.search(text)
        if joined:
            problems.add(
                path,
                f'statement {i + 1} joins two parts with "{joined.group(1)}" ("{shorten(text[joined.start() :], 30)}"): does it ask about one thing? A reader who agrees with one part only cannot answer; split it into two statements, or reword it as one claim',
                warning=True,
            )
        words = len(text.split())
        if words > MAX_STATEMENT_WORDS:
            problems.add(
                path,
                f"statement {i + 1} has {words} words; readers answer short statements more reliably, so cut it to {MAX_STATEMENT_WORDS} or fewer",
                warning=True,
            )


def scale_points(data, invalid):
    """How many points the scale has, or None while scale › labels is wrong."""
    scale = data.get("scale")
    labels = scale.get("labels") if isinstance(scale, dict) else None
    if not isinstance(labels, list) or ("scale", "labels") in invalid:
        return None
    return len(labels)


def check_bands(data, ids, points, problems):
    """Bands are sorted, start at 0, do not overlap, and each can be reached."""
    errors_before = len(problems.errors)
    bands = items(data, "bands")
    mins = [(i, b.get("min")) for i, b in bands]
    if not bands or not all(type(m) is int for _, m in mins):
        return
    first_index, first_min = mins[0]
    if first_min != 0:
        problems.add(
            ("bands", first_index, "min"),
            f"the first band starts at {first_min}, so scores below it have no band; make it `min: 0`",
        )
    sides = []
    for (i, low), (j, high) in zip(mins, mins[1:]):
        if high < low:
            problems.add(
                ("bands", j, "min"),
                f"band {j + 1} starts at {high}, below band {i + 1} ({low}); sort the bands from the lowest min to the highest",
            )
        elif high == low:
            problems.add(
                ("bands", j, "min"),
                f"band {j + 1} starts at {high}, like band {i + 1}, so band {i + 1} could never be shown; give the bands different mins",
            )
    for i, band in bands:
        side = band.get("side")
        if side == "liability" and "asset" in sides:
            problems.add(
                ("bands", i, "side"),
                f"band {i + 1} is on the liability side but comes after an asset band; liability bands come first, from the lowest score up",
            )
        sides.append(side)
    if len(problems.errors) > errors_before:
        return  # reachability means little until the order is right
    sizes = statement_counts(data, ids)
    if sizes and points:
        scores = reachable_scores(sizes, points)
        # Above the band the weakest-link rule caps at, every dimension must clear the floor.
        floor = data.get("scoring", {}).get("floor") if isinstance(data.get("scoring"), dict) else None
        floor = floor if type(floor) is int and 1 <= floor <= 100 else None  # else the schema has said so
        cap = capped_band([m for _, m in mins], sides, floor)
        cleared = reachable_scores(sizes, points, floor) if cap is not None else scores
        for (i, _), (low, high) in zip(bands, band_ranges([m for _, m in mins])):
            if not any(low <= s <= high for s in (scores if cap is None or i <= cap else cleared)):
                if cap is not None and i > cap:
                    problems.add(
                        ("bands", i, "min"),
                        f"no set of answers with every dimension at {floor} or above (scoring › floor) gives an overall score from {low} to {high}, so band {i + 1} can never be shown; widen it by moving its min or the next band's, or lower the floor",
                    )
                else:
                    problems.add(
                        ("bands", i, "min"),
                        f"no set of answers gives an overall score from {low} to {high}, so band {i + 1} can never be shown; widen it by moving its min or the next band's",
                    )


def statement_counts(data, ids):
    """How many statements each dimension has, or None when that is not known yet."""
    counts = dict.fromkeys(ids["dimension"], 0)
    for _, statement in items(data, "statements"):
        if isinstance(statement.get("dimension"), str) and statement["dimension"] in counts:
            counts[statement["dimension"]] += 1
    sizes = list(counts.values())
    return sizes if sizes and all(sizes) else None


def check_reference_profiles(data, ids, points, problems):
    """Each reference profile has an id of its own and answers every statement, and only
    statements, each with a point of the scale."""
    known, seen = set(ids["statement"]), {}
    for i, profile in items(data, "reference"):
        name = profile.get("id")
        if isinstance(name, str):
            if name in seen:
                first = problems.place(("reference", seen[name], "id"))[0]
                problems.add(
                    ("reference", i, "id"),
                    f'the profile id "{name}" is used twice (first on line {first}); give each profile an id of its own',
                )
            seen.setdefault(name, i)
        answers = profile.get("answers")
        if not isinstance(answers, dict):
            continue
        where = describe(("reference", i, "answers"))
        for statement in ids["statement"]:
            if statement not in answers:
                problems.add(
                    ("reference", i, "answers"),
                    f'{where} has no answer for statement "{statement}"; add `{statement}: ` with a number from 1 to {points or POINTS[-1]}',
                )
        for statement, value in answers.items():
            if statement not in known:
                problems.add(
                    ("reference", i, "answers", statement),
                    missing_id("statement", statement, ids["statement"]),
                    key=True,
                )
            elif type(value) is int and points and not 1 <= value <= points:
                problems.add(
                    ("reference", i, "answers", statement),
                    f"{describe(('reference', i, 'answers', statement))} is {value}; the scale has {points} points, so use a whole number from 1 to {points}",
                )


def check_not_sure_words(data, problems):
    """Without a "not sure" answer, a ui string that names {not_sure} would show empty quotes."""
    scale, ui = data.get("scale"), data.get("ui")
    if not isinstance(scale, dict) or "not_sure" in scale or not isinstance(ui, dict):
        return
    for key, text in ui.items():
        if isinstance(text, str) and "{not_sure}" in text:
            problems.add(
                ("ui", key),
                f'ui › {key} names {{not_sure}}, but the scale has no "not sure" answer; take the words about it out, or add `not_sure:` to the scale',
                warning=True,
            )


def check_advice_levels(data, problems):
    scoring = data.get("scoring")
    levels = scoring.get("advice_levels") if isinstance(scoring, dict) else None
    if isinstance(levels, dict):
        middle, high = levels.get("middle"), levels.get("high")
        if type(middle) is int and type(high) is int and not middle < high:
            problems.add(
                ("scoring", "advice_levels", "high"),
                f"high ({high}) must be above middle ({middle}); raise high or lower middle",
            )


def check_role_views(data, problems):
    """One role is the executive view and one the frontline view: the team report's gap
    sets exactly these two against each other."""
    roles = items(data, "roles")
    if not roles:
        return  # the schema reported the missing or empty list
    for view, who in (("executive", "the top of the company"), ("frontline", "the people closest to customers")):
        marked = [i for i, role in roles if role.get("view") == view]
        for i in marked[1:]:
            problems.add(
                ("roles", i, "view"),
                f"only one role can have `view: {view}` (the first is on line {problems.place(('roles', marked[0], 'view'))[0]}); remove it here",
            )
        if not marked:
            problems.add(
                ("roles",),
                f"no role has `view: {view}`; add it to the role of {who}, so the team report can compare the two views",
            )


def check_floor(data, problems):
    """The weakest-link rule caps the verdict at the highest liability band: there must be one."""
    scoring = data.get("scoring")
    if not isinstance(scoring, dict) or type(scoring.get("floor")) is not int:
        return
    if not any(band.get("side") == "liability" for _, band in items(data, "bands")):
        problems.add(
            ("scoring", "floor"),
            "scoring › floor caps the verdict at the highest liability band, and there is none; add a band with `side: liability`, or remove floor",
        )
