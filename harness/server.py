"""A static server that answers as GitHub Pages does: gzip, keep-alive and a 10-minute cache.

The tests and the bench serve every built site with it, so what they load, and how long
it takes, is what readers get. Python's http.server alone sends every file uncompressed,
which makes a page look larger and slower than readers will see it (Lighthouse marks it
down for that). Each file is compressed once, not on every request, so the server's own
work stays out of the figures.

    python -m harness.server [DIR] [--port N]     serve DIR (default _site) on 127.0.0.1 (port 0: a free one)
"""

import argparse
import contextlib
import functools
import gzip
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

COMPRESSED = (".html", ".css", ".js", ".svg", ".json", ".txt", ".xml")


@functools.lru_cache(maxsize=256)
def _compressed(path, _mtime_ns, _size):
    """gzip -9 of a file, cached while the file stays the same (its time and size)."""
    with open(path, "rb") as file:
        return gzip.compress(file.read(), compresslevel=9, mtime=0)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as any real host; every answer has a Content-Length

    def __init__(self, *args, also=None, **kwargs):
        self.also = also or {}  # before the request is handled, which the base __init__ does
        super().__init__(*args, **kwargs)

    def translate_path(self, path):
        extra = self.also.get(urlsplit(path).path)
        return str(extra) if extra else super().translate_path(path)

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.endswith(COMPRESSED) and os.path.isfile(path)):
            return super().send_head()
        status = os.stat(path)
        body = _compressed(path, status.st_mtime_ns, status.st_size)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, *args):
        pass


class _Body:
    """What send_head returns: a readable that copyfile() sends after the headers."""

    def __init__(self, data):
        self.data = data

    def read(self, size=-1):
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a browser closing a kept-alive
            super().handle_error(request, client_address)  # connection is no news


def serve(directory, port=0, also=None):
    """Serve `directory` on 127.0.0.1 (port 0: a free one) in a background thread; returns
    (server, base URL). Stop it with server.shutdown(). `also` maps more URL paths to files
    outside `directory` (the tests' axe-core, which pages then load as a file of their own site)."""
    handler = functools.partial(GzipHandler, directory=str(directory), also=also)
    server = QuietServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


@contextlib.contextmanager
def serving_apart(directory):
    """Serve `directory` from a server process of its own, for as long as the with-block
    runs; yields the base URL. For timings: a server thread inside the measuring process
    shares the interpreter lock with whatever else that process does (Playwright's client
    reading the browser's events), so its answers wait on the measurement itself."""
    process = subprocess.Popen(
        [sys.executable, "-m", "harness.server", str(directory), "--port", "0"],
        cwd=Path(__file__).resolve().parent.parent,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()  # "Serving DIR/ with gzip at URL (Ctrl-C stops)"
        if " at " not in line:
            raise RuntimeError(f"the server for {directory} did not start: {line!r}")
        yield line.split(" at ", 1)[1].split()[0]
    finally:
        process.terminate()
        process.wait()
        process.stdout.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", nargs="?", default="_site")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server, url = serve(args.directory, args.port)
    print(f"Serving {args.directory}/ with gzip at {url} (Ctrl-C stops)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
