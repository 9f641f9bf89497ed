"""The schema's part of the check: questions.schema.json's errors in plain words.

jsonschema says what rule a value broke; the author needs to hear where, what was
written, and what to write instead, naming the YAML 1.1 trap when one caused it (yes
read as true, 035 read as octal).
"""

import datetime
import json
import re

import jsonschema
import yaml

from ..problems import shorten
from ..scoring import POINTS
from .words import MAX_LISTED, closest, describe, plural

TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list (lines that start with -)",
    "object": "a group of `name: value` lines",
}
PLAIN_INTEGER = re.compile(r"[-+]?(0|[1-9][0-9]*)")


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
        error
        for error in jsonschema.Draft7Validator(schema).iter_errors(loaded.data)
        if not refused(tuple(error.absolute_path), loaded.refused)
        # Names in reference.answers are checked against the statements, with a suggestion.
        and "propertyNames" not in error.schema_path
        # and their numbers against the scale's own length (check_reference_profile)
        and not (
            tuple(error.absolute_path)[:2] == ("reference", "answers") and error.validator in ("minimum", "maximum")
        )
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
        return (
            f"{where} should be text, but YAML reads {written} as {kind_of(value)}; put it in quotes: {quoted(written)}"
        )
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
            problems.add(
                path,
                f"{where} is written {written}, and YAML reads a number with a leading 0 as octal ({value}); write {meant}",
            )
        else:
            problems.add(
                path,
                f"{where} is written {written}, which YAML reads as the number {value}; write it in plain digits: {value}",
            )


def value_at(data, path):
    for part in path:
        data = data[part]
    return data
