"""The tab the `page` fixture reuses (tests/tab.py): after a test has left state of every
kind the site could read, the next test sees what a fresh profile shows; and a test that
changed what a reset cannot undo gets a new tab. And the browser it lives in, as
harness/chromium.py launches it."""

import os

import pytest
from playwright.sync_api import Error as PlaywrightError

from harness.chromium import OFF_IN_TESTS, UNNEEDED_FEATURES, browser_commands
from support import serve
from tab import PageWatch, Tab, VIEWPORT

# Everything a page can read of its profile and tab that a test could leave behind.
STATE = """async () => {
  const media = {};
  for (const query of ["print", "(prefers-color-scheme: dark)", "(prefers-color-scheme: light)",
      "(prefers-reduced-motion: reduce)", "(forced-colors: active)", "(prefers-contrast: more)"]) {
    media[query] = matchMedia(query).matches;
  }
  const permissions = {};
  for (const name of ["clipboard-read", "geolocation", "notifications"]) {
    permissions[name] = (await navigator.permissions.query({ name })).state;
  }
  return {
    localStorage: Object.entries(localStorage),
    sessionStorage: Object.entries(sessionStorage),
    cookie: document.cookie,
    indexedDB: (await indexedDB.databases()).map((database) => database.name),
    caches: await caches.keys(),
    name: window.name,
    history: history.length,
    media,
    size: [innerWidth, innerHeight],
    permissions,
    // What this load took from the HTTP cache (nothing transferred, something read).
    cached: performance.getEntriesByType("resource")
      .filter((entry) => entry.transferSize === 0 && entry.decodedBodySize > 0)
      .map((entry) => entry.name),
  };
}"""

# Leaves state of every kind in STATE on the page's origin.
LEAVE_STATE = """async () => {
  localStorage.setItem("left", "1");
  sessionStorage.setItem("left", "1");
  document.cookie = "left=1; max-age=3600";
  await new Promise((resolve) => { indexedDB.open("left").onsuccess = (event) => { event.target.result.close(); resolve(); }; });
  await (await caches.open("left")).put("/left", new Response("1"));
  window.name = "left";
  history.pushState(null, "", "#left");
}"""


@pytest.fixture(scope="module")
def origins(site):
    """Two origins serving the fixture site: a test may visit more than one."""
    servers = [serve(site) for _ in range(2)]
    yield [url for _, url in servers]
    for server, _ in servers:
        server.shutdown()


def state(page, url):
    """STATE on `url`, whether a key pressed arrives with Shift held, and where a click
    without a move lands. On a page that loads a file of the site (its script), so that
    what the HTTP cache kept can show."""
    page.goto(url + "team.html")
    shown = page.evaluate(STATE)
    page.evaluate("""() => {
      addEventListener("keydown", (event) => { window.shifted = event.shiftKey; }, { once: true });
      addEventListener("mousedown", (event) => { window.clicked = [event.clientX, event.clientY]; }, { once: true });
    }""")
    page.keyboard.press("x")
    page.mouse.down()
    page.mouse.up()
    return dict(shown, shift=page.evaluate("window.shifted"), mouse=page.evaluate("window.clicked"))


@pytest.fixture(scope="module")
def fresh(browser, origins):
    """STATE of a fresh profile's page on each origin."""
    context = browser.new_context(viewport=VIEWPORT)
    shown = [state(context.new_page(), url) for url in origins]
    context.close()
    return shown


@pytest.fixture
def own_tab(browser):
    """A tab of its own, not the worker's."""
    tab = Tab(browser)
    yield tab
    tab.retire()


def test_a_reset_leaves_nothing_of_the_last_test(own_tab, origins, fresh):
    page = own_tab.lend(PageWatch())
    for url in origins:
        page.goto(url + "team.html")  # the page state() reads, whose script the HTTP cache then holds
        page.evaluate(LEAVE_STATE)
    page.context.grant_permissions(["clipboard-read", "geolocation", "notifications"])
    page.emulate_media(
        media="print", color_scheme="dark", reduced_motion="reduce", forced_colors="active", contrast="more"
    )
    page.set_viewport_size({"width": 360, "height": 740})
    page.mouse.move(100, 100)
    page.keyboard.down("Shift")
    left = state(page, origins[1])
    # The page the reset leaves writes as it goes: the reset must clear after that.
    page.evaluate("addEventListener('pagehide', () => localStorage.setItem('written', 'on leaving'))")
    page.context.new_page().goto(origins[0] + "index.html")  # a popup of the test's
    # Every kind of state was really left (else this test could not fail).
    assert [key for key in left if left[key] == fresh[1][key] and key != "history"] == []
    for key in ("media", "permissions"):
        assert [name for name in left[key] if left[key][name] == fresh[1][key][name]] == [], (key, left[key])

    own_tab.give_back()
    assert own_tab.lend(PageWatch()) is page and own_tab.opened == 1  # reset, not replaced
    assert page.url == "about:blank" and page.context.pages == [page]
    for url, expected in zip(origins, fresh):
        shown = state(page, url)
        assert shown == expected, url
        own_tab.give_back()
        own_tab.lend(PageWatch())
    assert own_tab.opened == 1


