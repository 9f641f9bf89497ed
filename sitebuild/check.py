"""Check the loaded content: first against questions.schema.json, then the rules a schema cannot say.

Every problem is collected, none stops the others, and each says what is wrong and
how to fix it. Checks after the schema are written defensively: they look only at the
parts whose shape is right, so one mistake is not reported ten times.
"""

import datetime
import difflib
import re

import jsonschema

from .markdown import markdown_fields, render_markdown
from .scoring import band_ranges, reachable_scores

TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list (lines that start with -)",
    "object": "a group of `name: value` lines",
}


def check_content(loaded, schema, problems):
    """Add every problem of `loaded` to `problems`."""
    check_schema(loaded, schema, problems)
    data = loaded.data if isinstance(loaded.data, dict) else {}
    ids = check_unique_ids(data, problems)
    check_references(data, ids, problems)
    check_dimension_statements(data, ids, problems)
    check_bands(data, ids, problems)
    check_reference_profile(data, ids, problems)
    check_advice_levels(data, problems)
    check_markdown(data, schema, problems)


# --- The schema -----------------------------------------------------------------------


def check_schema(loaded, schema, problems):
    validator = jsonschema.Draft7Validator(schema)
    for error in validator.iter_errors(loaded.data):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = list(error.schema.get("properties", {}))
            for key in error.instance:
                if key not in allowed:
                    problems.add(path + (key,), unknown_key(key, path, allowed), key=True)
            continue
        problems.add(path, schema_message(error, path, loaded.raw.get(path)))


def unknown_key(key, path, allowed):
    where = f" in {describe(path)}" if path else ""
    close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
    if close:
        return f'unknown key "{key}"{where}; did you mean "{close[0]}"?'
    return f'unknown key "{key}"{where}; remove it, or use one of: {", ".join(allowed)}'


def schema_message(error, path, raw):
    """Plain words for one schema error, with how to fix it."""
    where, value, rule = describe(path), error.instance, error.validator_value
    if error.validator == "required":
        name = re.match(r"'(.*)' is a required property", error.message).group(1)
        example = error.schema["properties"][name].get("examples", [None])[0]
        add = f"{name}: {example}" if isinstance(example, (str, int)) else f"{name}:"
        return f'{where} has no "{name}"; add it, for example `{add}`'
    if error.validator == "type":
        return f"{where} should be {TYPE_NAMES[rule]}, not {kind_of(value)}; {type_hint(rule, value, raw)}"
    if error.validator == "minLength":
        return f"{where} is empty; write the text after the colon"
    if error.validator == "maxLength":
        return f"{where} is {len(value)} characters long; shorten it to at most {rule}"
    if error.validator == "pattern":
        return pattern_message(where, value, rule, error.schema)
    if error.validator == "enum":
        return f'{where} is "{value}"; use one of: {", ".join(map(str, rule))}'
    if error.validator in ("minimum", "maximum"):
        low, high = error.schema.get("minimum"), error.schema.get("maximum")
        return f"{where} is {value}; use a whole number from {low} to {high}"
    if error.validator == "minItems":
        return f"{where} has {len(value)} {plural(len(value), 'item')}; it needs at least {rule}, so add {rule - len(value)} more"
    if error.validator == "maxItems":
        return f"{where} has {len(value)} items; it can have at most {rule}, so remove {len(value) - rule}"
    if error.validator == "propertyNames":
        return f'{where} has a name that is not a statement id; use the ids from the statements list'
    return f"{where}: {error.message}; see questions.schema.json for what fits here"


def pattern_message(where, value, pattern, schema):
    names = re.findall(r"\\\{(\w+)\\\}", pattern)
    if names:
        missing = ", ".join("{" + n + "}" for n in names if "{" + n + "}" not in value)
        return f"{where} has lost {missing}; put it back, the site fills it in"
    example = schema.get("examples", [""])[0]
    if "a-z0-9" in pattern:
        return f'{where} "{value}" is not a usable id; use lower-case letters, digits and single hyphens, like "{example}"'
    return f'{where} "{value}" is not in the expected form; write it like "{example}"'


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


def type_hint(expected, value, raw):
    """How to fix a wrong type, naming the YAML 1.1 trap when one caused it."""
    written = raw[0] if raw else None
    plain = raw is not None and raw[1] is None  # written without quotes
    if expected == "string":
        if value is None:
            return "write the text after the colon"
        if plain and written:
            return f'YAML reads {written} as {kind_of(value)}; put it in quotes: "{written}"'
        return "write it as text"
    if expected == "boolean":
        return "write true or false"
    if expected in ("integer", "number"):
        if isinstance(value, str) and value.strip().isdigit():
            return f"remove the quotes: {value.strip()}"
        return "write a whole number without quotes"
    if expected == "array":
        return "write each item on its own line, starting with - "
    return "write `name: value` lines indented under it"


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


