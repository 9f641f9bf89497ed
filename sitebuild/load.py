"""Read questions.yaml into plain Python data, remembering where every value was written.

PyYAML's safe loader is the base, made stricter for people who edit YAML by hand:
- duplicate keys are problems (PyYAML keeps the last one silently);
- aliases (*name) and merge keys (<<) are refused, so an "alias bomb" cannot blow up the build;
- only the plain YAML tags are accepted, so `!!python/...` never constructs anything;
- keys stay the text that was typed (`no:` is the key "no", not false);
- the file's size and depth are bounded, so no input can hang the build;
- every value keeps its line and column, so later checks can point at it.
"""

import bisect
import functools
import re

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.resolver import Resolver

from .problems import Problems, shorten

# Plain YAML types; any other tag (!!python/object, !custom, ...) is refused.
PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
MERGE = "tag:yaml.org,2002:merge"  # `<<:`, which only makes sense with aliases
REFUSED = "!refused"  # stands for an alias or a tag that was reported and not read
MAX_BYTES = 512_000  # some twenty times the project's own file; reading more would take many seconds
MAX_SAME = 20  # problems of one kind listed one by one; the rest are counted in one message
MAX_DEPTH = 20  # questions.yaml needs 5 levels; deeper is a mistake or an attack

# PyYAML's wording for the syntax errors authors make most, and what to do about each.
SYNTAX_HINTS = {
    "found character '\\t' that cannot start any token": "a tab is used for indenting; YAML needs spaces, so replace the tab with spaces",
    "mapping values are not allowed here": "a colon followed by a space sits inside a value; put the whole value in double quotes",
    "could not find expected ':'": "this line is neither `key: value` nor a list item; put a space after the colon, or add the missing colon, or put text that runs over several lines in quotes",
    "found undefined alias": "a `*` starts a YAML alias; put the value in double quotes",
    "found unexpected end of stream": "a quote or bracket is opened but never closed; close it",
    "found unknown escape character": "a backslash starts an unknown escape inside double quotes; write \\\\ for a backslash, or use single quotes",
    "expected <block end>, but found '<block sequence start>'": "a list item is indented differently from the items above it; line up the dashes",
    "expected <block end>, but found '-'": "a list item is indented differently from the items above it; line up the dashes",
    "expected <block end>": "this line is indented differently from the lines around it; line it up with its neighbours",
    "but found another document": "a line of three dashes (---) starts a second document; remove it, one file holds one document",
}
ODD_INDENT = re.compile(r"[ \t\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]+")  # leading blanks, odd or not
OPEN_QUOTE = re.compile(r'\s*(-\s+)?([^\s"#:][^:#]*:\s+)?"')  # a value that starts with a double quote
KEY_AT_START = re.compile(r"( *)([^\s:#'\"\-\[{][^:#]*)")  # `  name` before the colon YAML stopped at
KEY_INDENT = re.compile(r" *(- +)*")  # where the key of a line starts: `  - id:` has its key at 4
QUOTED_VALUE = re.compile(r"\s*(-\s+)?([^\s'\"#\-][^:#'\"]*:\s+)?(?P<quote>['\"])")
# A quoted value up to its closing quote, past '' (single) or \" (double) inside it.
CLOSING_QUOTE = {"'": re.compile(r"(?:[^']|'')*'"), '"': re.compile(r'(?:[^"\\]|\\.)*"')}
SYNTAX_FALLBACK = "check the indentation and the quotes on this line and the line above"


class Loaded:
    """The content as plain data, with the place (line, column) of every path in it."""

    def __init__(self, data, places, raw, spans, refused, text):
        self.data = data
        self.places = places  # path tuple -> (line, column); ("key",) + path for a key
        self.raw = raw  # path tuple -> (the scalar as written, its quote style), for YAML 1.1 traps
        self.spans = spans  # path tuple -> (start, end) offsets of a scalar in `text`
        self.refused = refused  # paths whose alias or tag was refused (already reported)
        self.text = text  # the file as read

    def place_of(self, path, snippet):
        """(line, column) where `snippet` is written inside the scalar at `path`, if it is."""
        if path not in self.spans:
            return None
        start, end = self.spans[path]
        found = self.text.find(snippet, start, end) if snippet else -1
        return None if found < 0 else line_and_column(self.text, found)

    def place(self, path, *, key=False):
        """(line, column) of `path` (of its key, with key=True), or of its nearest written
        parent: a problem with a value that is missing points at what holds it."""
        path = tuple(path)
        while path:
            found = self.places.get(("key",) + path if key else path)
            if found:
                return found
            path, key = path[:-1], False
        return self.places.get((), (1, 1))


