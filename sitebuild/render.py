"""Turn checked content into HTML pages: Markdown to safe HTML, then Jinja templates.

Nothing here writes to disk; write.py does that, once everything has rendered.
"""

import hashlib
import json
import math
import re
import traceback
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from .markdown import markdown_fields, render_markdown
from .scoring import capped_band

# Strict, and possible because the site has no inline script or style at all. The site itself
# connects nowhere; connect-src 'self' is there because Lighthouse reads /robots.txt through the
# page, which 'none' blocks (a failed SEO audit). It still lets nothing reach another origin.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'"
)
STORAGE_PREFIX = "sci:"  # every localStorage key the site uses starts with this


@dataclass(frozen=True)
class Page:
    output: str  # file name in the built site
    template: str  # file name in templates/
    scripts: tuple = ()  # files in static/js/, loaded deferred, in this order
    data: bool = False  # whether the page carries the quiz data as JSON


PAGES = (
    Page("index.html", "story.html"),
    Page("quiz.html", "quiz.html", ("indicator.js", "quiz.js"), data=True),
    Page("result.html", "result.html", ("indicator.js", "result.js"), data=True),
    Page("compare.html", "compare.html", ("indicator.js", "compare.js"), data=True),
    Page("worksheet.html", "worksheet.html"),  # the paper version: no script at all
    Page("privacy.html", "privacy.html"),
    Page("method.html", "method.html"),  # what the indicator is and is not, and its rules
)


class TemplateProblem(Exception):
    """A mistake in templates/, said as templates/NAME:LINE: what Jinja reported."""


def render_pages(data, schema, templates_dir, static_dir):
    """{file name: HTML} for every page of the site; TemplateProblem if a template is wrong."""
    view = with_markdown_rendered(data, schema)
    environment = template_environment(templates_dir)
    shared = dict(
        view,
        csp=CSP,
        favicon=favicon_uri(static_dir / "favicon.svg"),
        moment_headings={m["id"]: m["heading"] for m in data["story"]["moments"]},
        quiz_data=quiz_data(data),
        floor_rule=floor_rule(data),
    )
    pages = {}
    for page in PAGES:
        page_data = data_for_scripts(shared["quiz_data"], data["ui"], static_dir, page.scripts)
        try:
            pages[page.output] = environment.get_template(page.template).render(shared, page=page, page_data=page_data)
        except jinja2.TemplateError as error:
            raise TemplateProblem(f"{templates_dir.name}/{template_place(error, page.template)}: {error.message}") from None
    return pages


def data_for_scripts(all_data, ui, static_dir, scripts):
    """The part of the quiz data that `scripts` read, as `data.key` and `ui.key`: each page
    carries only what its own scripts use (the site's size budget).

    Scripts name their strings literally (never ui[someVariable]), so this finds them all;
    a name that questions.yaml lacks stops the build instead of showing "undefined"."""
    named, strings = set(), {}
    for script in scripts:
        source = (static_dir / "js" / script).read_text(encoding="utf-8")
        named.update(re.findall(r"\bdata\.(\w+)", source))
        for key in re.findall(r"\bui\.(\w+)", source):
            if key not in ui:
                raise TemplateProblem(f"{static_dir.name}/js/{script}: uses ui.{key}, which questions.yaml has not got under ui:")
            strings[key] = ui[key]
    page_data = {key: value for key, value in all_data.items() if key in named}
    if "ui" in named:
        page_data["ui"] = strings
    return page_data


def template_place(error, name):
    """"story.html:4": where in the templates the error happened, from the traceback."""
    if getattr(error, "lineno", None):  # syntax errors know their place
        return f"{error.name or name}:{error.lineno}"
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".html")]
    return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else name


def template_environment(templates_dir):
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,  # every template, whatever its file name ends with
        undefined=jinja2.StrictUndefined,  # a typo in a template fails the build
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["fill"] = fill
    # The page data is read by scripts, not people: no spaces after , and : (tojson still
    # escapes <, > and & so the block can never end early).
    environment.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
    return environment


def fill(template, **values):
    """Put values into a UI string's {braces}, as indicator.js does in the browser."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template


def with_markdown_rendered(data, schema):
    """A deep copy of the content with every Markdown field turned into safe HTML."""
    view = json.loads(json.dumps(data))
    for path, text in markdown_fields(data, schema):
        *parents, last = path
        target = view
        for part in parents:
            target = target[part]
        target[last] = render_markdown(text)[0]
    return view


def quiz_data(data):
    """What the scripts need, and no more: ids, keying, band edges and UI strings."""
    statements = data["statements"]
    return {
        "fingerprint": fingerprint(data),
        "storagePrefix": STORAGE_PREFIX,
        "scale": {"labels": data["scale"]["labels"], "notSure": data["scale"]["not_sure"]},
        # `reverse` only where true: scripts read a missing one as false
        "statements": [
            {"id": s["id"], "dimension": s["dimension"], **({"reverse": True} if s.get("reverse") else {})}
            for s in statements
        ],
        "dimensions": [d["id"] for d in data["dimensions"]],
        "bands": [b["min"] for b in data["bands"]],
        # each profile's answers in the order of the statements (the page's size budget)
        "reference": [[profile["answers"][s["id"]] for s in statements] for profile in data["reference"]],
        "minRated": math.ceil(len(statements) * data["scoring"]["min_answered_percent"] / 100),
        "adviceLevels": data["scoring"]["advice_levels"],
        **weakest_link(data),
        "ui": {},  # filled in per page by data_for_scripts: only what its scripts use
    }


def weakest_link(data):
    """{floor, cap} for the scripts when scoring has a floor: a dimension below `floor`
    caps the verdict at band `cap`, the highest on the liability side; else nothing."""
    cap = capped_band([b["min"] for b in data["bands"]], [b["side"] for b in data["bands"]], data["scoring"].get("floor"))
    return {} if cap is None else {"floor": data["scoring"]["floor"], "cap": cap}


def floor_rule(data):
    """The weakest-link rule in words (ui.scoring_floor_rule filled in), or "" without a floor."""
    link = weakest_link(data)
    if not link:
        return ""
    return fill(data["ui"]["scoring_floor_rule"], floor=link["floor"], band=data["bands"][link["cap"]]["title"])


def fingerprint(data):
    """8 hex digits that change when answers would mean something else: a statement
    added, removed, moved, re-keyed or put in another dimension, or the scale's length.
    Wording changes keep it, so stored answers and links survive a typo fix."""
    shape = {
        "scale": len(data["scale"]["labels"]),
        "statements": [[s["id"], s["dimension"], bool(s.get("reverse"))] for s in data["statements"]],
    }
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:8]


def favicon_uri(path):
    """The favicon as a data: URI, so no page spends a request on it."""
    # Spaces, double quotes and # stay escaped: raw, they make an invalid URL (a # even cuts it short).
    # Markup: after quote() only : / = ' ; , are left, all safe in a double-quoted attribute,
    # and the single quotes the icon uses would otherwise grow into &#39;.
    return Markup("data:image/svg+xml," + quote(path.read_text(encoding="utf-8").strip(), safe=":/=';,"))