def check_unique_ids(data, problems):
    """The ids of moments, dimensions and statements; twice-used ones are problems."""
    lists = {
        "moment": (("story", "moments"), moments(data)),
        "dimension": (("dimensions",), items(data, "dimensions")),
        "statement": (("statements",), items(data, "statements")),
    }
    ids = {}
    for kind, (base, entries) in lists.items():
        seen = {}
        for i, entry in entries:
            entry_id = entry.get("id")
            if not isinstance(entry_id, str):
                continue
            path = base + (i, "id")
            if entry_id in seen:
                first = problems.place(seen[entry_id])[0]
                problems.add(path, f'the {kind} id "{entry_id}" is used twice (first on line {first}); give each {kind} an id of its own')
            else:
                seen[entry_id] = path
        ids[kind] = list(seen)
    return ids


def check_references(data, ids, problems):
    """Statements name dimensions, and dimensions name story moments, that exist."""
    for i, statement in items(data, "statements"):
        name = statement.get("dimension")
        if isinstance(name, str) and name not in ids["dimension"]:
            problems.add(("statements", i, "dimension"), missing_id("dimension", name, ids["dimension"]))
    for i, dimension in items(data, "dimensions"):
        name = dimension.get("moment")
        if isinstance(name, str) and name not in ids["moment"]:
            problems.add(("dimensions", i, "moment"), missing_id("story moment", name, ids["moment"]))


def missing_id(kind, name, known):
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f'there is no {kind} "{name}"; did you mean "{close[0]}"?'
    return f'there is no {kind} "{name}"; use one of: {", ".join(known)}'


def check_dimension_statements(data, ids, problems):
    """Each dimension has at least two statements, and at least one reverse-keyed."""
    for i, dimension in items(data, "dimensions"):
        name = dimension.get("id")
        if not isinstance(name, str) or name not in ids["dimension"]:
            continue
        own = [s for _, s in items(data, "statements") if s.get("dimension") == name]
        if len(own) < 2:
            problems.add(("dimensions", i, "id"), f'dimension "{name}" has {len(own)} {plural(len(own), "statement")}; it needs at least 2, so add statements with `dimension: {name}`')
        elif not any(s.get("reverse") is True for s in own):
            problems.add(("dimensions", i, "id"), f'dimension "{name}" has no reverse-keyed statement; add `reverse: true` to a statement where agreeing reveals a liability, so that agreeing with everything does not score 100')


def check_bands(data, ids, problems):
    """Bands are sorted, start at 0, do not overlap, and each can be reached."""
    errors_before = len(problems.errors)
    bands = items(data, "bands")
    mins = [(i, b.get("min")) for i, b in bands]
    if not bands or not all(isinstance(m, int) and not isinstance(m, bool) for _, m in mins):
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
    if sizes:
        scores = reachable_scores(sizes)
        for (i, _), (low, high) in zip(bands, band_ranges([m for _, m in mins])):
            if not any(low <= s <= high for s in scores):
                problems.add(("bands", i, "min"), f"no set of answers gives an overall score from {low} to {high}, so band {i + 1} can never be shown; widen it by moving its min or the next band's")


def statement_counts(data, ids):
    """How many statements each dimension has, or None when that is not known yet."""
    counts = [sum(1 for _, s in items(data, "statements") if s.get("dimension") == d) for d in ids["dimension"]]
    return counts if counts and all(counts) else None


def check_reference_profile(data, ids, problems):
    """The reference profile answers every statement, and only statements."""
    reference = data.get("reference")
    answers = reference.get("answers") if isinstance(reference, dict) else None
    if not isinstance(answers, dict):
        return
    for name in ids["statement"]:
        if name not in answers:
            problems.add(("reference", "answers"), f'reference › answers has no answer for statement "{name}"; add `{name}: ` with a number from 1 to 5')
    for name in answers:
        if name not in ids["statement"]:
            problems.add(("reference", "answers", name), missing_id("statement", str(name), ids["statement"]), key=True)


def check_advice_levels(data, problems):
    scoring = data.get("scoring")
    levels = scoring.get("advice_levels") if isinstance(scoring, dict) else None
    if isinstance(levels, dict):
        middle, high = levels.get("middle"), levels.get("high")
        if isinstance(middle, int) and isinstance(high, int) and not middle < high:
            problems.add(("scoring", "advice_levels", "high"), f"high ({high}) must be above middle ({middle}); raise high or lower middle")


def check_markdown(data, schema, problems):
    """Warn about Markdown that shows nothing, or has raw HTML the site will remove."""
    for path, text in markdown_fields(data, schema):
        html, raw_html = render_markdown(text)
        if raw_html:
            problems.add(path, f"{describe(path)} has raw HTML, which the site removes; use Markdown instead (**bold**, *italic*, [link](https://...))", warning=True)
        elif not re.sub(r"<[^>]*>", "", html).strip():
            problems.add(path, f"{describe(path)} shows no text; write something, or the section will look empty", warning=True)

