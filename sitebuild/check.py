"""Check the loaded content: first against questions.schema.json, then the rules a schema cannot say.

Every problem is collected, none stops the others, and each says what is wrong and
how to fix it. Checks after the schema are written defensively: they look only at the
parts whose shape is right, so one mistake is not reported ten times, and no content,
however wrong, makes them fail.
"""

import datetime
import difflib
import json
import re

import jsonschema
import yaml

from .load import line_and_column
from .problems import shorten
from .markdown import PLACEHOLDER, PLACEHOLDERS, markdown_fields, render_markdown
from .scoring import POINTS, band_ranges, capped_band, reachable_scores

TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list (lines that start with -)",
    "object": "a group of `name: value` lines",
}
PLAIN_INTEGER = re.compile(r"[-+]?(0|[1-9][0-9]*)")
OVERSIZED = {"maxItems", "maxProperties"}  # a list or group longer than the schema allows
MAX_LISTED = 12  # an unknown key's message lists the keys that fit, when there are this few
# Markup that runs code or loads something: script-like elements, on* handlers, and script
# URLs where a URL goes (a Markdown link, an attribute, <...>), so prose may say "JavaScript:".
# Linear in the text, as every check must be (a value of 400,000 "<" once took minutes): no
# two neighbouring parts can match the same characters, so the engine never backtracks far.
# A handler is looked for from the last "<" before it ([^<>]), which finds every one that
# [^>] would; a reference link's [label] holds no bracket, as in CommonMark.
ACTIVE_MARKUP = re.compile(
    r"<\s*(?:/\s*)?(script|style|iframe|frame|object|embed|applet|link|meta|base|form|svg|math|template)\b"
    r"|<[^<>]*[\s/\"']on[a-z]+\s*="
    r"|(\]\(\s*(?:<\s*)?|\b(href|src|action|formaction|data|xlink:href)\s*=\s*(?:[\"']\s*)?|^[ \t]*\[[^\[\]]*\]:\s*(?:<\s*)?|<\s*)"
    r"(?P<url>(java|vb)script\s*:|data\s*:\s*text/html)",
    re.IGNORECASE | re.MULTILINE,
)
# Python-Markdown looks for the end of a link from every "[", across the rest of the field:
# 4,000 of them took 14 s. This many keep any field to a fraction of a second.
MAX_BRACKETS = 60
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")  # <b>, </p>, <br/>, <a href=...>


def check_content(loaded, schema, problems):
    """Add every problem of `loaded` to `problems`."""
    read_single_reference_as_list(loaded)
    invalid = check_schema(loaded, schema, problems)
    check_number_forms(loaded, invalid, problems)
    check_stray_quotes(loaded, invalid, problems)
    if any(validators & OVERSIZED for validators in invalid.values()):
        return  # the schema said what to cut; the rules below would be slow and noisy until then
    data = loaded.data if isinstance(loaded.data, dict) else {}
    ids = check_unique_ids(data, invalid, problems)
    check_references(data, ids, invalid, problems)
    check_dimension_statements(data, ids, invalid, problems)
    check_statement_wording(data, invalid, problems)
    points = scale_points(data, invalid)
    if not any(path[:1] == ("bands",) for path in invalid):
        check_bands(data, ids, points, problems)
    check_reference_profiles(data, ids, points, problems)
    check_not_sure_words(data, problems)
    check_advice_levels(data, problems)
    check_floor(data, problems)
    check_role_views(data, problems)
    check_markup(loaded, schema, invalid, problems)


# --- The schema -----------------------------------------------------------------------


def read_single_reference_as_list(loaded):
    """A file written before `reference` became a list of profiles has one profile as a
    group (label, note, answers): read it as a list of that one, with the id "reference",
    keeping every place, so forks made from the old file build unchanged."""
    data = loaded.data
    if not isinstance(data, dict) or not isinstance(data.get("reference"), dict):
        return
    data["reference"] = [dict({"id": "reference"}, **data["reference"])]
    for places in (loaded.places, loaded.raw, loaded.spans):
        for path in [p for p in places if p[:1] == ("reference",) or p[:2] == ("key", "reference")]:
            at = 2 if path[0] == "key" else 1
            if len(path) > at:
                places[path[:at] + (0,) + path[at:]] = places.pop(path)
    loaded.refused = type(loaded.refused)(
        p[:1] + (0,) + p[1:] if p[:1] == ("reference",) and len(p) > 1 else p for p in loaded.refused
    )


