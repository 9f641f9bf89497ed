"""Turn checked content into HTML pages: Markdown to safe HTML, then Jinja templates.

Nothing here writes to disk; write.py does that, once everything has rendered.
"""

import base64
import functools
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

from .card import HEIGHT, WIDTH, CardProblem, card_colours, card_path
from .kits import KITS, KIT_FOLDER
from .markdown import PLACEHOLDERS, markdown_fields, rendered
from .minify import minify_cached
from .scoring import band_ranges, capped_band

# Strict: no inline script at all, and one inline style, the page's own, which the policy names
# by its hash (content_security_policy): no other style element and no style attribute
# applies, whoever wrote it into the page. The site itself connects nowhere but to its own
# texts.json (the team report, on a site in several languages); connect-src 'self' is also
# there because Lighthouse reads /robots.txt through the page, which 'none' blocks (a failed
# SEO audit). It still lets nothing reach another origin.
CSP = (
    "default-src 'none'; script-src 'self'; style-src {style}; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'"
)
STORAGE_PREFIX = "sci:"  # every localStorage key the site uses starts with this
# Languages written right to left (ISO 639 codes, the old "iw" for Hebrew included), and
# script subtags that make any language so (az-Arab, pa-Arab, ...).
RTL_LANGUAGES = {"ar", "he", "iw", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"}
RTL_SCRIPTS = {"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"}


@dataclass(frozen=True)
class Page:
    output: str  # file name in the built site
    template: str  # file name in templates/
    scripts: tuple = ()  # files in static/js/, loaded deferred, in this order
    data: bool = False  # whether the page carries the quiz data as JSON
    styles: tuple = ()  # stylesheets in static/ of this page's own, after style.css, which every page has
    later: tuple = ()  # files in static/js/ that the page's scripts load when needed (their data is in the page)
    # The first paint waits for the page's scripts (blocking="render"), so nothing shifts when
    # they fill the page in, and base.html links them in the head; False where the page's CSS
    # already draws what the script will, and the page's template links it (_script.html) after
    # what its first paint shows.
    paint_waits: bool = True

    # A page's styles are in the page itself (page_styles), and its scripts in one file. A
    # stylesheet holds the first paint back until it has arrived, a round trip on a phone's
    # network, and the quiz's first statement would wait on it; in the page it waits on
    # nothing. The price: style.css comes again in every page, about 1.5 KB gzip.
    # Each script is a request of its own, so the build joins the files a page needs, in
    # order, into one file of static/joined/ named after them (indicator+quiz.js; write.py),
    # and the page links that. static/ keeps plain files, one a concern, as people edit them
    # and Node's tests load them. Pages that need the same scripts share the joined file, and
    # a page that needs a single file links that file itself, so both share their cache.
    @property
    def stylesheets(self):
        """The files of static/ this page's style is made of, in order."""
        return ("style.css", *self.styles)

    @property
    def script_files(self):
        """The files of static/ this page's script is made of, in order."""
        return tuple(f"js/{name}" for name in self.scripts)

    @property
    def script(self):
        """The one script the page links, as a path under static/, or None."""
        files = self.script_files
        if len(files) <= 1:
            return files[0] if files else None
        return f"{BUNDLES}/{'+'.join(Path(name).stem for name in files)}.js"

    def bundles(self):
        """{path under static/ of a file the build joins for this page: the files of static/
        it joins, in order}: the page's script, when it is made of more than one."""
        return {self.script: self.script_files} if len(self.script_files) > 1 else {}


BUNDLES = "joined"  # the folder of static/ in the site that holds the files joined for pages
PAGES = (
    Page("index.html", "story.html"),
    Page("quiz.html", "quiz.html", ("indicator.js", "quiz.js"), data=True, styles=("quiz.css",), paint_waits=False),
    Page("result.html", "result.html", ("indicator.js", "result.js"), data=True, styles=("result.css",)),
    Page(
        "compare.html",
        "compare.html",
        ("indicator.js", "group.js", "compare.js"),
        data=True,
        styles=("result.css", "compare.css"),
    ),
    Page("worksheet.html", "worksheet.html", styles=("worksheet.css",)),  # the paper version: no script at all
    # Survey kits to download, and the team report, which loads its file readers on demand.
    Page(
        "team.html",
        "team.html",
        ("team.js",),
        data=True,
        styles=("result.css", "compare.css", "team.css"),
        later=("indicator.js", "group.js", "teamreport.js", "teampage.js"),
    ),
    Page("privacy.html", "privacy.html"),
    Page("method.html", "method.html"),  # what the indicator is and is not, and its rules
    Page("advice.html", "advice.html", styles=("result.css",)),  # every dimension's advice; result.js reads it
)


class TemplateProblem(Exception):
    """A mistake in templates/, said as templates/NAME:LINE: what Jinja reported."""


def render_pages(data, schema, templates_dir, static_dir, base_url=None, languages=None):
    """{path in the site: HTML} for every page of one language; TemplateProblem if a template
    is wrong. base_url: the published site's address, for the link preview tags (else
    site.url). languages: every language of the site (site_languages), the source first;
    the pages of `data`'s own go into its folder ("" for the source, "fr/")."""
    languages = languages or site_languages([data])
    here = next(language for language in languages if language["code"] == data["site"]["language"])
    view = with_markdown_rendered(data, schema)
    preview = link_preview(data["site"], base_url, here["folder"])
    root = "../" if here["folder"] else ""  # from a page to the site's root, where static/ is
    # Where this language's pages find each language's: `prefix` from the page, for the
    # switcher; `address` for the hreflang links, absolute where the site's is known.
    languages = [
        dict(
            language,
            prefix="" if language is here else root + language["folder"],
            address=(preview["root"] or root) + language["folder"] if preview["root"] or language is not here else "",
        )
        for language in languages
    ]
    environment = template_environment(templates_dir)
    try:
        card_colours(static_dir / "style.css")  # checked now: the card is drawn only when the site is written
    except CardProblem as problem:
        raise TemplateProblem(str(problem)) from None
    shared = dict(
        view,
        direction=text_direction(data["site"]),
        preview=preview,
        root=root,
        languages=languages,
        here=here,
        favicon=favicon_uri(static_dir / "favicon.svg"),
        moment_headings={m["id"]: m["heading"] for m in data["story"]["moments"]},
        **numbers_and_ranges(view),
        quiz_data=quiz_data(data),
        floor_rule=floor_rule(data),
        kits=[{"tool": kit.tool, "href": f"{KIT_FOLDER}/{kit.file}"} for kit in KITS],
    )
    styles = page_styles(static_dir)
    pages = {}
    for page in PAGES:
        page_data = data_for_scripts(shared["quiz_data"], view["ui"], static_dir, page.scripts + page.later)
        style, csp = styles[page.stylesheets]
        try:
            pages[here["folder"] + page.output] = environment.get_template(page.template).render(
                shared, page=page, page_data=page_data, style=style, csp=csp
            )
        except jinja2.TemplateError as error:
            raise TemplateProblem(
                f"{templates_dir.name}/{template_place(error, page.template)}: {error.message}"
            ) from None
    return pages


def page_styles(static_dir):
    """{a page's stylesheets (Page.stylesheets): (the text of its <style> element, its CSP)},
    for every page: the files of static/ minified (as readers get every file), one after
    another, each file read once however many pages hold it. TemplateProblem if one cannot
    be read or would end the element early."""
    minified = {}
    for name in dict.fromkeys(name for page in PAGES for name in page.stylesheets):
        try:
            text = minify_cached(".css", (static_dir / name).read_text(encoding="utf-8"))
        except UnicodeDecodeError:  # said as write.py says it of the other files of static/
            raise TemplateProblem(f"{static_dir.name}/{name}: not UTF-8 text; save it as UTF-8") from None
        except OSError as error:
            raise TemplateProblem(f"{static_dir.name}/{name}: cannot be read ({error.strerror})") from None
        # An HTML parser ends a <style> element at the first "</style", wherever it is.
        if "</style" in text.lower():
            raise TemplateProblem(
                f"{static_dir.name}/{name}: holds </style, which would end the page's style element there; "
                "write it as <\\/style inside a string, or take it out"
            )
        minified[name] = text
    styles = {}
    for names in dict.fromkeys(page.stylesheets for page in PAGES):
        # Markup: CSS, not text; autoescape would turn its quotes into &#34;, which a style element keeps as they are.
        style = Markup("\n".join(minified[name] for name in names))
        styles[names] = (style, content_security_policy(style))
    return styles


def content_security_policy(style):
    """The page's policy: CSP, with the hash of its one <style> element's text as the only
    source of style."""
    digest = base64.b64encode(hashlib.sha256(str(style).encode("utf-8")).digest()).decode("ascii")
    return CSP.format(style=f"'sha256-{digest}'")


def site_languages(contents):
    """Each language of the site, the source first, as the switcher and the hreflang links
    name it: {code, name (in itself), direction, folder ("" for the source, else "fr/"), draft}."""
    return [
        {
            "code": content["site"]["language"],
            "name": content["site"].get("language_name", content["site"]["language"]),
            "direction": text_direction(content["site"]),
            "folder": "" if number == 0 else content["site"]["language"] + "/",
            "draft": bool(content.get("draft")),
        }
        for number, content in enumerate(contents)
    ]


def link_preview(site, base_url=None, folder=""):
    """What the Open Graph and Twitter tags need beyond the page's own title: the address
    of the site's root, of this language's folder and of its card, or None for all when no
    address is known (crawlers need absolute URLs, and a guessed one would point previews
    at the wrong site)."""
    root = base_url or site.get("url")
    if root and not root.endswith("/"):
        root += "/"
    return {
        "root": root,
        "base": root + folder if root else None,
        "image": root + card_path(site["language"]) if root else None,
        "width": WIDTH,
        "height": HEIGHT,
    }


def data_for_scripts(all_data, ui, static_dir, scripts):
    """The part of the quiz data that `scripts` read, as `data.key` and `ui.key`: each page
    carries only what its own scripts use (the site's size budget).

    Scripts name their strings literally (never ui[someVariable]), so this finds them all;
    a name that questions.yaml lacks stops the build instead of showing "undefined"."""
    named, strings = set(), {}
    for script in scripts:
        path = static_dir / "js" / script
        status = path.stat()
        data_keys, ui_keys = names_read(path, status.st_mtime_ns, status.st_size)
        named.update(data_keys)
        for key in ui_keys:
            if key not in ui:
                raise TemplateProblem(
                    f"{static_dir.name}/js/{script}: uses ui.{key}, which questions.yaml has not got under ui:"
                )
            strings[key] = ui[key]
    page_data = {key: value for key, value in all_data.items() if key in named}
    if "ui" in named:
        page_data["ui"] = strings
    return page_data


@functools.lru_cache(maxsize=64)
def names_read(path, _mtime_ns, _size):
    """(data keys, ui keys) that the script at `path` reads, while the file stays the same (its
    time and size): every page of every language asks, and the scan took a third of a build's
    rendering."""
    source = path.read_text(encoding="utf-8")
    return frozenset(re.findall(r"\bdata\.(\w+)", source)), tuple(dict.fromkeys(re.findall(r"\bui\.(\w+)", source)))


def template_place(error, name):
    """ "story.html:4": where in the templates the error happened, from the traceback."""
    if getattr(error, "lineno", None):  # syntax errors know their place
        return f"{error.name or name}:{error.lineno}"
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".html")]
    return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else name


