"""Debian's Chromium, launched the same way by the tests and the bench."""

import contextlib
import functools
import os
from pathlib import Path

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

# Features a test browser never needs, turned off on top of those Playwright turns off. Each
# window of Chromium 156 keeps its hidden omnibox popup as a WebUI page in a renderer of its
# own, which works at every navigation of the window's tab: without it a page load and the
# navigation away took a quarter less CPU here, and a new context a third less.
UNNEEDED_FEATURES = ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIOmniboxFullPopup"]

# Turned off in the tests' browser too (tests/conftest.py), not in the bench's, which times
# pages as readers' browsers load them. RenderDocument gives every new document a new frame
# host in the browser and a new frame and view in the renderer, even from one page of a site
# to the next. Without it, they are kept, as Chromium did before; each navigation still
# makes a new document, window and scripts, so a page sees no difference. A navigation
# between two of the site's pages took a sixth less CPU here (126 to 106 ms in the browser,
# renderer and GPU processes), and make test about a tenth less time. But it moves the
# bench's first statement: in two runs of 31 rounds each way, the quiz's ratio to the floor
# was 1.14 at 1x and 1.06 to 1.07 at 4x with it, 0.75 to 0.78 and 1.17 to 1.24 without.
OFF_IN_TESTS = ["RenderDocument"]


def launch(browser_type, args=(), features=(), **options):
    """Debian's Chromium from Playwright's `browser_type` with CHROMIUM_FLAGS, `args`, and
    UNNEEDED_FEATURES and `features` disabled as well as the features Playwright disables."""
    disabled = ",".join(playwright_disabled_features(browser_type) + UNNEEDED_FEATURES + list(features))
    flags = [*CHROMIUM_FLAGS, *args, f"--disable-features={disabled}"]
    return browser_type.launch(executable_path=CHROMIUM, args=flags, **options)


@functools.cache
def playwright_disabled_features(browser_type):
    """The features Playwright's own --disable-features turns off, read from the command line
    of a browser it launches. Chromium heeds only the last --disable-features of its command
    line, so ours must name them again; Playwright keeps the list in its driver, not its API."""
    browser = browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
    try:  # Playwright's is the first --disable-features, and the same in every browser it launched
        (features,) = {
            next(arg.partition("=")[2] for arg in command if arg.startswith("--disable-features="))
            for command in browser_commands(os.getpid())
        }
    finally:
        browser.close()
    return features.split(",")


def browser_commands(ancestor):
    """The command line of each Chromium browser process (not its renderers or helpers)
    under process `ancestor`."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):  # a process that ended meanwhile
            parents[int(stat.parent.name)] = int(stat.read_text().rpartition(")")[2].split()[1])
    for pid in parents:
        up = pid
        while up in parents and up != ancestor:
            up = parents[up]
        if up != ancestor or pid == ancestor:
            continue
        with contextlib.suppress(OSError):
            command = (Path("/proc") / str(pid) / "cmdline").read_bytes().decode().split("\0")[:-1]
            if command and command[0].endswith("/chromium") and not any(a.startswith("--type=") for a in command):
                yield command
