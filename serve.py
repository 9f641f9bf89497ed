#!/usr/bin/env python3
"""Preview the site while you edit it, at http://127.0.0.1:8000/ (`make serve` runs this).

    python serve.py                 preview questions.yaml on port 8000
    python serve.py --port 8001     on another port (0: any free port)

It builds the site in memory, watches questions.yaml, translations/, questions.schema.json, templates/
and static/, and rebuilds when any of them changes; the open tab then reloads itself.
While the content has errors, the terminal prints them and every page shows them
instead of the site; the server keeps running until you stop it with Ctrl+C.

The preview differs from the published site in one way only: each page loads
/__livereload.js (sitebuild/livereload.js, never part of a build), which the site's own
Content-Security-Policy already allows to call back to this server (script-src and
connect-src 'self'). `python build.py` never adds it.
"""

import argparse
import contextlib
import html
import http.server
import mimetypes
import re
import sys
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from markupsafe import escape
from yaml.reader import Reader

from sitebuild.pipeline import ROOT, SCHEMA, STATIC, TEMPLATES, language_files, render_site
from sitebuild.render import CSP
from sitebuild.problems import count
from sitebuild.write import page_bundles, static_files

LIVERELOAD = Path(__file__).resolve().parent / "sitebuild" / "livereload.js"
POLL_SECONDS = 0.3  # how often the files are looked at
HOLD_SECONDS = 25  # how long a /__livereload request waits for a rebuild before it answers
IDLE_SECONDS = 30  # a connection that sends nothing for this long is closed (more than HOLD_SECONDS)
MAX_PATH = 2_000  # characters in a request's path and query; longer ones get 414


class Preview:
    """The latest build: its pages, or the messages that stopped it, and a number that
    goes up with every rebuild, which the open tabs wait on."""

    def __init__(self, source):
        self.source = source
        self.generation = 0
        self.pages = None
        self.messages = []
        self.static = {}  # "js/quiz.js": the file in static/, as the build would copy it; "joined/...": bytes
        self.changed = threading.Condition()

    def watched(self):
        """{path: (modification time, size)} of every file a build reads."""
        files = [self.source, SCHEMA]
        for folder in (TEMPLATES, STATIC, Path(self.source).parent / "translations"):
            files += [path for path in folder.rglob("*") if path.is_file()]
        state = {}
        for path in files:
            try:
                stat = path.stat()
                state[str(path)] = (stat.st_mtime_ns, stat.st_size)
            except OSError:
                state[str(path)] = None  # being saved, or deleted: a change like any other
        return state

    def rebuild(self):
        started = time.perf_counter()
        try:
            pages, contents, messages = render_site(self.source)
            kits = language_files(contents) if pages is not None else {}  # written beside the pages, as the build does
        except Exception as error:  # a bug in the build must not stop the preview
            pages, kits, messages = None, {}, [f"the build failed: {type(error).__name__}: {error}"]
        static = {path.as_posix(): file for path, file in static_files(STATIC, ROOT)[0].items()}
        # Each page's joined script, of the files as written (the build minifies
        # them); while one is missing or being saved the build says which, and rebuilds on.
        with contextlib.suppress(KeyError, OSError):
            static.update(page_bundles(lambda part: static[part].read_bytes()))
        for message in messages:
            print(message, file=sys.stderr, flush=True)
        when = time.strftime("%H:%M:%S")
        if pages is None:
            print(f"{when} The preview shows these messages until they are fixed.", flush=True)
        else:
            print(f"{when} Rebuilt {count(len(pages), 'page')} in {time.perf_counter() - started:.2f} s.", flush=True)
        with self.changed:
            self.pages, self.messages, self.static = None if pages is None else {**pages, **kits}, messages, static
            self.generation += 1
            self.changed.notify_all()

    def watch(self, stop, seen):
        """Rebuild whenever a watched file changes from `seen` (watched()), until `stop` is set."""
        while not stop.wait(POLL_SECONDS):
            now = self.watched()
            if now != seen:
                seen = now
                self.rebuild()

    def wait_for_change(self, since):
        """The generation, once it is not `since` any more, or after HOLD_SECONDS."""
        with self.changed:
            self.changed.wait_for(lambda: str(self.generation) != since, timeout=HOLD_SECONDS)
            return self.generation

    def page(self, name):
        """(status, HTML) for a page of the site, or the error page while the build is broken."""
        with self.changed:
            pages, messages, generation = self.pages, self.messages, self.generation
        if pages is None:
            return 200, with_livereload(error_page(messages), generation)
        if name not in pages:
            return 404, None
        if isinstance(pages[name], bytes):
            return 200, pages[name]
        try:
            return 200, with_livereload(pages[name], generation)
        except ValueError as error:  # a template lost what the preview needs: say so in the page
            return 200, with_livereload(error_page([str(error)]), generation)


# The site's policy as a page carries it, with the hash of the page's own style, or 'self'
# on the error page below, which links static/style.css (render.content_security_policy).
SITE_CSP = re.compile(
    re.escape(f'content="{escape(CSP)}"').replace(re.escape("{style}"), "&#39;(?:self|sha256-[A-Za-z0-9+/]+=*)&#39;")
)


def with_livereload(page, generation):
    """The page with the reload script, under the site's own CSP."""
    if not SITE_CSP.search(page) or "</head>" not in page:
        raise ValueError("a page lacks the site's CSP meta element or </head>; see templates/base.html")
    script = f'<script src="/__livereload.js" data-generation="{generation}" defer></script>\n</head>'
    return page.replace("</head>", script, 1)


