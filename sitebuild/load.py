"""Read questions.yaml into plain Python data, remembering where every value was written.

PyYAML's safe loader is the base, made stricter for people who edit YAML by hand:
- duplicate keys are problems (PyYAML keeps the last one silently);
- aliases (*name) are refused, so an "alias bomb" cannot blow up the build;
- only the plain YAML tags are accepted, so `!!python/...` never constructs anything;
- every value keeps its line and column, so later checks can point at it.
"""

import yaml
from yaml.events import AliasEvent

from .problems import Problems

# Plain YAML types; any other tag (!!python/object, !custom, ...) is refused.
PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
MAX_BYTES = 1_000_000  # a questions file is a few kilobytes; anything near this is a mistake

# PyYAML's wording for the syntax errors authors make most, and what to do about each.
SYNTAX_HINTS = {
    "found character '\\t' that cannot start any token": "a tab is used for indenting; YAML needs spaces, so replace the tab with spaces",
    "mapping values are not allowed here": "a colon followed by a space sits inside a value; put the whole value in double quotes",
    "could not find expected ':'": "this line is neither `key: value` nor a list item; add the missing colon, or put text that runs over several lines in quotes",
    "found undefined alias": "a `*` starts a YAML alias; put the value in double quotes",
    "found unexpected end of stream": "a quote or bracket is opened but never closed; close it",
    "found unknown escape character": "a backslash starts an unknown escape inside double quotes; write \\\\ for a backslash, or use single quotes",
    "expected <block end>, but found '<block sequence start>'": "a list item is indented differently from the items above it; line up the dashes",
    "expected <block end>, but found '-'": "a list item is indented differently from the items above it; line up the dashes",
    "expected <block end>": "this line is indented differently from the lines around it; line it up with its neighbours",
}
SYNTAX_FALLBACK = "check the indentation and the quotes on this line and the line above"


class Loaded:
    """The content as plain data, with the place (line, column) of every path in it."""

    def __init__(self, data, places, raw):
        self.data = data
        self.places = places  # path tuple -> (line, column); ("key",) + path for a key
        self.raw = raw  # path tuple -> the scalar as written, for hints about YAML 1.1 traps


def load_content(path):
    """Read the YAML file at `path`. Returns (Loaded or None, Problems)."""
    problems = Problems()
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        problems.add((), f"cannot read this file ({error.strerror}); check the path, or pass --source PATH")
        return None, problems
    if len(data) > MAX_BYTES:
        problems.add((), f"the file is larger than {MAX_BYTES:,} bytes; a questions file is a few kilobytes, so check that it is the right file")
        return None, problems
    text = decode(data, problems)
    if text is None:
        return None, problems
    return parse(text, problems), problems


def decode(data, problems):
    """UTF-8 text, or None with a problem at the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        problems.places[("bytes",)] = (line, column)
        problems.add(("bytes",), f"byte 0x{data[error.start]:02X} is not UTF-8 text; save the file as UTF-8, or retype the character here")
        return None


def parse(text, problems):
    """Compose YAML nodes with our stricter loader, then turn them into plain data."""
    loader = StrictLoader(text, problems)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problems.places[("syntax",)] = (mark.line + 1, mark.column + 1)
        problems.add(("syntax",), syntax_message(error))
        return None
    except RecursionError:
        problems.add((), "the file is nested too deeply to read; no questions file needs more than a few levels of indentation")
        return None
    finally:
        loader.dispose()
    if node is None:
        problems.add((), "the file is empty; start from the questions.yaml in the project and change it")
        return None
    places, raw = {(): (node.start_mark.line + 1, node.start_mark.column + 1)}, {}
    data = to_data(node, (), loader, places, raw, problems)
    problems.places.update(places)
    return Loaded(data, places, raw)


def syntax_message(error):
    problem = (error.problem or "").strip()
    for known, hint in SYNTAX_HINTS.items():
        if problem.startswith(known):
            return f"the YAML cannot be read here ({problem}); {hint}"
    if "while scanning a quoted scalar" in (error.context or ""):
        return f"the YAML cannot be read here ({problem}); a quote is opened but not closed; close it at the end of the value"
    return f"the YAML cannot be read here ({problem}); {SYNTAX_FALLBACK}"


class StrictLoader(yaml.SafeLoader):
    """SafeLoader that records aliases as problems instead of expanding them."""

    def __init__(self, stream, problems):
        super().__init__(stream)
        self.problems = problems

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.get_event()
            place = (event.start_mark.line + 1, event.start_mark.column + 1)
            self.problems.places[("alias", place)] = place
            self.problems.add(("alias", place), f"the alias *{event.anchor} is not allowed; write the value out in full instead of pointing to &{event.anchor}")
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        return super().compose_node(parent, index)


def to_data(node, path, loader, places, raw, problems):
    """Plain dicts, lists and scalars from a node tree, recording places and problems."""
    places[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag not in PLAIN_TAGS:
        problems.places[path] = places[path]
        problems.add(path, f"the tag {short_tag(node.tag)} is not allowed; remove it and write a plain value")
        return None
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # resolves `<<` merge keys, already alias-free
        result = {}
        for key_node, value_node in node.value:
            key = to_data(key_node, path + ("<key>",), loader, places, raw, problems)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                problems.places[path + ("<key>",)] = places[path + ("<key>",)]
                problems.add(path + ("<key>",), "a key must be a plain word; write `name: value`")
                continue
            key_place = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                first = places[("key",) + path + (key,)]
                places[("dup",) + path + (key,)] = key_place
                problems.places[("dup",) + path + (key,)] = key_place
                problems.add(("dup",) + path + (key,), f'the key "{key}" is written twice here (first on line {first[0]}); keep one of them')
                continue
            places[("key",) + path + (key,)] = key_place
            result[key] = to_data(value_node, path + (key,), loader, places, raw, problems)
        places.pop(path + ("<key>",), None)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [to_data(item, path + (i,), loader, places, raw, problems) for i, item in enumerate(node.value)]
    raw[path] = (node.value, node.style)
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.constructor.ConstructorError, ValueError, OverflowError):
        # e.g. a timestamp that looks like a date but is not one (2024-13-45)
        return node.value


def short_tag(tag):
    return tag.replace("tag:yaml.org,2002:", "!!")
