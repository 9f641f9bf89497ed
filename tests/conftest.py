"""What both halves of the suite share: a local server, one real Chromium, and a page
that fails its test on any console error, CSP violation or request off the origin.
That page is each worker's one tab, reset between tests (tests/tab.py says to what);
a test that asks for `context` gets a fresh profile and a new page in it instead.

tests/engine/ tests the code (build, checks, scoring, pages) on fixture content kept
in tests/fixtures/; tests/content/ tests whatever questions.yaml holds, and each fork
fixture in tests/forks/, deriving every expectation from the file it builds.

Browser tests use Debian's /usr/bin/chromium through Playwright. Without it they
skip, except under CI=true, where a missing browser is a failure.
"""

import os
from pathlib import Path

import pytest
from _pytest.nodeid import coerce_node_id

from a11y import AXE
from support import CHROMIUM, OFF_IN_TESTS, launch, skip_or_fail
from tab import VIEWPORT, PageWatch, Tab, watched_context


def pytest_addoption(parser):
    parser.addoption(
        "--content",
        action="append",
        metavar="FILE",
        default=None,
        help="run tests/content/ against this questions.yaml (repeat for several); "
        "default: questions.yaml and every tests/forks/*.yaml",
    )


def pytest_configure(config):
    missing = [name for name in config.getoption("content") or [] if not Path(name).is_file()]
    if missing:
        raise pytest.UsageError(f"--content: no such file: {', '.join(missing)}")


def pytest_xdist_auto_num_workers(config):
    """`pytest -n auto` (make test): one worker more than the machine has cores. A browser
    test spends part of its time waiting on Chromium, so two workers on 2 cores left them
    idle for some 7% of the run; a third fills those waits. On 2 cores, 8 runs in turn
    (2026-11-28): 156 s on average with 3 workers (147.7 to 167.8 s), 164 s with 2 (158.7
    to 169.5 s), for no more CPU (285 to 326 CPU-s against 293 to 313)."""
    return (os.cpu_count() or 1) + 1


# Session fixtures that each worker of `pytest -n N` (make test) makes for itself: one
# browser, axe's source, the engine's fixture site. They are cheap beside the hundreds of
# tests that use them, which must spread over the workers.
EVERY_WORKER = {"browser", "tab", "axe_source", "site", "base_url", "tmp_path_factory"}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Under --dist loadgroup, tests that share a costly fixture of module or session scope
    (a site built for them, the Nu checker's one run, a fork's build, one content file's
    site) run on one worker, which makes it once; every other test goes to whichever
    worker is free. Without xdist the marks change nothing."""
    grouping = getattr(config.option, "loadgroup", False)  # set in each xdist worker
    for item in items:
        group = shared_fixture(item)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))
            if grouping and "@" not in item.nodeid:
                # xdist 3.8 names the group by setting item._nodeid, which pytest 9 no longer
                # reads (the id lives in item._id): the scheduler then saw no group at all.
                # So name it here, the same way ("test id@group"), if xdist has not.
                item._id = coerce_node_id(f"{item.nodeid}@{group}")


def shared_fixture(item):
    """What `item` shares with other tests that is worth making once: a content file (all of
    tests/content/ on it), or the first costly module or session fixture it uses."""
    params = getattr(item, "callspec", None) and item.callspec.params
    if params and isinstance(params.get("content_file"), Path):
        return f"content {os.path.relpath(params['content_file'], item.config.rootpath)}"
    definitions = item._fixtureinfo.name2fixturedefs
    for name in sorted(item.fixturenames):
        defined = definitions.get(name)
        if defined and name not in EVERY_WORKER and defined[-1].scope in ("module", "session"):
            return f"{defined[-1].baseid}::{name}"
    return None


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        skip_or_fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does, as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright.chromium, features=OFF_IN_TESTS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        skip_or_fail(f"{AXE} is missing: run npm ci (make test does)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def watch():
    """What the test's pages did that fails it (tab.PageWatch), fresh for each test."""
    return PageWatch()


@pytest.fixture
def context(browser, watch):
    """A fresh browser profile (empty storage) that blocks and records outside requests, for
    a test that changes what the shared tab could not take back: init scripts, routes,
    permissions, several pages. Its `page` is then a new page in it."""
    context = watched_context(browser, watch.on_request_failed, viewport=VIEWPORT)
    yield context
    context.close()


@pytest.fixture(scope="session")
def tab(browser):
    """The worker's one reused tab (tab.Tab), lent to one test at a time by `page`."""
    tab = Tab(browser)
    yield tab
    tab.retire()


@pytest.fixture
def page(request, watch):
    """A page on about:blank that fails the test on any console error or warning, page
    error, CSP violation or request off the test servers.

    It is the worker's reused tab, as good as a fresh profile for everything the site
    uses (tab.Tab says exactly what that is), unless the test asks for `context`: then it
    is a new page in that fresh context."""
    if "context" in request.fixturenames:
        page = request.getfixturevalue("context").new_page()
        watch.listen(page)
        yield page
        watch.check()
        return
    tab = request.getfixturevalue("tab")
    page = tab.lend(watch)
    try:
        yield page
        watch.check()
    finally:
        tab.give_back()
