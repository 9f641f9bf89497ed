"""Translations: `translations/<code>.yaml` beside questions.yaml, words only.

A translation has the source's own shape with the structure taken out (ids, order,
dimensions, keying, thresholds and reference answers are set once in questions.yaml).
Items of a list are matched by `id`; bands and scale labels, which have none, by position.
Each file is loaded with the strict loader, compared with the source, merged over it
into a whole content for its language, and that content checked as questions.yaml is,
so every problem is said as `translations/fr.yaml:LINE:COL: what is wrong; how to fix it`.
"""

import copy
import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .check import check_content, describe
from .load import Loaded, load_content
from .markdown import PLACEHOLDER, markdown_fields, render_markdown
from .problems import Problems, shorten
from .render import text_direction

# Keys that hold structure wherever they are, and two that do so under site:.
STRUCTURE = {"dimension", "reverse", "min", "side", "moment", "view", "answers", "scoring"}
STRUCTURE_PATHS = {("site", "url"), ("site", "language")}
# What a translation may have that the source need not: its own name, direction and state.
OWN = {("draft",), ("site", "language_name"), ("site", "direction")}
# A BCP 47 tag as far as a folder name and `lang` need: a language, then subtags.
CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
# Texts that may stay as they are in another language are not flagged as untranslated:
# one word or token (a name, "CEO", a file name such as team-report.csv), fewer than two
# words of letters (numbers, placeholders), or names, every word capitalised ("Google Forms").
WORD = re.compile(r"[^\W\d_]{2,}")
MAX_LISTED = 8
BLOCKS = {
    "p": "a paragraph",
    "ul": "a bulleted list",
    "ol": "a numbered list",
    "h3": "a heading",
    "h4": "a heading",
    "table": "a table",
    "blockquote": "a quotation",
    "pre": "a code block",
    "hr": "a rule",
}


@dataclass
class Translation:
    code: str
    path: Path  # the file
    shown: str  # "translations/fr.yaml", as messages name it
    problems: Problems
    content: dict = None  # the merged content in this language, once it checks
    draft: bool = False
    missing: int = 0  # texts shown in the source language (a draft's)
    paths: set = field(default_factory=set)  # paths of `content` the translation wrote
    other_questions: bool = False  # it translates questions questions.yaml no longer has: left out


def translation_files(folder):
    """The *.yaml (and *.yml) files of `folder`, sorted by name; none without the folder."""
    folder = Path(folder)
    return (
        sorted(path for path in folder.iterdir() if path.suffix in (".yaml", ".yml") and path.is_file())
        if folder.is_dir()
        else []
    )


def load_translations(folder, source, schema):
    """[Translation] for every file in `folder`, each checked against `source` (checked
    content of questions.yaml, defaults filled) and, if it has no errors, merged. One that
    translates other questions altogether is there with a warning and `other_questions` set:
    the site leaves it out (see languages_of)."""
    translations, seen = [], {}
    for path in translation_files(folder):
        translation = load_translation(path, source, schema)
        first = seen.setdefault(translation.code.lower(), translation)
        if first is not translation:  # fr.yaml and fr.yml, or fr.yaml and FR.yaml: one folder
            translation.problems.add(
                (), f"{first.shown} translates into this language already; keep one of the two files", at=(1, 1)
            )
        translations.append(translation)
    return translations


def languages_of(translations):
    """The translations the site is built in: all but those of other questions."""
    return [translation for translation in translations if not translation.other_questions]


