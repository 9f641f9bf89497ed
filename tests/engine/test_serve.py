"""serve.py, the live preview: it serves the built pages plus the reload script, rebuilds
when a watched file changes, shows a broken build's messages in the page and in the
terminal, and keeps running. It runs here as a person runs it, on a copy of the project."""

import html
from html.parser import HTMLParser
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from support import ROOT, copy_project
from serve import with_livereload

from sitebuild.minify import minify_page
from sitebuild.render import CSP, PAGES, content_security_policy

WAIT = 30  # seconds: the longest any step may take before the test fails


class Server:
    """serve.py running in a copy of the project, its output collected line by line."""

    def __init__(self, project):
        self.project = project
        self.process = subprocess.Popen(
            [sys.executable, "serve.py", "--port", "0"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.stdout, self.stderr = queue.Queue(), []
        threading.Thread(target=self._read, args=(self.process.stdout, self.stdout.put), daemon=True).start()
        threading.Thread(target=self._read, args=(self.process.stderr, self.stderr.append), daemon=True).start()
        self.url = None
        deadline = time.monotonic() + WAIT
        while self.url is None:
            line = self.stdout.get(timeout=max(0.1, deadline - time.monotonic()))
            found = re.match(r"Preview at (http://127\.0\.0\.1:\d+/) ", line)
            self.url = found and found.group(1)

    @staticmethod
    def _read(stream, put):
        for line in stream:
            put(line.rstrip("\n"))

    def get(self, path):
        """(status, body) of a GET on the preview."""
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=WAIT) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def generation(self):
        return int(self.get("__livereload?since=none")[1])

    def wait_for_rebuild(self, after):
        """The generation after `after`, waiting as the reload script does."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            current = int(self.get(f"__livereload?since={after}")[1])
            if current != after:
                return current
        raise AssertionError(f"no rebuild within {WAIT} s")

    def wait_for_stderr(self, line):
        deadline = time.monotonic() + WAIT
        while line not in self.stderr:
            assert time.monotonic() < deadline, f"not in the terminal: {line}\n{self.stderr}"
            time.sleep(0.05)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=WAIT)


@pytest.fixture
def preview(tmp_path):
    server = Server(copy_project(tmp_path / "project"))
    yield server
    server.stop()


class MetaCSP(HTMLParser):
    def __init__(self, page):
        super().__init__()
        self.policies = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy":
            self.policies.append(attrs["content"])


def csp_of(page):
    """The page's one CSP, however the meta element is written (the built pages are minified)."""
    (policy,) = MetaCSP(page).policies
    return policy


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_preview_serves_the_built_pages_with_the_reload_script(preview, tmp_path):
    out = tmp_path / "built"
    subprocess.run(
        [sys.executable, "build.py", "--out", str(out)], cwd=preview.project, check=True, capture_output=True
    )
    generation = preview.generation()
    for page in PAGES:
        status, body = preview.get(page.output)
        built = (out / page.output).read_text(encoding="utf-8")
        # The built page as the build renders it, before minifying, but for the reload script.
        reload_tag = f'<script src="/__livereload.js" data-generation="{generation}" defer></script>'
        assert status == 200
        assert body.count(reload_tag) == 1
        # The site's policy, naming the page's own style by its hash, as the build writes it.
        style = re.search(r"<style>(.*?)</style>", built, re.S).group(1)
        assert csp_of(body) == csp_of(built) == content_security_policy(style)
        published = body.replace(reload_tag + "\n", "")
        assert with_livereload(published, generation) == body
        assert minify_page(published) == built
    assert preview.get("/")[1] == preview.get("index.html")[1]
    status, script = preview.get("__livereload.js")
    assert status == 200 and "location.reload()" in script
    assert preview.get("static/style.css") == (200, (ROOT / "static" / "style.css").read_text(encoding="utf-8"))
    for page in PAGES:  # the one script a page links: static/'s files joined as written
        for path, parts in page.bundles().items():
            joined = "".join((ROOT / "static" / part).read_text(encoding="utf-8") for part in parts)
            assert preview.get(f"static/{path}") == (200, joined), path
    assert preview.get("static/../build.py")[0] == 404
    assert preview.get("static/%2e%2e/serve.py")[0] == 404
    assert preview.get("no-such-page.html")[0] == 404


def test_the_sites_own_policy_lets_the_reload_script_run_and_call_back():
    """The preview serves pages under the published CSP, so that CSP must allow livereload.js."""
    directives = CSP.split("; ")
    assert "script-src 'self'" in directives and "connect-src 'self'" in directives


def test_the_published_build_has_no_preview_parts(site):
    assert not (site / "static" / "livereload.js").exists()
    for path in site.rglob("*"):
        if path.is_file():
            assert b"livereload" not in path.read_bytes(), path


def test_a_change_rebuilds_an_error_shows_in_page_and_terminal_and_the_server_stays(preview):
    questions = preview.project / "questions.yaml"
    start = preview.generation()

    # A broken edit: the messages replace every page, and the terminal prints them.
    edit(questions, "  title: Sales Culture Indicator\n", '  title: !!python/object/apply:os.system ["true"]\n')
    broken = preview.wait_for_rebuild(start)
    line = (
        questions.read_text(encoding="utf-8").split("\n").index('  title: !!python/object/apply:os.system ["true"]') + 1
    )
    message = f"questions.yaml:{line}:10: the tag !!python/object/apply:os.system is not allowed; remove it and write a plain value"
    for name in ("index.html", "quiz.html"):
        status, body = preview.get(name)
        assert status == 200
        assert f"<li><code>{html.escape(message)}</code></li>" in body
        assert f'data-generation="{broken}"' in body
    preview.wait_for_stderr(message)
    preview.wait_for_stderr("1 error, 0 warnings in questions.yaml; nothing was written.")
    assert preview.process.poll() is None

    # Fixed, with a new title: the site is back, changed.
    edit(questions, '  title: !!python/object/apply:os.system ["true"]\n', "  title: A Preview of My Own\n")
    fixed = preview.wait_for_rebuild(broken)
    status, body = preview.get("index.html")
    assert status == 200 and "A Preview of My Own" in body and "build-messages" not in body

    # static/ and templates/ are watched too.
    style = preview.project / "static" / "style.css"
    style.write_text(style.read_text(encoding="utf-8") + "\n.changed { color: red }\n", encoding="utf-8")
    restyled = preview.wait_for_rebuild(fixed)
    assert preview.get("static/style.css")[1].endswith(".changed { color: red }\n")
    assert ".changed{color:red}</style>" in preview.get("privacy.html")[1]  # each page holds its styles
    edit(preview.project / "templates" / "base.html", "</footer>", "</footer>\n<!-- changed -->")
    preview.wait_for_rebuild(restyled)
    assert "<!-- changed -->" in preview.get("privacy.html")[1]
    assert preview.process.poll() is None


def test_port_in_use_is_a_usage_error(preview):
    port = preview.url.rsplit(":", 1)[1].strip("/")
    result = subprocess.run(
        [sys.executable, "serve.py", "--port", port], cwd=preview.project, capture_output=True, text=True, timeout=WAIT
    )
    assert result.returncode == 2
    assert result.stderr.endswith(
        f"serve.py: cannot listen on port {port} (Address already in use); stop what uses it, or choose another: make serve PORT=8001\n"
    )