def check_schema(loaded, schema, problems):
    """Problems for every schema error, one per place; returns {path: the rules it broke}."""
    errors = [
        error for error in jsonschema.Draft7Validator(schema).iter_errors(loaded.data)
        if not refused(tuple(error.absolute_path), loaded.refused)
        # Names in reference.answers are checked against the statements, with a suggestion.
        and "propertyNames" not in error.schema_path
        # and their numbers against the scale's own length (check_reference_profile)
        and not (tuple(error.absolute_path)[:2] == ("reference", "answers") and error.validator in ("minimum", "maximum"))
    ]
    # A value of the wrong type gets that one message, not also "not one of ..." and the like.
    mistyped = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    errors = [e for e in errors if e.validator == "type" or tuple(e.absolute_path) not in mistyped]
    # An unknown key that is a misspelt required one is said once, as "did you mean".
    suggested = {}
    for error in errors:
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            path, allowed = tuple(error.absolute_path), list(error.schema.get("properties", {}))
            for key in error.instance:
                if key not in allowed:
                    close = closest(key, allowed)
                    suggested.setdefault(path, set()).add(close)
                    problems.add(path + (key,), unknown_key(key, path, allowed, close), key=True)
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            continue
        if error.validator == "required" and required_name(error) in suggested.get(path, ()):
            continue
        problems.add(path, schema_message(error, path, loaded.raw.get(path)))
    invalid = {}
    for error in errors:
        invalid.setdefault(tuple(error.absolute_path), set()).add(error.validator)
    return invalid


def refused(path, refused_paths):
    """Whether `path` is, or is inside, a value the loader refused and already reported."""
    return any(path[: len(r)] == r for r in refused_paths)


def closest(word, choices):
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.75)
    return close[0] if close else None


def unknown_key(key, path, allowed, close):
    where = f" in {describe(path)}" if path else ""
    if close:
        return f'unknown key "{shorten(key)}"{where}; did you mean "{close}"?'
    if len(allowed) > MAX_LISTED:
        return f'unknown key "{shorten(key)}"{where}; remove it, or use a key listed for {describe(path)} in questions.schema.json'
    return f'unknown key "{shorten(key)}"{where}; remove it, or use one of: {", ".join(allowed)}'


def required_name(error):
    return re.match(r"'(.*)' is a required property", error.message).group(1)


def schema_message(error, path, raw):
    """Plain words for one schema error, with how to fix it."""
    where, value, rule = describe(path), error.instance, error.validator_value
    if error.validator == "required":
        name = required_name(error)
        example = error.schema["properties"][name].get("examples", [None])[0]
        add = f"{name}: {as_yaml(example)}" if isinstance(example, (str, int)) else f"{name}:"
        return f'{where} has no "{name}"; add it, for example `{add}`'
    if error.validator == "type":
        return type_message(where, rule, value, raw, error.schema)
    if error.validator == "minLength":
        return f"{where} is empty; write the text after the colon"
    if error.validator == "maxLength":
        return f"{where} is {len(value)} characters long; shorten it to at most {rule}"
    if error.validator == "pattern":
        return pattern_message(where, value, rule, error.schema)
    if error.validator == "enum":
        return f'{where} is "{shorten(str(value))}"; use one of: {", ".join(map(str, rule))}'
    if error.validator in ("minimum", "maximum"):
        low, high = error.schema.get("minimum"), error.schema.get("maximum")
        return f"{where} is {value}; use a whole number from {low} to {high}"
    if path == ("scale", "labels") and error.validator in ("minItems", "maxItems"):
        return scale_length_message(where, len(value))
    if error.validator == "minItems":
        return f"{where} has {len(value)} {plural(len(value), 'item')}; it needs at least {rule}, so add {rule - len(value)} more"
    if error.validator == "maxItems":
        return f"{where} has {len(value)} items; it can have at most {rule}, so remove {len(value) - rule}"
    if error.validator == "maxProperties":
        return f"{where} has {len(value)} entries; it can have at most {rule}, so remove {len(value) - rule}"
    return f"{where}: {error.message}; see questions.schema.json for what fits here"


