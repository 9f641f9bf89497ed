"""Shared fixtures: the built site, a local server for it, and a real Chromium.

Browser tests use Debian's /usr/bin/chromium through Playwright. Without it they
skip, except under CI=true, where a missing browser is a failure.
"""

import functools
import http.server
import os
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import build  # noqa: E402

# The content the engine tests are written for: questions.yaml as it was before issue 9.
# Tests of the live content read questions.yaml itself and derive every expectation from it.
FIXTURE = ROOT / "tests" / "fixtures" / "questions.yaml"

CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium keeps calling hosts this machine cannot reach.
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# Turns every CSP violation into a console error, which fails the test.
REPORT_CSP = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error("CSP violation: " + event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The engine tests' content (tests/fixtures/questions.yaml), built once into a temporary folder."""
    out = tmp_path_factory.mktemp("site") / "_site"
    assert build.main(["--source", str(FIXTURE), "--out", str(out)]) == 0
    return out


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    """Serve `directory` on 127.0.0.1 at a free port; returns (server, base URL)."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


@pytest.fixture(scope="session")
def base_url(site):
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        message = f"{CHROMIUM} is missing: install Debian's chromium (make test does, as root)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class PageWatch:
    """What a page did that a test should fail on: console errors and outside requests."""

    def __init__(self):
        self.errors = []
        self.outside = []

    def on_console(self, message):
        if message.type in ("error", "warning"):
            self.errors.append(f"console {message.type}: {message.text}")

    def on_route(self, route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "file://", "data:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()


@pytest.fixture
def watch():
    return PageWatch()


@pytest.fixture
def context(browser, watch):
    """A fresh browser profile (empty storage) that blocks and records outside requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", watch.on_route)
    context.add_init_script(REPORT_CSP)
    yield context
    context.close()


@pytest.fixture
def page(context, watch):
    """A page in that profile; the test fails on any console error or outside request."""
    page = context.new_page()
    page.on("console", watch.on_console)
    page.on("pageerror", lambda error: watch.errors.append(f"page error: {error}"))
    yield page
    assert watch.errors == [], watch.errors
    assert watch.outside == [], watch.outside