def test_the_watch_is_the_current_tests_only(own_tab, origins):
    first, second = PageWatch(), PageWatch()
    page = own_tab.lend(first)
    page.goto(origins[0] + "index.html")
    page.evaluate("console.error('first')")
    own_tab.give_back()
    assert own_tab.lend(second) is page
    page.goto(origins[0] + "index.html")
    page.evaluate("console.error('second'); setTimeout(() => { throw new Error('thrown'); })")
    page.evaluate("fetch('https://example.org/x').catch(() => {})")  # refused by the site's CSP
    report = "console error: CSP violation: connect-src https://example.org/x"
    for _ in range(500):  # until the error thrown later and the CSP report have arrived
        if "page error: thrown" in second.errors and report in second.errors:
            break
        page.wait_for_timeout(10)
    with pytest.raises(PlaywrightError):
        page.goto("https://example.org/x")  # an outside request, blocked
    assert first.errors == ["console error: first"] and first.outside == []
    assert second.errors[:2] == ["console error: second", "page error: thrown"] and report in second.errors
    assert second.outside == ["https://example.org/x"]


# Each change a reset cannot undo, with the name Tab.changed then holds (None: the page is
# closed, which Tab.unfit sees by itself). In this order on one page: the last ones stop it working.
CHANGES = {
    "page.on": ("on", lambda page: page.on("request", lambda request: None)),
    "page.once": ("once", lambda page: page.once("dialog", lambda dialog: None)),
    "page.add_init_script": ("add_init_script", lambda page: page.add_init_script("window.left = 1")),
    "page.expose_function": ("expose_function", lambda page: page.expose_function("left", lambda: 1)),
    "page.route": ("route", lambda page: page.route("**/*.css", lambda route: route.abort())),
    "page.set_extra_http_headers": (
        "set_extra_http_headers",
        lambda page: page.set_extra_http_headers({"x-left": "1"}),
    ),
    "context.add_init_script": ("add_init_script", lambda page: page.context.add_init_script("window.left = 1")),
    "context.on": ("on", lambda page: page.context.on("page", lambda other: None)),
    "context.new_cdp_session": ("new_cdp_session", lambda page: page.context.new_cdp_session(page)),
    "context.add_cookies": (
        "add_cookies",
        lambda page: page.context.add_cookies([{"name": "left", "value": "1", "url": "https://example.org/"}]),
    ),
    "clock.install": ("install", lambda page: page.clock.install()),
    "context.set_offline": ("set_offline", lambda page: page.context.set_offline(True)),
    "page.set_default_timeout": ("set_default_timeout", lambda page: page.set_default_timeout(1)),
    "page.close": (None, lambda page: page.close()),
}


def test_a_change_a_reset_cannot_undo_retires_the_tab(own_tab, origins, subtests):
    """Each change, one after another on one page, makes the tab unfit to lend again, and
    names itself (Tab.changed, cleared before each so that none is seen for another's);
    then the tab given back is retired, and the next one lent is new and carries none of
    them. (The retiring is the same whatever the change: one new tab checks it for all,
    where a tab a change cost each a renderer.)"""
    page = own_tab.lend(PageWatch())
    page.goto(origins[0] + "index.html")
    for name, (noted, change) in CHANGES.items():
        with subtests.test(change=name):
            own_tab.changed = None
            change(page)
            assert (own_tab.changed, bool(own_tab.unfit)) == (noted, True)
    own_tab.give_back()
    assert page.is_closed()
    other = own_tab.lend(PageWatch())
    assert other is not page and own_tab.opened == 2
    other.goto(origins[0] + "index.html")
    assert other.evaluate("typeof window.left") == "undefined"  # neither init script came along
    own_tab.give_back()


def test_a_site_opened_from_disk_leaves_no_storage_either(own_tab, site):
    page = own_tab.lend(PageWatch())
    page.goto((site / "index.html").as_uri())
    page.evaluate("() => { localStorage.setItem('left', '1'); sessionStorage.setItem('left', '1'); }")
    own_tab.give_back()
    assert own_tab.lend(PageWatch()) is page
    page.goto((site / "index.html").as_uri())
    assert page.evaluate("() => [localStorage.length, sessionStorage.length]") == [0, 0]


def test_the_browser_keeps_playwrights_features_off_and_has_no_omnibox_popup(browser, page):
    """Chromium heeds only its last --disable-features: ours names Playwright's again, with
    the features we turn off. (A window's omnibox popup exists once the window has a page.)"""
    session = browser.new_browser_cdp_session()
    targets = session.send("Target.getTargets")["targetInfos"]
    session.detach()
    assert [target["url"] for target in targets if target["type"] == "browser_ui"] == []
    commands = list(browser_commands(os.getpid()))
    assert commands
    for command in commands:
        disabled = [arg.partition("=")[2].split(",") for arg in command if arg.startswith("--disable-features=")]
        assert len(disabled) == 2, disabled  # Playwright's, then ours
        assert [name for name in disabled[0] + UNNEEDED_FEATURES + OFF_IN_TESTS if name not in disabled[-1]] == []