def scale_length_message(where, length):
    low, high = POINTS[0], POINTS[-1]
    fix = f"add {low - length} more" if length < low else f"remove {length - high}"
    return f"{where} has {length} {plural(length, 'answer')}; the site supports scales of {low} to {high} points (lowest agreement first), so {fix}"


def pattern_message(where, value, pattern, schema):
    names = re.findall(r"\\\{(\w+)\\\}", pattern)
    if names:
        missing = ", ".join("{" + n + "}" for n in names if "{" + n + "}" not in value)
        return f"{where} has lost {missing}; put it back, the site fills it in"
    example = schema.get("examples", [""])[0]
    if "a-z0-9" in pattern:
        return f'{where} "{shorten(value)}" is not a usable id; use lower-case letters, digits and single hyphens, like "{example}"'
    return f'{where} "{shorten(value)}" is not in the expected form; write it like "{example}"'


def type_message(where, expected, value, raw, schema):
    """A wrong type, naming the YAML 1.1 trap when one caused it."""
    written, style = raw if raw else (None, None)
    plain = raw is not None and style is None  # written without quotes
    if expected == "string" and plain and written and value is not None:
        # yes/no/on/off, dates, 012, 1:30...: YAML 1.1 made a value of what was meant as text
        return f"{where} should be text, but YAML reads {written} as {kind_of(value)}; put it in quotes: {quoted(written)}"
    wanted = f"{where} should be {TYPE_NAMES[expected]}, not {kind_of(value)}"
    if expected == "string":
        return f"{wanted}; write the text after the colon" if value is None else f"{wanted}; write it as text"
    if expected == "boolean":
        if isinstance(value, str) and value.strip().lower() in ("true", "false") and not plain:
            return f"{wanted}; remove the quotes: {value.strip().lower()}"
        return f"{wanted}; write true or false"
    if expected in ("integer", "number"):
        example = (schema.get("examples") or [35])[0]
        if isinstance(value, str) and value.strip().isdigit():
            digits = value.strip().lstrip("0") or "0"
            if plain:  # 08 or 09: not octal, so YAML 1.1 leaves it text
                return f"{wanted}; write it without the leading zero: {digits}"
            return f"{wanted}; remove the quotes: {digits}"
        return f"{wanted}; write a whole number in digits, without quotes, like {example}"
    if expected == "array":
        return f'{wanted}; write each item on its own line, after "- "'
    return f"{wanted}; write `name: value` lines indented under it"


def as_yaml(value):
    """`value` as it must be written after `name: ` to be read back as it is: bare when
    YAML reads it so, else in quotes (a text starting with "{" would be a group)."""
    try:
        if yaml.safe_load(f"name: {value}") == {"name": value}:
            return str(value)
    except yaml.YAMLError:
        pass
    return quoted(str(value))


def quoted(written):
    if '"' in written and "'" not in written:
        return f"'{written}'"
    return json.dumps(written, ensure_ascii=False)


def kind_of(value):
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "a date"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a group of `name: value` lines"


def describe(path):
    """A path in words: ("statements", 3, "text") is "statement 4 › text"."""
    words = []
    for part in path:
        if isinstance(part, int) and words:
            words[-1] = f"{singular(words[-1])} {part + 1}"
        else:
            words.append(str(part))
    return " › ".join(words) or "the file"


def singular(word):
    return word[:-1] if word.endswith("s") else word


def plural(count, word):
    return word if count == 1 else word + "s"