def load_translation(path, source, schema):
    code = path.stem
    loaded, problems = load_content(path)
    translation = Translation(code, path, f"{path.parent.name}/{path.name}", problems)
    if not CODE.fullmatch(code):
        problems.add(
            (),
            f"\"{shorten(code)}\" is not a language code, which this file's name must be (it becomes the folder and the pages' lang); rename the file to a code such as fr.yaml, pt-BR.yaml or ar.yaml",
            at=(1, 1),
        )
    elif code.lower() == source["site"]["language"].lower():
        problems.add(
            (),
            f"this file translates into {code}, the language of questions.yaml itself (site › language); remove it, or rename it to the code of another language",
            at=(1, 1),
        )
    if loaded is None:
        return translation
    if not isinstance(loaded.data, dict):
        problems.add(
            (),
            "a translation is a group of `name: value` lines in the shape of questions.yaml; start from a copy of questions.yaml and keep only its words",
            at=(1, 1),
        )
        return translation
    draft = loaded.data.get("draft", False)
    if not isinstance(draft, bool):
        problems.add(
            ("draft",),
            "draft should be true or false; write `draft: true` while the translation is incomplete, and remove it once every text is in",
        )
        draft = False
    translation.draft = draft
    other = other_statements(loaded.data, source)
    if other:
        # A fork that replaced our questions with its own keeps our translations/ folder: the
        # site is built without it (a warning), not stopped by a file the fork never touched.
        problems.add(
            ("statements",),
            key=True,
            warning=True,
            message=f"only {other[0]} of the {other[1]} statement ids here are in questions.yaml: this file translates other questions, so the site is built without it; translate your questions.yaml into it, keeping its ids, or delete it",
        )
        translation.other_questions = True
        return translation
    read_reference_as_list(loaded, source)
    comparison = Comparison(loaded, problems, translation, source, schema)
    comparison.compare(loaded.data, source, (), ())
    merged, origin = comparison.merged, comparison.origin
    language_name = (
        loaded.data.get("site", {}).get("language_name") if isinstance(loaded.data.get("site"), dict) else None
    )
    if not language_name:
        problems.add(
            ("site",),
            key=True,
            message=f"site has no language_name, the name of this language in itself that the language switcher shows; add `language_name:` under site, such as {example_name(code)}",
        )
    if problems.errors:
        return translation
    site = merged["site"]
    site.update(language=code, language_name=language_name)
    site.pop("direction", None)
    if isinstance(loaded.data["site"].get("direction"), str):
        site["direction"] = loaded.data["site"]["direction"]
    site["direction"] = text_direction(site)
    for key in ("language_name", "direction"):  # the translation's own: checked as the source's are
        if key in loaded.data["site"]:
            origin[("site", key)] = ("site", key)
    check_merged(loaded, merged, origin, comparison.reported, schema, problems)
    if not problems.errors:
        merged["draft"] = draft
        translation.content = merged
        translation.paths = set(origin)
    return translation


def other_statements(data, source):
    """(ids the source has, ids) of the translation's statements when fewer than half of its
    ids are the source's: a translation of other questions, such as ours in a fork that wrote
    its own. None otherwise: a translation that is behind a few edits is checked, and fails."""
    statements = data.get("statements")
    if not isinstance(statements, list):
        return None
    ids = {item.get("id") for item in statements if isinstance(item, dict) and isinstance(item.get("id"), str)}
    shared = len(ids & {statement["id"] for statement in source["statements"]})
    return (shared, len(ids)) if ids and shared * 2 < len(ids) else None


NAMES = {
    "en": "English",
    "fr": "Français",
    "de": "Deutsch",
    "es": "Español",
    "ar": "العربية",
    "pt": "Português",
    "it": "Italiano",
    "nl": "Nederlands",
}


def example_name(code):
    """An example of a language's name in itself, for the messages: "Français" for fr."""
    name = NAMES.get(code.split("-")[0].lower())
    return f'"{name}"' if name else '"Français" for French'  # a name we do not know: the form


def read_reference_as_list(loaded, source):
    """A single reference profile (the older shape, which the source may have) read as a
    list of one with the id "reference", as check.py reads the source's."""
    if isinstance(loaded.data.get("reference"), dict) and [r.get("id") for r in source.get("reference", [])] == [
        "reference"
    ]:
        loaded.data["reference"] = [dict(loaded.data["reference"], id="reference")]
        for path in [p for p in loaded.places if p[:1] == ("reference",) and len(p) > 1]:
            loaded.places[("reference", 0) + path[1:]] = loaded.places[path]
        for places in (loaded.raw, loaded.spans):
            for path in [p for p in places if p[:1] == ("reference",)]:
                places[("reference", 0) + path[1:]] = places.pop(path)