def line_and_column(text, offset):
    """1-based (line, column) of a character offset in `text`, by a binary search of where
    its lines start: a file with a problem on every character costs no more than a pass."""
    starts = line_starts(text)
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


@functools.lru_cache(maxsize=4)
def line_starts(text):
    return [0] + [match.end() for match in re.finditer("\n", text)]


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
        problems.add(
            (),
            f"the file is larger than {MAX_BYTES:,} bytes; a questions file is a few kilobytes, so check that it is the right file",
        )
        return None, problems
    text = decode(data, problems)
    if text is None or not printable(text, problems):
        return None, problems
    return parse(text, problems), problems


def decode(data, problems):
    """UTF-8 text, or None with a problem at the first byte that is not UTF-8."""
    try:
        # Lines end as editors count them: \r\n and a lone \r become \n.
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as error:
        before = data[: error.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        problems.add(
            (),
            f"byte 0x{data[error.start]:02X} is not UTF-8 text; save the file as UTF-8, or retype the character here",
            at=(line, column),
        )
        return None


def printable(text, problems):
    """Whether `text` has only characters YAML allows, and line breaks that editors count
    as YAML does; a problem for each one it does not, up to MAX_SAME of each kind."""
    invisible = yaml.reader.Reader.NON_PRINTABLE.finditer(text)
    for match in first_of(invisible, text, problems, "invisible characters"):
        code = ord(match.group())
        problems.add(
            (),
            f"the invisible character U+{code:04X} cannot be used in YAML; delete it (retype the text around it if your editor does not show it)",
            at=line_and_column(text, match.start()),
        )
    for match in first_of(re.finditer("[\x85\u2028\u2029]", text), text, problems, "line separators"):
        # YAML ends a line at these, most editors do not, so every line number after would be off.
        problems.add(
            (),
            f"the invisible line separator U+{ord(match.group()):04X} cannot be used here; replace it with an ordinary line break, or delete it",
            at=line_and_column(text, match.start()),
        )
    return not problems


def first_of(matches, text, problems, what):
    """The first MAX_SAME of `matches`; past them, one problem that counts the rest, so a
    file full of one mistake gives a screenful of messages, not a million."""
    for number, match in enumerate(matches, start=1):
        if number > MAX_SAME:
            rest = 1 + sum(1 for _ in matches)
            problems.add(
                (),
                f"{rest:,} more {what} like these follow, not listed one by one; delete them all",
                at=line_and_column(text, match.start()),
            )
            return
        yield match


def parse(text, problems):
    """Compose YAML nodes with our stricter loader, then turn them into plain data."""
    loader, node = compose(text)
    if isinstance(node, yaml.MarkedYAMLError):
        report_syntax_error(node, text, problems)
        return None
    loader.report_aliases(problems)
    if isinstance(node, TooDeep):
        problems.add(
            (),
            f"this value is nested more than {MAX_DEPTH} levels deep; questions.yaml needs five at most, so check the indentation and the brackets",
            at=node.place,
        )
        return None
    if node is None:
        problems.add((), "the file is empty; start from the questions.yaml in the project and change it")
        return None
    loaded = Loaded(None, {}, {}, {}, set(), text)
    problems.document = loaded  # from now on, problems ask it where a path was written
    loaded.data = to_data(node, (), loader, loaded, problems)
    return loaded


def compose(text):
    """(loader, the node tree of `text`: None when empty, or the error that stopped it).

    libyaml, which PyYAML's wheels carry, scans and parses some five times faster than
    PyYAML's Python code, and the build and the suite parse thousands of files. So it reads
    first; a file it cannot read is read again by PyYAML's Python parser, whose error
    messages SYNTAX_HINTS and report_syntax_error are written for. Both give the same events
    and places (test_load checks every YAML file of the project both ways)."""
    for loader_class in LOADERS:
        loader = loader_class(text)
        try:
            return loader, loader.get_single_node()
        except (yaml.MarkedYAMLError, TooDeep) as error:
            if loader_class is LOADERS[-1]:
                return loader, error
        finally:
            loader.dispose()


def report_syntax_error(error, text, problems):
    """The syntax error, said where its cause most likely is."""
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1
    if odd_indentation(text, line, problems):
        return
    quote = unclosed_quote(text, line)
    if quote:
        problems.add(
            (),
            'a double quote opens this value but the line does not close it, so YAML reads on into the lines below; add " at the end of the value',
            at=quote,
        )
        return
    lines = text.split("\n")
    for diagnose in (key_indented_too_deep, quote_closed_early):
        found = diagnose(error, lines)
        if found:
            problems.add((), found[1], at=found[0])
            return
    if error.problem == "could not find expected ':'" and error.context_mark:
        mark = error.context_mark  # the line that lacks its colon, not the one after it
    problems.add((), syntax_message(error), at=(mark.line + 1, mark.column + 1))


def unclosed_quote(text, error_line):
    """(line, column) of a double-quoted value left open before `error_line`, when the
    lines in between have no quote at all, so the open quote swallowed them."""
    lines = text.split("\n")[:error_line]
    for number in range(len(lines) - 1, 0, -1):
        line = lines[number - 1]
        if '"' not in line:
            continue
        opening = OPEN_QUOTE.match(line)
        if opening and len(re.findall(r'(?<!\\)"', line)) % 2 == 1:
            return number, opening.end()
        return None
    return None


def key_indented_too_deep(error, lines):
    """((line, column), message) when YAML stopped at the colon of a key that is indented
    deeper than the key above it: YAML read the key as more words of the value above, so
    quoting (the usual fix for a colon in a value) would not help; lining it up does."""
    mark = error.problem_mark
    if error.problem != "mapping values are not allowed here" or mark is None or mark.line >= len(lines):
        return None
    key = KEY_AT_START.fullmatch(lines[mark.line][: mark.column])
    above = next((ln for ln in reversed(lines[: mark.line]) if ln.strip() and not ln.lstrip().startswith("#")), None)
    if not key or above is None:
        return None
    indent, name = len(key.group(1)), key.group(2).strip()
    wanted = len(KEY_INDENT.match(above).group())
    if indent <= wanted:
        return None
    return (mark.line + 1, indent + 1), (
        f'"{shorten(name)}:" is indented more than the line above, so YAML reads it as more words of the value above; '
        f"indent it by {wanted} {'space' if wanted == 1 else 'spaces'}, in line with the key above it"
    )


def quote_closed_early(error, lines):
    """((line, column), message) when a quote inside a quoted value closed the value before
    its end, as the apostrophe in 'the CEO's view' does: YAML then finds text after it."""
    mark = error.problem_mark
    if mark is None or mark.line >= len(lines):
        return None
    line = lines[mark.line]
    opening = QUOTED_VALUE.match(line)
    if not opening:
        return None
    quote, start = opening.group("quote"), opening.end()
    closing = CLOSING_QUOTE[quote].match(line, start)
    after = line[closing.end() :].strip() if closing else ""
    if not after or after.startswith("#"):
        return None
    place = (mark.line + 1, closing.end())
    if quote == "'":
        return (
            place,
            "the apostrophe here ends the value's single quotes early; write it twice ('') or put the whole value in double quotes instead",
        )
    return (
        place,
        'the double quote here ends the value early; write it as \\" or put the whole value in single quotes instead',
    )


def odd_indentation(text, last_line, problems):
    """Whether lines up to `last_line` are indented with spaces YAML does not count, such as
    the non-breaking spaces a web page gives when copied: then they, not the error YAML
    found further on, are the problem to report."""
    found = False
    for number, line in enumerate(text.split("\n")[:last_line], start=1):
        indent = ODD_INDENT.match(line)
        odd = indent and re.search(r"[^ \t]", indent.group())
        if odd:
            problems.add((), odd_space_message(odd.group()), at=(number, odd.start() + 1))
            found = True
    return found


def odd_space_message(character):
    return f"this line is indented with the unusual space U+{ord(character):04X}, often pasted from a web page, which YAML does not read as indentation; retype the indentation with ordinary spaces"


def syntax_message(error):
    problem = (error.problem or "").strip()
    for known, hint in SYNTAX_HINTS.items():
        if problem.startswith(known):
            return f"the YAML cannot be read here ({problem}); {hint}"
    if "while scanning a quoted scalar" in (error.context or ""):
        return f"the YAML cannot be read here ({problem}); a quote is opened but not closed; close it at the end of the value"
    return f"the YAML cannot be read here ({problem}); {SYNTAX_FALLBACK}"


class TooDeep(Exception):
    def __init__(self, mark):
        super().__init__()
        self.place = (mark.line + 1, mark.column + 1)


class StrictComposer:
    """Composes like PyYAML's SafeLoader, but records aliases instead of expanding them, and
    stops at MAX_DEPTH."""

    def __init__(self):
        self.depth = 0
        self.aliases = {}  # (line, anchor) -> [column of the first, how many]

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.get_event()
            seen = self.aliases.setdefault((event.start_mark.line + 1, event.anchor), [event.start_mark.column + 1, 0])
            seen[1] += 1
            return yaml.ScalarNode(REFUSED, "", event.start_mark, event.end_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def report_aliases(self, problems):
        """One problem per alias name and line, however many times it is used there."""
        for (line, anchor), (column, count) in self.aliases.items():
            times = f" ({count} times on this line)" if count > 1 else ""
            problems.add(
                (),
                f"the alias *{anchor} is not allowed{times}; write the value out in full instead of pointing to &{anchor}",
                at=(line, column),
            )


class StrictLoader(StrictComposer, yaml.SafeLoader):
    """PyYAML's own Python reader, scanner and parser under StrictComposer."""

    def __init__(self, stream):
        yaml.SafeLoader.__init__(self, stream)
        StrictComposer.__init__(self)


LOADERS = (StrictLoader,)  # what compose() tries in turn

if yaml.__with_libyaml__:
    from yaml.cyaml import CParser

    class LibyamlStrictLoader(StrictComposer, Composer, CParser, SafeConstructor, Resolver):
        """libyaml's scanner and parser under StrictComposer (Composer before CParser, so
        that composing stays in Python, where StrictComposer watches it)."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            StrictComposer.__init__(self)

    LOADERS = (LibyamlStrictLoader, StrictLoader)


def to_data(node, path, loader, loaded, problems):
    """Plain dicts, lists and scalars from a node tree, recording places and problems."""
    place = (node.start_mark.line + 1, node.start_mark.column + 1)
    loaded.places[path] = place
    if node.tag not in PLAIN_TAGS:
        if node.tag != REFUSED:  # an alias, already reported
            problems.add(
                path, f"the tag {short_tag(node.tag)} is not allowed; remove it and write a plain value", at=place
            )
        loaded.refused.add(path)
        return None
    if isinstance(node, yaml.MappingNode):
        return to_dict(node, path, loader, loaded, problems)
    if isinstance(node, yaml.SequenceNode):
        entries = [entry for item in node.value for entry in split_run_together(item, problems)]
        return [to_data(item, path + (i,), loader, loaded, problems) for i, item in enumerate(entries)]
    loaded.raw[path] = (node.value, node.style or None)  # plain: None (libyaml says "")
    loaded.spans[path] = (node.start_mark.index, node.end_mark.index)
    try:
        value = loader.construct_object(node, deep=True)
    except (yaml.constructor.ConstructorError, ValueError, OverflowError):
        # e.g. a timestamp that looks like a date but is not one (2024-13-45)
        value = node.value
    if isinstance(value, str):
        check_decoded(value, node, loaded.text, problems)
    return value


ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.DOTALL)


def check_decoded(value, node, text, problems):
    r"""A problem when escapes in a double-quoted value ("\0", "\x1b", "\uDC00") made a
    character that the file itself could not hold: printable() saw only the escape.
    Whether the value is fine."""
    bad = yaml.reader.Reader.NON_PRINTABLE.search(value)
    if not bad:
        return True
    code = ord(bad.group())
    at, written = (node.start_mark.line + 1, node.start_mark.column + 1), "an escape"
    for escape in ESCAPE.finditer(text, node.start_mark.index, node.end_mark.index):
        if escape_value(escape.group()) == bad.group():
            at, written = line_and_column(text, escape.start()), escape.group()
            break
    if 0xD800 <= code <= 0xDFFF:
        problems.add(
            (),
            f"{written} makes U+{code:04X}, half of a surrogate pair and no character at all; write the character itself instead of the escape",
            at=at,
        )
    else:
        problems.add(
            (),
            f"{written} makes the invisible character U+{code:04X}, which a page cannot show; delete the escape",
            at=at,
        )
    return False


def escape_value(escape):
    """The character a YAML double-quoted escape stands for, or None."""
    letter, digits = escape[1], escape[2:]
    if letter in "xuU" and digits:
        return chr(int(digits, 16))
    return {
        "0": "\0",
        "a": "\a",
        "b": "\b",
        "t": "\t",
        "n": "\n",
        "v": "\v",
        "f": "\f",
        "r": "\r",
        "e": "\x1b",
        "N": "\x85",
        "_": "\xa0",
        "L": "\u2028",
        "P": "\u2029",
    }.get(letter)


def split_run_together(item, problems):
    """A list item as the author meant it: when its first key comes again, with more of its
    keys after it, the "- " that starts a new item was left out. That is reported, and the
    item read as the items it was meant to be, so the rest of the check sees every item
    (and says nothing of a "missing" one) instead of reporting each key as written twice."""
    if not isinstance(item, yaml.MappingNode) or not item.value or not isinstance(item.value[0][0], yaml.ScalarNode):
        return [item]
    first = item.value[0][0].value
    starts = [
        i for i, (key, _) in enumerate(item.value) if i and isinstance(key, yaml.ScalarNode) and key.value == first
    ]
    chunks = [item.value[a:b] for a, b in zip([0] + starts, starts + [len(item.value)])]
    keys = [{key.value for key, _ in chunk if isinstance(key, yaml.ScalarNode)} for chunk in chunks]
    if not starts or any(len(own & keys[0]) < 2 for own in keys[1:]):
        return [item]  # a key written twice, not an item run together; to_dict says so
    for chunk in chunks[1:]:
        mark = chunk[0][0].start_mark
        problems.add(
            (),
            f'"{shorten(first)}:" starts a new item, but without the "- " that begins one YAML joins it to the item on line {item.start_mark.line + 1}; put "- " before "{shorten(first)}:", in place of the last two spaces of its indentation, so the dash lines up with the others',
            at=(mark.line + 1, mark.column + 1),
        )
    return [
        yaml.MappingNode(item.tag, chunk, chunk[0][0].start_mark, chunk[-1][1].end_mark, flow_style=item.flow_style)
        for chunk in chunks
    ]


def to_dict(node, path, loader, loaded, problems):
    result = {}
    for key_node, value_node in node.value:
        key_place = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.add(path, "a key must be a plain word; write `name: value`", at=key_place)
            continue
        if key_node.tag == MERGE:
            problems.add(path, "the merge key << is not allowed; write the values out in full", at=key_place)
            continue
        if key_node.tag not in PLAIN_TAGS:
            if key_node.tag != REFUSED:
                problems.add(
                    path,
                    f"the tag {short_tag(key_node.tag)} is not allowed; remove it and write a plain value",
                    at=key_place,
                )
            continue
        # Keys are names: keep what was typed, so `no:` or `2024:` stays text as in YAML 1.2.
        key = key_node.value
        if not check_decoded(key, key_node, loaded.text, problems):
            continue
        odd = re.match(r"[ \t]*([^\S \t]|\ufeff)", key)
        if odd:  # a non-breaking space before the key: YAML took it for part of the name
            problems.add(path, odd_space_message(odd.group(1)), at=key_place)
            continue
        if key in result:
            first = loaded.places[("key",) + path + (key,)]
            problems.add(
                path,
                f'the key "{shorten(key)}" is written twice here (first on line {first[0]}); keep one of them',
                at=key_place,
            )
            continue
        loaded.places[("key",) + path + (key,)] = key_place
        result[key] = to_data(value_node, path + (key,), loader, loaded, problems)
    return result


def short_tag(tag):
    return tag.replace("tag:yaml.org,2002:", "!!")