@functools.lru_cache(maxsize=8)
def template_environment(templates_dir):
    """One environment per templates folder and process: it compiles each template once and
    recompiles it when its file changes (Jinja's auto_reload), so repeated builds in one
    process, as serve.py and the tests make, skip the compiling; and a new process loads what
    an earlier one compiled (TemplateCache)."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        bytecode_cache=TemplateCache(),
        autoescape=True,  # every template, whatever its file name ends with
        undefined=jinja2.StrictUndefined,  # a typo in a template fails the build
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["fill"] = fill
    # The page data is read by scripts, not people: no spaces after , and : (tojson still
    # escapes <, > and & so the block can never end early).
    environment.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}
    return environment


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept in .cache/jinja/, as minified scripts are in .cache/minify/:
    compiling the templates is a tenth of a check's CPU, and each build.py or serve.py
    start (the tests make dozens) would do it again. Jinja keys an entry by the template's
    path and uses it only for the same source, Python and Jinja bytecode format; the entry's
    name adds Jinja's release and this file, whose settings shape the code, so a change to
    either never reads an old entry. A read-only checkout builds all the same, only slower."""

    FOLDER = Path(__file__).resolve().parent.parent / ".cache" / "jinja"

    def __init__(self):
        settings = hashlib.sha256(Path(__file__).read_bytes() + jinja2.__version__.encode()).hexdigest()[:16]
        super().__init__(str(self.FOLDER), f"%s.{settings}.cache")

    def dump_bytecode(self, bucket):
        try:  # written aside and renamed by Jinja, so a build alongside never reads half an entry
            self.FOLDER.mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def fill(template, **values):
    """Put values into a UI string's {braces}, as indicator.js does in the browser."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template


def text_direction(site):
    """ "rtl" or "ltr": site.direction if given, else what the language tag says."""
    if site.get("direction"):
        return site["direction"]
    subtags = site["language"].lower().split("-")
    if any(tag in RTL_SCRIPTS for tag in subtags[1:]):
        return "rtl"
    return "rtl" if subtags[0] in RTL_LANGUAGES and "latn" not in subtags else "ltr"


def numbers_and_ranges(data):
    """The templates' view of what the content implies but does not write: each
    dimension's statements with their numbers in the quiz (from 1), and the whole scores
    each band and each advice level covers, so no template works out a range's end
    (scoring.band_ranges does)."""
    groups = {dimension["id"]: [] for dimension in data["dimensions"]}
    for number, statement in enumerate(data["statements"], start=1):
        groups[statement["dimension"]].append((number, statement))
    levels = data["scoring"]["advice_levels"]
    return {
        "statement_groups": groups,
        "band_ranges": band_ranges([band["min"] for band in data["bands"]]),
        "advice_ranges": band_ranges([0, levels["middle"], levels["high"]]),  # low, middle, high: the same rule
    }


def site_values(data):
    """The counts any ui string or Markdown field may name: {statements}, {dimensions}
    and {max}, so that prose stays true when a fork adds a statement or a scale point."""
    counts = (len(data["statements"]), len(data["dimensions"]), len(data["scale"]["labels"]))
    return dict(zip(PLACEHOLDERS, counts))


def with_markdown_rendered(data, schema):
    """A deep copy of the content with the site's counts filled in, in the ui strings and
    the Markdown fields, and every Markdown field turned into safe HTML. The HTML is the
    check's (markdown.rendered), with the counts, digits that need no escaping, filled in
    afterwards: a placeholder is a word in its sentence, never Markdown syntax."""
    view = json.loads(json.dumps(data))
    values = site_values(data)
    view["ui"] = {key: fill(text, **values) for key, text in data["ui"].items()}
    for path, text in markdown_fields(data, schema):
        *parents, last = path
        target = view
        for part in parents:
            target = target[part]
        target[last] = fill(rendered(text)[0], **values)
    return view


def quiz_data(data):
    """What the scripts need, and no more: ids, keying, band edges and UI strings."""
    statements = data["statements"]
    return {
        "fingerprint": fingerprint(data),
        "storagePrefix": STORAGE_PREFIX,
        "scale": {"labels": data["scale"]["labels"], "notSure": data["scale"].get("not_sure")},
        "points": len(data["scale"]["labels"]),  # ratings run 1..points; 0 is "not sure"
        "offersNotSure": "not_sure" in data["scale"],  # whether 0 is an answer at all
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
        # The team report: matching an export's columns and answers, and its anonymity rule.
        "texts": {s["id"]: s["text"] for s in statements},
        "dimensionNames": {d["id"]: d["name"] for d in data["dimensions"]},
        "roles": [
            {"id": r["id"], "label": r["label"], **({"view": r["view"]} if r.get("view") else {})}
            for r in data["roles"]
        ],
        "minGroupSize": data["scoring"]["min_group_size"],
        "ui": {},  # filled in per page by data_for_scripts: only what its scripts use
    }


def weakest_link(data):
    """{floor, cap} for the scripts when scoring has a floor: a dimension below `floor`
    caps the verdict at band `cap`, the highest on the liability side; else nothing."""
    cap = capped_band(
        [b["min"] for b in data["bands"]], [b["side"] for b in data["bands"]], data["scoring"].get("floor")
    )
    return {} if cap is None else {"floor": data["scoring"]["floor"], "cap": cap}


def floor_rule(data):
    """The weakest-link rule in words (ui.scoring_floor_rule filled in), or "" without a floor."""
    link = weakest_link(data)
    if not link:
        return ""
    return fill(data["ui"]["scoring_floor_rule"], floor=link["floor"], band=data["bands"][link["cap"]]["title"])


def fingerprint(data):
    """8 hex digits that change when answers would mean something else: a statement
    added, removed, moved, re-keyed or put in another dimension, the scale's length, or
    "not sure" taken away. Wording changes keep it, so stored answers and links survive
    a typo fix."""
    shape = {
        "scale": len(data["scale"]["labels"]),
        "statements": [[s["id"], s["dimension"], bool(s.get("reverse"))] for s in data["statements"]],
    }
    if "not_sure" not in data["scale"]:
        shape["without_not_sure"] = True  # only then: links made with "not sure" keep their fingerprint
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:8]


def favicon_uri(path):
    """The favicon as a data: URI, so no page spends a request on it."""
    # Spaces, double quotes and # stay escaped: raw, they make an invalid URL (a # even cuts it short).
    # Markup: after quote() only : / = ' ; , are left, all safe in a double-quoted attribute,
    # and the single quotes the icon uses would otherwise grow into &#39;.
    return Markup("data:image/svg+xml," + quote(path.read_text(encoding="utf-8").strip(), safe=":/=';,"))
