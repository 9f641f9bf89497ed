"""Markup safety: questions.yaml holds text and Markdown, never code.

Markup that could run code is an error wherever it is written; HTML in a plain-text
field is an error (readers would see the tags); Markdown the site would strip or that
shows nothing gets a warning; a {placeholder} the build cannot fill is an error; and a
stray closing quote, which YAML keeps as text, is an error before readers see it.
"""

import re

from ..load import line_and_column
from ..markdown import PLACEHOLDER, PLACEHOLDERS, markdown_fields, rendered
from ..problems import shorten
from .words import closest, describe

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
            problems.add(
                path,
                f"{describe(path)} has {shorten(written)}, markup that could run code in a reader's browser; remove it, as questions.yaml holds text and Markdown, never code",
                at=at,
            )
        elif path in markdown:
            check_markdown(loaded, path, text, problems)
        elif TAG.search(text):
            tag = TAG.search(text).group()
            problems.add(
                path,
                f"{describe(path)} has the HTML tag {shorten(tag)}, which this plain-text field would show as typed; remove it (formatting works only in the Markdown fields: the story, the advice, the next steps)",
                at=loaded.place_of(path, tag),
            )


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
        problems.add(
            path,
            f"{where} has {brackets} opening square brackets [; a link needs one, and a field can hold at most {MAX_BRACKETS}, as more would slow the build to minutes; remove the ones that are not links",
            at=loaded.place_of(path, "["),
        )
        return
    html, removed = rendered(text)
    for name in dict.fromkeys(PLACEHOLDER.findall(text)):
        if name not in PLACEHOLDERS:
            close = closest(name, PLACEHOLDERS)
            fix = (
                f"did you mean {{{close}}}?"
                if close
                else "use one of " + ", ".join("{" + known + "}" for known in PLACEHOLDERS) + ", or remove the braces"
            )
            problems.add(
                path,
                f"{where} has {{{shorten(name)}}}, which the build cannot fill in; {fix}",
                at=loaded.place_of(path, "{" + name + "}"),
            )
    said = set()
    for kind, written in removed:
        if kind in said:
            continue  # one warning of each kind per field: fixing the first shows the rest
        said.add(kind)
        first_line = written.strip().split("\n")[0]
        at = loaded.place_of(path, first_line)
        if kind == "html":
            problems.add(
                path,
                f"{where} has raw HTML ({shorten(first_line)}), which the site removes; use Markdown instead (**bold**, *italic*, [text](https://...))",
                warning=True,
                at=at,
            )
        elif kind == "link":
            problems.add(
                path,
                f"{where} links to {shorten(written)}, which the site removes; links must start with https://, http:// or mailto:, or point to a page of the site",
                warning=True,
                at=at,
            )
        else:
            problems.add(
                path,
                f"{where} has an image, which the site does not show; remove it, or link to the picture with [text](https://...)",
                warning=True,
                at=at,
            )
    if not removed and not re.sub(r"<[^<>]*>", "", html).strip():
        problems.add(path, f"{where} shows no text; write something, or the section will look empty", warning=True)


def check_stray_quotes(loaded, invalid, problems):
    """A value without quotes that ends in a double quote no quote opened, such as
    `title: Sales Culture Indicator"`: YAML keeps the quote as text, and readers see it."""
    for path, (written, style) in loaded.raw.items():
        if style is None and path not in invalid and written.endswith('"') and written.count('"') % 2:
            start, end = loaded.spans[path]
            at = line_and_column(loaded.text, loaded.text.rfind('"', start, end))
            problems.add(
                path,
                f'{describe(path)} ends with a " that no quote opens, so readers would see it; delete it, or put a " at the start of the value too',
                at=at,
            )
