"""Markdown from questions.yaml to safe HTML.

Python-Markdown has no safe mode, so its output goes through nh3, an allow-list
sanitizer: whatever a fork writes, no script, style, frame or event handler reaches
the page, and links can only be http, https, mailto or relative. What the sanitizer
takes away is also listed, so the check can warn the author instead of failing silently.
"""

import functools
import re
from html.parser import HTMLParser

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}  # relative links have no scheme and stay
SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")  # RFC 3986; "#top" or "quiz.html" have none
MARKDOWN_TYPE = "text/markdown"  # the schema's contentMediaType for Markdown fields
# The counts the build writes into Markdown fields and ui strings, so prose such as "rate
# {statements} statements" stays true in a fork (render.site_values fills them in).
PLACEHOLDERS = ("statements", "dimensions", "max")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Texts whose HTML is kept: a file has at most 54 Markdown fields (the schema's bounds), so
# this holds every field of several languages' files; past it, the oldest are made again.
KEPT = 1024


@functools.lru_cache(maxsize=KEPT)
def rendered(text):
    """render_markdown(text), made once and shared: the check renders each Markdown field
    as written to see what the sanitizer removes, and the render asks for the same text
    and fills the counts into the HTML (serve.py's rebuilds ask again for every field that
    did not change). `removed` is a tuple here, as the result is shared."""
    html, removed = render_markdown(text)
    return html, tuple(removed)


def render_markdown(text):
    """(safe HTML, what was removed): the second is a list of (kind, as written), kind
    being "html" (raw HTML), "link" (a link with a scheme that is not allowed) or "image"."""
    converter = markdown.Markdown(
        extensions=["tables", "sane_lists"],
        # align="..." instead of style="text-align: ...", which the CSP would block
        extension_configs={"tables": {"use_align_attribute": True}},
    )
    html = converter.convert(text)
    removed = [("html", block) for block in converter.htmlStash.rawHtmlBlocks]
    removed += Removed.find(html)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        clean_content_tags={"script", "style", "iframe", "object", "template", "noscript"},
    )
    return Markup(clean), removed


class Removed(HTMLParser):
    """Links and images that Markdown itself made and the sanitizer will remove."""

    def __init__(self):
        super().__init__()
        self.found = []

    @classmethod
    def find(cls, html):
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser.found

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.found.append(("image", attrs.get("src") or ""))
        elif tag == "a" and attrs.get("href"):
            scheme = SCHEME.match(attrs["href"].strip())
            if scheme and scheme.group(1).lower() not in ALLOWED_SCHEMES:
                self.found.append(("link", attrs["href"]))


def markdown_fields(data, schema, path=()):
    """(path, text) for every value that the schema marks as Markdown."""
    if schema.get("contentMediaType") == MARKDOWN_TYPE and isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            sub = schema.get("properties", {}).get(key)
            if sub:
                yield from markdown_fields(value, sub, path + (key,))
    elif isinstance(data, list) and "items" in schema:
        for i, value in enumerate(data):
            yield from markdown_fields(value, schema["items"], path + (i,))