def check_number_forms(loaded, invalid, problems):
    """Whole numbers the schema accepted but YAML 1.1 read in a way the author may not
    have meant: 035 is octal (29), 1:30 is base 60 (90), 0x1F is hexadecimal."""
    for path, (written, style) in loaded.raw.items():
        value = value_at(loaded.data, path)
        if style is not None or path in invalid or type(value) is not int or PLAIN_INTEGER.fullmatch(written):
            continue
        where = describe(path)
        if re.fullmatch(r"[-+]?0[0-9_]+", written):
            meant = written.lstrip("+-0").replace("_", "") or "0"
            problems.add(path, f"{where} is written {written}, and YAML reads a number with a leading 0 as octal ({value}); write {meant}")
        else:
            problems.add(path, f"{where} is written {written}, which YAML reads as the number {value}; write it in plain digits: {value}")


def check_stray_quotes(loaded, invalid, problems):
    """A value without quotes that ends in a double quote no quote opened, such as
    `title: Sales Culture Indicator"`: YAML keeps the quote as text, and readers see it."""
    for path, (written, style) in loaded.raw.items():
        if style is None and path not in invalid and written.endswith('"') and written.count('"') % 2:
            start, end = loaded.spans[path]
            at = line_and_column(loaded.text, loaded.text.rfind('"', start, end))
            problems.add(path, f'{describe(path)} ends with a " that no quote opens, so readers would see it; delete it, or put a " at the start of the value too', at=at)


def value_at(data, path):
    for part in path:
        data = data[part]
    return data


# --- Rules beyond the schema ------------------------------------------------------------


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
                problems.add(path, f'the {kind} id "{entry_id}" is used twice (first on line {first}); give each {kind} an id of its own')
            else:
                seen[entry_id] = path
        ids[kind] = list(seen)
    return ids


def check_references(data, ids, invalid, problems):
    """Statements name dimensions, and dimensions name story moments, that exist.
    With no usable dimension or moment at all, that is the problem already reported."""
    for i, statement in items(data, "statements"):
        name = statement.get("dimension")
        if isinstance(name, str) and ids["dimension"] and name not in ids["dimension"] and ("statements", i, "dimension") not in invalid:
            problems.add(("statements", i, "dimension"), missing_id("dimension", name, ids["dimension"]))
    for i, dimension in items(data, "dimensions"):
        name = dimension.get("moment")
        if isinstance(name, str) and ids["moment"] and name not in ids["moment"] and ("dimensions", i, "moment") not in invalid:
            problems.add(("dimensions", i, "moment"), missing_id("story moment", name, ids["moment"]))


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
            problems.add(("dimensions", i, "id"), f'dimension "{name}" has {len(own)} {plural(len(own), "statement")}; it needs at least 2, so add statements with `dimension: {name}`')
        elif not (unsure or unplaced) and not reverse:
            problems.add(("dimensions", i, "id"), f'dimension "{name}" has no reverse-keyed statement; add `reverse: true` to a statement where agreeing reveals a liability, so that agreeing with everything does not score 100')
        elif not problems.errors:  # a weak scale is worth a warning once the file itself is sound
            if len(own) < 3:
                problems.add(("dimensions", i, "id"), f'dimension "{name}" has {len(own)} statements, so one answer moves its score by half; add a statement or two with `dimension: {name}` (four, two of them reverse-keyed, make a steady scale)', warning=True)
            agreeing = len(own) - reverse
            if abs(agreeing - reverse) > 1:
                more, fewer = ("an agreeing", "reverse-keyed") if agreeing > reverse else ("a reverse-keyed", "agreeing")
                problems.add(("dimensions", i, "id"), f'dimension "{name}" has {agreeing} agreeing and {reverse} reverse-keyed statements, so a reader who agrees with everything lands far from the middle; turn {more} statement into a {fewer} one, or add {fewer} statements', warning=True)