class Comparison:
    """Walks a translation beside the source, reporting what differs and writing each
    translated text into the merged content (its path there -> its path in the file)."""

    def __init__(self, loaded, problems, translation, source, schema):
        self.loaded, self.problems, self.translation, self.source = loaded, problems, translation, source
        self.schema = schema
        self.merged = copy.deepcopy(source)
        self.origin = {}  # path in the merged content -> path in the file, for each translated text
        self.reported = set()  # paths (in the file) that already have an error
        self.markdown = {path for path, _ in markdown_fields(source, schema)}
        # en-GB from en may keep many texts as they are: only another language is warned.
        self.alike = translation.code.split("-")[0].lower() != source["site"]["language"].split("-")[0].lower()

    def compare(self, text, source, mpath, tpath):
        if isinstance(source, dict):
            self.compare_groups(text, source, mpath, tpath)
        elif isinstance(source, list) and source and all(isinstance(item, dict) and "id" in item for item in source):
            self.compare_by_id(text, source, mpath, tpath)
        elif isinstance(source, list):
            self.compare_by_position(text, source, mpath, tpath)
        elif isinstance(source, str):
            self.compare_text(text, source, mpath, tpath)

    def where(self, mpath):
        """A path of the merged content in words, items named by id: statement "cv-owner" › text."""
        words = []
        for i, part in enumerate(mpath):
            if isinstance(part, int):
                item = value_at(self.source, mpath[: i + 1])
                words[-1] = (
                    f'{describe((words[-1], 0)).rsplit(" ", 1)[0]} "{item["id"]}"'
                    if isinstance(item, dict) and "id" in item
                    else f"{describe((words[-1], part))}"
                )
            else:
                words.append(str(part))
        return " › ".join(words)

    def compare_groups(self, text, source, mpath, tpath):
        if not isinstance(text, dict):
            self.error(
                tpath,
                f"{self.where(mpath) or 'the file'} should be a group of `name: value` lines, as in questions.yaml",
            )
            return
        for key, value in text.items():
            here = mpath + (key,)
            if key in STRUCTURE or here in STRUCTURE_PATHS:
                self.error(
                    tpath + (key,), f'"{key}" is structure, set once in questions.yaml; remove it here', key=True
                )
            elif here in OWN or (key == "id" and mpath and isinstance(mpath[-1], int)):
                continue
            elif key not in source and here in {parent + (name,) for parent, name, *_ in NEEDED}:
                continue  # the source lacks it too, and is told to add it (check_source_for_translations)
            elif key not in source:
                choices = [k for k in source if has_text(source[k], k)]
                close = difflib.get_close_matches(key, choices, n=1, cutoff=0.75)
                hint = (
                    f'did you mean "{close[0]}"?'
                    if close
                    else (
                        f"remove it, or use one of: {', '.join(choices)}"
                        if len(choices) <= MAX_LISTED
                        else "remove it, or check its spelling against questions.yaml"
                    )
                )
                self.error(
                    tpath + (key,),
                    f'unknown key "{shorten(key)}"{" in " + self.where(mpath) if mpath else ""}, which questions.yaml has not got; {hint}',
                    key=True,
                )
            else:
                self.compare(value, source[key], here, tpath + (key,))
        for key, value in source.items():
            if (
                key not in text
                and has_text(value, key)
                and mpath + (key,) not in STRUCTURE_PATHS | OWN
                and not self.as_by_default(mpath + (key,), value)
            ):
                self.missing(
                    mpath + (key,),
                    tpath,
                    f"{self.where(mpath) + ' has' if mpath else 'the file has'} no {key}; translate questions.yaml's {self.where(mpath + (key,))}{quote_of(value)} here",
                )

    def compare_by_id(self, text, source, mpath, tpath):
        kind = describe((mpath[-1], 0)).rsplit(" ", 1)[0]
        if not isinstance(text, list):
            self.error(
                tpath, f"{self.where(mpath)} should be a list of items, each starting with `- id:` as in questions.yaml"
            )
            return
        positions = {item["id"]: i for i, item in enumerate(source)}
        seen = {}
        for j, item in enumerate(text):
            if not isinstance(item, dict):
                self.error(
                    tpath + (j,),
                    f"{kind} {j + 1} of this list should be a group starting with `- id:`, as in questions.yaml",
                )
                continue
            name = item.get("id")
            if name is None:
                self.error(
                    tpath + (j,),
                    f"this {kind} has no id; add `id:` with the id of the {kind} of questions.yaml it translates",
                )
            elif name not in positions:
                close = difflib.get_close_matches(str(name), list(positions), n=1, cutoff=0.75)
                hint = (
                    f'did you mean "{close[0]}"?'
                    if close
                    else (
                        f"use one of: {', '.join(positions)}"
                        if len(positions) <= MAX_LISTED
                        else "remove it, or copy the id from questions.yaml"
                    )
                )
                self.error(tpath + (j, "id"), f'there is no {kind} "{shorten(str(name))}" in questions.yaml; {hint}')
            elif name in seen:
                self.error(
                    tpath + (j, "id"),
                    f'the {kind} "{name}" is translated twice (first on line {self.problems.place(tpath + (seen[name], "id"))[0]}); keep one of them',
                )
            else:
                seen[name] = j
                i = positions[name]
                self.compare(item, source[i], mpath + (i,), tpath + (j,))
        for name, i in positions.items():
            if name not in seen and has_text(source[i], None):
                self.missing(
                    mpath + (i,),
                    tpath,
                    f'{self.where(mpath)} has no {kind} "{name}"; add `- id: {name}` with its words translated from questions.yaml',
                )

    def compare_by_position(self, text, source, mpath, tpath):
        what = describe(mpath)
        if not isinstance(text, list):
            self.error(tpath, f"{what} should be a list, as in questions.yaml")
            return
        if len(text) != len(source):
            unit = "labels" if all(isinstance(s, str) for s in source) else "items"
            self.error(
                tpath,
                key=True,
                message=f"{what} has {len(text)} {unit} and questions.yaml's has {len(source)}; translate each of them, in the same order, no more and no fewer",
            )
            return
        for i, (item, original) in enumerate(zip(text, source)):
            self.compare(item, original, mpath + (i,), tpath + (i,))

    def compare_text(self, text, source, mpath, tpath):
        where = self.where(mpath)
        if not isinstance(text, str) or not text.strip():
            self.error(tpath, f"{where} should be text, the translation of questions.yaml's{quote_of(source)}")
            return
        set_at(self.merged, mpath, text)
        self.origin[mpath] = tpath
        ours, theirs = placeholders(text), placeholders(source)
        lost, extra = sorted(theirs - ours), sorted(ours - theirs)
        if lost and extra:
            self.error(
                tpath,
                f"{where} has {{{extra[0]}}} where questions.yaml's has {{{lost[0]}}}; placeholders stay as they are in any language, so write {{{lost[0]}}}",
                at=self.loaded.place_of(tpath, "{" + extra[0] + "}"),
            )
        elif lost:
            self.error(
                tpath,
                f"{where} has lost {{{lost[0]}}}, which questions.yaml's{quote_of(source)} has; put {{{lost[0]}}} back where the value belongs in the sentence",
            )
        elif extra:
            self.error(
                tpath,
                f"{where} has {{{extra[0]}}}, which questions.yaml's{quote_of(source)} has not; remove it, or write the placeholder that questions.yaml's text uses",
                at=self.loaded.place_of(tpath, "{" + extra[0] + "}"),
            )
        if mpath in self.markdown and block_kinds(text) != block_kinds(source):
            self.problems.add(
                tpath,
                f'{where} is {kinds_in_words(block_kinds(text))} where questions.yaml\'s is {kinds_in_words(block_kinds(source))}; keep the same blocks (a list stays a list: start each item with "- ")',
                warning=True,
            )
        if self.alike and same_words(text, source):
            self.problems.add(
                tpath,
                f"{where} is the same as in questions.yaml{quote_of(source)}; translate it, or leave it if it is right in both languages (only a name or a number goes unflagged)",
                warning=True,
            )

    def error(self, tpath, message, key=False, at=None):
        self.reported.add(tuple(tpath))
        self.problems.add(tpath, message, key=key, at=at)

    def as_by_default(self, mpath, value):
        """Whether the source's value at `mpath` is the schema's default for it, such as
        ui.answer_counted's "({answer}: {way})": the source need not write it, so neither
        need a translation, which then keeps it as it is."""
        node = self.schema
        for part in mpath:
            node = node.get("items", {}) if isinstance(part, int) else node.get("properties", {}).get(part, {})
        return "default" in node and node["default"] == value

    def missing(self, mpath, tpath, message):
        self.translation.missing += 1
        if self.translation.draft:
            message += " (this draft shows questions.yaml's words until then)"
        # At the key of the group or list it is missing from ("ui:", "statements:"), or at
        # the item of a list ("- id: ...") it is missing from.
        at_key = bool(tpath) and not isinstance(tpath[-1], int)
        self.problems.add(tpath, message, warning=self.translation.draft, key=at_key)


