"""Debian's Chromium, launched the same way by the tests and the bench."""

CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium keeps calling hosts this machine cannot reach.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Nothing a page asks for leaves the machine: every request but one to 127.0.0.1 goes to
    # a proxy that is not there (port 9, "discard", closed) and fails at once, localhost and
    # IP addresses included (<-loopback> drops Chromium's own bypass of them). The tests
    # report each such failed request (tests/tab.py); stopping them in the browser costs
    # nothing, where intercepting every request in Python cost a fifth of each page load.
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>;127.0.0.1",
]