# "and" or "or" followed by the start of a clause: a statement that may make two claims.
JOINED_CLAUSES = re.compile(r"\b(and|or)\s+(whether|if|when|we|they|it|he|she|you|i|someone|nobody|everyone|our)\s+\w", re.IGNORECASE)
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
            problems.add(path, f'statement {i + 1} joins two parts with "{joined.group(1)}" ("{shorten(text[joined.start():], 30)}"): does it ask about one thing? A reader who agrees with one part only cannot answer; split it into two statements, or reword it as one claim', warning=True)
        words = len(text.split())
        if words > MAX_STATEMENT_WORDS:
            problems.add(path, f"statement {i + 1} has {words} words; readers answer short statements more reliably, so cut it to {MAX_STATEMENT_WORDS} or fewer", warning=True)


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
        problems.add(("bands", first_index, "min"), f"the first band starts at {first_min}, so scores below it have no band; make it `min: 0`")
    sides = []
    for (i, low), (j, high) in zip(mins, mins[1:]):
        if high < low:
            problems.add(("bands", j, "min"), f"band {j + 1} starts at {high}, below band {i + 1} ({low}); sort the bands from the lowest min to the highest")
        elif high == low:
            problems.add(("bands", j, "min"), f"band {j + 1} starts at {high}, like band {i + 1}, so band {i + 1} could never be shown; give the bands different mins")
    for i, band in bands:
        side = band.get("side")
        if side == "liability" and "asset" in sides:
            problems.add(("bands", i, "side"), f"band {i + 1} is on the liability side but comes after an asset band; liability bands come first, from the lowest score up")
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
                    problems.add(("bands", i, "min"), f"no set of answers with every dimension at {floor} or above (scoring › floor) gives an overall score from {low} to {high}, so band {i + 1} can never be shown; widen it by moving its min or the next band's, or lower the floor")
                else:
                    problems.add(("bands", i, "min"), f"no set of answers gives an overall score from {low} to {high}, so band {i + 1} can never be shown; widen it by moving its min or the next band's")


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
                problems.add(("reference", i, "id"), f'the profile id "{name}" is used twice (first on line {first}); give each profile an id of its own')
            seen.setdefault(name, i)
        answers = profile.get("answers")
        if not isinstance(answers, dict):
            continue
        where = describe(("reference", i, "answers"))
        for statement in ids["statement"]:
            if statement not in answers:
                problems.add(("reference", i, "answers"), f'{where} has no answer for statement "{statement}"; add `{statement}: ` with a number from 1 to {points or POINTS[-1]}')
        for statement, value in answers.items():
            if statement not in known:
                problems.add(("reference", i, "answers", statement), missing_id("statement", statement, ids["statement"]), key=True)
            elif type(value) is int and points and not 1 <= value <= points:
                problems.add(("reference", i, "answers", statement), f"{describe(('reference', i, 'answers', statement))} is {value}; the scale has {points} points, so use a whole number from 1 to {points}")


def check_not_sure_words(data, problems):
    """Without a "not sure" answer, a ui string that names {not_sure} would show empty quotes."""
    scale, ui = data.get("scale"), data.get("ui")
    if not isinstance(scale, dict) or "not_sure" in scale or not isinstance(ui, dict):
        return
    for key, text in ui.items():
        if isinstance(text, str) and "{not_sure}" in text:
            problems.add(("ui", key), f'ui › {key} names {{not_sure}}, but the scale has no "not sure" answer; take the words about it out, or add `not_sure:` to the scale', warning=True)


def check_advice_levels(data, problems):
    scoring = data.get("scoring")
    levels = scoring.get("advice_levels") if isinstance(scoring, dict) else None
    if isinstance(levels, dict):
        middle, high = levels.get("middle"), levels.get("high")
        if type(middle) is int and type(high) is int and not middle < high:
            problems.add(("scoring", "advice_levels", "high"), f"high ({high}) must be above middle ({middle}); raise high or lower middle")


def check_role_views(data, problems):
    """One role is the executive view and one the frontline view: the team report's gap
    sets exactly these two against each other."""
    roles = items(data, "roles")
    if not roles:
        return  # the schema reported the missing or empty list
    for view, who in (("executive", "the top of the company"), ("frontline", "the people closest to customers")):
        marked = [i for i, role in roles if role.get("view") == view]
        for i in marked[1:]:
            problems.add(("roles", i, "view"), f'only one role can have `view: {view}` (the first is on line {problems.place(("roles", marked[0], "view"))[0]}); remove it here')
        if not marked:
            problems.add(("roles",), f"no role has `view: {view}`; add it to the role of {who}, so the team report can compare the two views")