def quote_of(text):
    return f' ("{shorten(text)}")' if isinstance(text, str) else ""


def has_text(value, key):
    """Whether a value of the source holds words a translation must give."""
    if key in STRUCTURE or key == "id":
        return False
    if isinstance(value, str):
        return True
    if isinstance(value, dict):
        return any(has_text(v, k) for k, v in value.items())
    if isinstance(value, list):
        return any(has_text(v, None) for v in value)
    return False


def placeholders(text):
    return set(PLACEHOLDER.findall(text))


def same_words(text, source):
    """Whether a text is the source's, left untranslated (see WORD for what may stay)."""
    if " ".join(text.split()) != " ".join(source.split()) or len(text.split()) < 2:
        return False
    words = WORD.findall(PLACEHOLDER.sub("", text))
    return len(words) >= 2 and not all(word[0].isupper() for word in words)


class Blocks(HTMLParser):
    """The top-level blocks of rendered Markdown, by kind: ["p", "ul"]."""

    def __init__(self):
        super().__init__()
        self.depth, self.kinds = 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth == 0 and tag in BLOCKS:
            self.kinds.append(BLOCKS[tag])
        if tag not in ("hr", "br"):
            self.depth += 1

    def handle_endtag(self, tag):
        if tag not in ("hr", "br"):
            self.depth -= 1


