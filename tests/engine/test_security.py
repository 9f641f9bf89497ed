"""Strict CSP, no inline code but each page's own style, nothing from another origin, no
cookie, one storage prefix.

The first half reads the built files; the second half watches a real browser. The
`page` fixture (conftest.py) already fails any test on a console error or warning, a
CSP violation or a request leaving 127.0.0.1, so every browser test here and in the
other files checks those too.
"""

import base64
import hashlib
import html.parser
import json
import re
from urllib.parse import urljoin, urlsplit

import pytest

from states import IDS, answer_by_keyboard, full_answers, result_link

from sitebuild.render import CSP, PAGES, STORAGE_PREFIX
from support import ROOT

# Written out here rather than imported: the test's own statement of the policy. {style} is
# the hash of the page's one <style> element, the only style the page may apply.
EXPECTED_CSP = (
    "default-src 'none'; script-src 'self'; style-src {style}; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'"
)
URL_ATTRIBUTES = {"src", "href", "action", "formaction", "poster", "srcset", "data", "cite", "background", "ping"}
FORBIDDEN_ELEMENTS = {"iframe", "frame", "object", "embed", "base", "applet", "portal"}
OUTPUTS = [page.output for page in PAGES]


class Page(html.parser.HTMLParser):
    """Every element as (tag, attributes, line), and each script's and style's text."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elements, self.scripts, self.styles, self._script = [], [], [], None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), self.getpos()[0]))
        if tag in ("script", "style"):
            self._script = [dict(attrs), ""]
            (self.scripts if tag == "script" else self.styles).append(self._script)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), self.getpos()[0]))

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._script = None


@pytest.fixture(scope="module")
def parsed(site):
    return {output: Page((site / output).read_text(encoding="utf-8")) for output in OUTPUTS}


def test_the_policy_is_the_strict_one():
    assert CSP == EXPECTED_CSP


@pytest.mark.parametrize("output", OUTPUTS)
def test_csp_meta_comes_first_and_is_strict(parsed, output):
    elements = parsed[output].elements
    metas = [
        (i, a)
        for i, (tag, a, _) in enumerate(elements)
        if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"
    ]
    # The one style the page may apply is its own <style> element, named by its hash.
    [(_, style)] = parsed[output].styles
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    assert [a["content"] for _, a in metas] == [EXPECTED_CSP.format(style=f"'sha256-{digest}'")]
    # A meta policy only covers what comes after it: nothing may load or apply before it.
    first_load = min(i for i, (tag, a, _) in enumerate(elements) if tag in ("link", "script", "img", "style"))
    assert metas[0][0] < first_load
    assert [a.get("content") for tag, a, _ in elements if a.get("name") == "referrer"] == ["no-referrer"]


@pytest.mark.parametrize("output", OUTPUTS)
def test_no_inline_script_style_or_handler(parsed, output, site):
    problems = []
    for tag, attributes, line in parsed[output].elements:
        if tag in FORBIDDEN_ELEMENTS:
            problems.append(f"{output}:{line}: <{tag}>")
        for name in attributes:
            if name == "style" or name.startswith("on"):
                problems.append(f"{output}:{line}: {name}= on <{tag}>")
    # One style element, with nothing but its text, in the head, before the title.
    assert [attributes for attributes, _ in parsed[output].styles] == [{}]
    tags = [tag for tag, _, _ in parsed[output].elements]
    assert tags.index("style") < tags.index("title")
    for attributes, text in parsed[output].scripts:
        if attributes.get("type") == "application/json":
            assert "src" not in attributes
            json.loads(text)  # data, and well-formed
        else:
            # Only files of this site, with nothing between the tags.
            assert set(attributes) <= {"src", "defer", "blocking"} and text.strip() == "", (
                output,
                attributes,
                text[:60],
            )
            assert re.fullmatch(r"static/(js|joined)/[a-z+-]+\.js", attributes["src"]), attributes["src"]
            assert (site / attributes["src"]).is_file()
    assert problems == []


@pytest.mark.parametrize("output", OUTPUTS)
def test_every_url_stays_on_the_site(parsed, output, site):
    """Resources only from the site itself (the favicon is a data: URI); links relative.

    Decided: a plain outbound https link in text would be allowed, since it loads
    nothing until followed and the referrer policy sends nothing; there is none now."""
    problems = []
    for tag, attributes, line in parsed[output].elements:
        for name in URL_ATTRIBUTES & set(attributes):
            url = attributes[name].strip()
            parts = urlsplit(url)
            if tag == "link" and attributes.get("rel") == "icon" and url.startswith("data:image/svg+xml,"):
                continue
            if tag == "a" and name == "href" and parts.scheme == "https" and parts.netloc:
                continue
            if parts.scheme or parts.netloc or url.startswith("/"):
                problems.append(f"{output}:{line}: <{tag} {name}={url[:60]}>: not a relative URL")
            elif parts.path and not (site / urljoin(output, parts.path)).is_file():
                problems.append(f"{output}:{line}: <{tag} {name}={url}>: no such file in the site")
    assert problems == []


def test_styles_and_scripts_load_nothing(site, parsed):
    """No @import or outside url() in the CSS; no network, cookie or eval API in the scripts,
    but two reads of the site's own files, each at a fixed address that sends nothing: the
    team report of a site in several languages fetches texts.json from the site's root, and
    the result page reads advice.html whole, whatever the scores."""
    assert sorted(site.rglob("*.css")) == []  # every page holds its styles
    for output in OUTPUTS:
        for _, css in parsed[output].styles:
            assert "@import" not in css, output
            assert [u for u in re.findall(r"url\(\s*['\"]?([^'\")]*)", css) if not u.startswith("data:")] == [], output
    source = (ROOT / "static" / "js" / "teampage.js").read_text(encoding="utf-8")
    assert source.count("fetch(") == 1 and "fetch(textsFile)" in source
    assert 'textsFile = new URL("../../texts.json", document.currentScript.src)' in source
    source = (ROOT / "static" / "js" / "result.js").read_text(encoding="utf-8")
    assert source.count("fetch(") == 1 and 'fetch("advice.html")' in source
    forbidden = re.compile(
        r"\bfetch\(|XMLHttpRequest|sendBeacon|WebSocket|EventSource|importScripts|\beval\(|new Function|"
        r"sessionStorage|indexedDB|serviceWorker|document\.cookie|\bcaches\b|https?://"
    )
    found = []
    for script in sorted((site / "static" / "js").glob("*.js")):
        code = re.sub(
            r"/\*.*?\*/", lambda m: "\n" * m.group().count("\n"), script.read_text(encoding="utf-8"), flags=re.S
        )
        if script.name == "teampage.js":  # that one read, its variable renamed by the minifier
            code = re.sub(r"\bfetch\(\w+\)", "", code, count=1)
        if script.name == "result.js":
            code = code.replace('fetch("advice.html")', "", 1)
        for number, line in enumerate(code.splitlines(), 1):
            line = re.sub(r"(^|\s)//.*", "", line)  # a comment, not the // of a URL in a string
            if forbidden.search(line):
                found.append(f"{script.name}:{number}: {line.strip()}")
    assert found == []


def test_privacy_note_says_what_is_kept_and_where(site):
    text = (site / "privacy.html").read_text(encoding="utf-8")
    assert f"<code>{STORAGE_PREFIX}</code>" in text
    assert "local storage" in text and "no cookies" in text


# --- In the browser ---------------------------------------------------------------------------


def test_the_csp_is_enforced(page, watch, base_url):
    """An inline script put into a built page is blocked, and the block is reported."""
    page.goto(base_url + "quiz.html")
    page.evaluate("""() => {
      const script = document.createElement("script");
      script.textContent = "window.inlineRan = true";
      document.body.append(script);
      const div = document.createElement("div");
      div.setAttribute("style", "color: red");
      document.body.append(div);
    }""")
    assert page.evaluate("window.inlineRan") is None
    assert page.evaluate("() => getComputedStyle(document.body.lastElementChild).color") != "rgb(255, 0, 0)"
    # The blocks, and nothing else, reached the console (then the page fixture's check passes).
    violations = [error for error in watch.errors if "Content Security Policy" in error or "CSP violation" in error]
    assert any("script-src" in error for error in violations), watch.errors
    assert violations == watch.errors
    watch.errors.clear()


def test_a_whole_visit_leaves_no_cookie_and_only_prefixed_storage(page, base_url):
    for output in OUTPUTS:
        page.goto(base_url + output)
    page.goto(base_url + "quiz.html")
    answer_by_keyboard(page, full_answers().values())
    page.locator("#see-result").click()
    page.wait_for_url("**/result.html#**")
    page.goto(result_link(page, base_url, {IDS[0]: 5}))
    kept = page.evaluate("""async () => ({
      cookie: document.cookie,
      local: Object.keys(localStorage),
      session: sessionStorage.length,
      databases: (await indexedDB.databases()).length,
      caches: (await caches.keys()).length,
      workers: (await navigator.serviceWorker.getRegistrations()).length,
    })""")
    assert page.context.cookies() == []
    assert kept["cookie"] == ""
    assert kept["local"] and all(key.startswith(STORAGE_PREFIX) for key in kept["local"]), kept["local"]
    assert (kept["session"], kept["databases"], kept["caches"], kept["workers"]) == (0, 0, 0, 0)