def check_markup(loaded, schema, invalid, problems):
    """Markup in the content, at the line where it is written.

    Markup that could run code is an error wherever it is, even though the site would
    escape or remove it: questions.yaml carries text and Markdown, never code. Other
    HTML in a plain-text field is an error too, as readers would see the tags as typed;
    in Markdown it gets a warning, as the site removes it and the words read as they
    should. Markdown that shows no text at all gets a warning too."""
    if not isinstance(loaded.data, dict):
        return
    markdown = dict(markdown_fields(loaded.data, schema))
    for path, text in strings(loaded.data):
        if path in invalid:
            continue  # empty, too long or the wrong type: the schema has said so
        match = ACTIVE_MARKUP.search(text)
        if match:
            if match.group("url"):
                written = match.group("url")
            else:
                end = text.find(">", match.start())
                written = text[match.start() : end + 1] if end >= 0 else match.group()
            at = loaded.place_of(path, written) or loaded.place_of(path, match.group())
            problems.add(path, f"{describe(path)} has {shorten(written)}, markup that could run code in a reader's browser; remove it, as questions.yaml holds text and Markdown, never code", at=at)
        elif path in markdown:
            check_markdown(loaded, path, text, problems)
        elif TAG.search(text):
            tag = TAG.search(text).group()
            problems.add(path, f"{describe(path)} has the HTML tag {shorten(tag)}, which this plain-text field would show as typed; remove it (formatting works only in the Markdown fields: the story, the advice, the next steps)", at=loaded.place_of(path, tag))


def strings(data, path=()):
    """(path, text) for every string value in the content."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from strings(value, path + (i,))


def check_markdown(loaded, path, text, problems):
    """Warn about Markdown that shows nothing, or has parts the site will remove; a
    {placeholder} the build cannot fill in is an error, as readers would see the braces."""
    where = describe(path)
    brackets = text.count("[")
    if brackets > MAX_BRACKETS:
        problems.add(path, f"{where} has {brackets} opening square brackets [; a link needs one, and a field can hold at most {MAX_BRACKETS}, as more would slow the build to minutes; remove the ones that are not links", at=loaded.place_of(path, "["))
        return
    html, removed = render_markdown(text)
    for name in dict.fromkeys(PLACEHOLDER.findall(text)):
        if name not in PLACEHOLDERS:
            close = closest(name, PLACEHOLDERS)
            fix = f"did you mean {{{close}}}?" if close else "use one of " + ", ".join("{" + known + "}" for known in PLACEHOLDERS) + ", or remove the braces"
            problems.add(path, f"{where} has {{{shorten(name)}}}, which the build cannot fill in; {fix}", at=loaded.place_of(path, "{" + name + "}"))
    said = set()
    for kind, written in removed:
        if kind in said:
            continue  # one warning of each kind per field: fixing the first shows the rest
        said.add(kind)
        first_line = written.strip().split("\n")[0]
        at = loaded.place_of(path, first_line)
        if kind == "html":
            problems.add(path, f"{where} has raw HTML ({shorten(first_line)}), which the site removes; use Markdown instead (**bold**, *italic*, [text](https://...))", warning=True, at=at)
        elif kind == "link":
            problems.add(path, f"{where} links to {shorten(written)}, which the site removes; links must start with https://, http:// or mailto:, or point to a page of the site", warning=True, at=at)
        else:
            problems.add(path, f"{where} has an image, which the site does not show; remove it, or link to the picture with [text](https://...)", warning=True, at=at)
    if not removed and not re.sub(r"<[^<>]*>", "", html).strip():
        problems.add(path, f"{where} shows no text; write something, or the section will look empty", warning=True)


def check_floor(data, problems):
    """The weakest-link rule caps the verdict at the highest liability band: there must be one."""
    scoring = data.get("scoring")
    if not isinstance(scoring, dict) or type(scoring.get("floor")) is not int:
        return
    if not any(band.get("side") == "liability" for _, band in items(data, "bands")):
        problems.add(("scoring", "floor"), "scoring › floor caps the verdict at the highest liability band, and there is none; add a band with `side: liability`, or remove floor")