def error_page(messages):
    """A plain page listing the build's messages (questions.yaml may be unreadable, so
    none of its words can be used here)."""
    items = "\n".join(f"<li><code>{html.escape(message)}</code></li>" for message in messages)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{escape(CSP.format(style="'self'"))}">
<title>The site cannot be built</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<main id="main" class="build-errors">
<h1>The site cannot be built</h1>
<p>Fix what these messages say, and save: this page reloads by itself.</p>
<ul id="build-messages">
{items}
</ul>
</main>
</body>
</html>
"""


class Handler(http.server.BaseHTTPRequestHandler):
    preview = None  # set by serve()
    timeout = IDLE_SECONDS  # socketserver applies it to every read of a request

    def do_GET(self):
        self.answer(with_body=True)

    def do_HEAD(self):
        self.answer(with_body=False)

    def answer(self, with_body):
        """Every request gets an HTTP answer: a failure here is a 500 and one line in the
        terminal, never a dropped connection and a traceback."""
        self.with_body = with_body
        try:
            self.route()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away; nothing to answer
        except Exception as error:
            print(
                f"serve.py: {self.command} of a {len(self.path)}-character path failed: {type(error).__name__}: {error}",
                file=sys.stderr,
                flush=True,
            )
            self.send(500, "text/plain; charset=utf-8", b"The preview failed on this request; the terminal says why.")

    def route(self):
        if len(self.path) > MAX_PATH:
            self.send(414, "text/plain; charset=utf-8", f"The address is longer than {MAX_PATH:,} characters.".encode())
            return
        url = urlsplit(self.path)
        try:
            path = unquote(url.path, errors="strict")
        except UnicodeDecodeError:
            path = None
        if path is None or not path.startswith("/") or Reader.NON_PRINTABLE.search(path) or "\\" in path:
            self.send(400, "text/plain; charset=utf-8", b"Bad request: the path is not one this site has.")
        elif path == "/__livereload":
            since = parse_qs(url.query).get("since", [""])[0]
            self.send(200, "text/plain; charset=utf-8", str(self.preview.wait_for_change(since)).encode())
        elif path == "/__livereload.js":
            self.send(200, "text/javascript; charset=utf-8", LIVERELOAD.read_bytes())
        elif path.startswith("/static/"):
            self.send_static(path[len("/static/") :])
        else:
            name = path.lstrip("/")
            name += "index.html" if name == "" or name.endswith("/") else ""  # a language folder: fr/
            status, page = self.preview.page(name)
            if page is None:
                self.send(404, "text/plain; charset=utf-8", b"Not found")
            elif isinstance(page, bytes):  # a survey kit, as the build writes it
                self.send(status, mimetypes.guess_type(name)[0] or "application/octet-stream", page)
            else:
                self.send(status, "text/html; charset=utf-8", page.encode("utf-8"))

    def send_static(self, name):
        """A file the build would publish, and nothing else: what static_files() finds,
        which follows no link out of the project."""
        file = self.preview.static.get(name)
        if isinstance(file, bytes):  # a page's joined script
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            self.send(200, kind + "; charset=utf-8", file)
            return
        if file is None or not file.is_file():
            self.send(404, "text/plain; charset=utf-8", b"Not found")
            return
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml"):
            kind += "; charset=utf-8"
        self.send(200, kind, file.read_bytes())

    def send(self, status, kind, body):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")  # always the latest build
        self.end_headers()
        if self.with_body:
            self.wfile.write(body)

    def log_message(self, *args):
        pass  # the terminal is for the build's messages


def serve(source, port):
    """Build, serve and watch until interrupted."""
    preview = Preview(source)
    preview.rebuild()
    handler = type("PreviewHandler", (Handler,), {"preview": preview})
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as error:
        print(
            f"serve.py: cannot listen on port {port} ({error.strerror}); stop what uses it, or choose another: make serve PORT=8001",
            file=sys.stderr,
        )
        return 2
    server.daemon_threads = True
    stop = threading.Event()
    # What the files were before the address is printed, not whenever the thread first runs:
    # an edit made as soon as the preview is up is a change like any other.
    watcher = threading.Thread(target=preview.watch, args=(stop, preview.watched()), daemon=True)
    watcher.start()
    print(
        f"Preview at http://127.0.0.1:{server.server_port}/ (Ctrl+C stops it); watching {source.name}, "
        f"{SCHEMA.name}, {TEMPLATES.name}/ and {STATIC.name}/.",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0


def port_number(text):
    """A port for argparse: a whole number from 0 to 65535, or a usage error (exit 2)."""
    try:
        number = int(text)
    except ValueError:
        number = -1
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a port; give a whole number from 1 to 65535 (or 0 for any free port)"
        )
    return number


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Exit status: 0 stopped with Ctrl+C, 2 usage errors or the port is taken.",
    )
    parser.add_argument(
        "--source", default="questions.yaml", type=Path, help="the content file (default: questions.yaml)"
    )
    parser.add_argument(
        "--port",
        default=8000,
        type=port_number,
        help="the port on 127.0.0.1, 1 to 65535 (default: 8000; 0 picks a free one)",
    )
    args = parser.parse_args(argv)
    return serve(args.source, args.port)


if __name__ == "__main__":
    sys.exit(main())