def block_kinds(text):
    parser = Blocks()
    parser.feed(str(render_markdown(text)[0]))
    kinds = []
    for kind in parser.kinds:  # two paragraphs in a row are the same kind of text as three
        if not kinds or kinds[-1] != kind:
            kinds.append(kind)
    return kinds


def kinds_in_words(kinds):
    return ", then ".join(kinds) or "empty"


def value_at(data, path):
    for part in path:
        data = data[part]
    return data


def set_at(data, path, value):
    *parents, last = path
    value_at(data, parents)[last] = value


def check_merged(loaded, merged, origin, reported, schema, problems):
    """The merged content checked as questions.yaml is (lengths, markup, placeholders the
    build fills), keeping only the problems in texts this translation wrote, at their place
    in its file; the source's own problems were reported with the source."""
    places = {mpath: loaded.places[tpath] for mpath, tpath in origin.items() if tpath in loaded.places}
    raw = {mpath: loaded.raw[tpath] for mpath, tpath in origin.items() if tpath in loaded.raw}
    spans = {mpath: loaded.spans[tpath] for mpath, tpath in origin.items() if tpath in loaded.spans}
    document = Loaded(copy.deepcopy(merged), places, raw, spans, set(), loaded.text)
    kept = OnlyThese(document, {mpath for mpath, tpath in origin.items() if tpath not in reported})
    check_content(document, schema, kept)
    problems.extend(kept)


class OnlyThese(Problems):
    """Problems, keeping only those at `paths`."""

    def __init__(self, document, paths):
        super().__init__(document)
        self.paths = paths

    def add(self, path, message, **options):
        if tuple(path) in self.paths:
            super().add(path, message, **options)


# What the source needs once the site has translations (a one-language fork needs none of it).
NEEDED = (
    (("site",), "language_name", "{example}", "this language's name in itself, which the language switcher shows"),
    (("ui",), "languages_label", "Other languages", "the language switcher's name for screen readers"),
    (
        ("ui",),
        "draft_notice",
        "This translation is a draft; some texts are still in English.",
        "shown on the pages of a translation marked draft: true",
    ),
)


def check_source_for_translations(translations, source, problems):
    """Problems in questions.yaml for what the switcher and the draft notice need from it,
    asked for only when there are translations, so a one-language fork that merges in a
    newer version of the project keeps building."""
    if not translations:
        return
    files = ", ".join(translation.shown for translation in translations)
    for parent, key, example, what in NEEDED:
        if key not in source[parent[0]]:
            example = example.format(
                example=NAMES.get(source["site"]["language"].split("-")[0].lower(), "<the language's name in itself>")
            )
            problems.add(
                parent,
                key=True,
                message=f"{parent[0]} has no {key}, which the site needs now that it has translations ({files}); add `{key}: {example}`, {what}",
            )
