"""The browser pages tests get: watched for errors, and one tab per worker, reused.

A fresh browser context and page cost a renderer process, about half a second of CPU;
a page that only navigates costs a fraction of that. So the `page` fixture (conftest.py)
lends every test the worker's one Tab, reset between tests to what a fresh profile shows
the site. What a test can rely on is in Tab's docstring; a test that needs more (its own
init scripts, routes, permissions) asks for `context` and gets a fresh profile.
"""

import contextlib
import functools
from urllib.parse import urlsplit

# Turns every CSP violation into a console error, which fails the test.
REPORT_CSP = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error("CSP violation: " + event.violatedDirective + " " + event.blockedURI);
});
"""
VIEWPORT = {"width": 1280, "height": 900}
# A fresh context's emulation (Playwright's defaults): page.emulate_media(x="null") would turn
# emulation off instead, which is not what a fresh page shows (colour scheme "light").
MEDIA = {
    "media": "null",
    "color_scheme": "light",
    "reduced_motion": "no-preference",
    "forced_colors": "none",
    "contrast": "no-preference",
}

# Calls after which a tab is not reset but replaced: what they add (listeners, init scripts,
# routes, bindings, headers, timeouts, a CDP session, a fake clock) cannot be read back and
# undone. Tests that want these ask for `context`, which is fresh anyway.
PAGE_CHANGES = (
    "on",
    "once",
    "remove_listener",
    "add_init_script",
    "expose_function",
    "expose_binding",
    "route",
    "route_from_har",
    "route_web_socket",
    "unroute",
    "unroute_all",
    "set_extra_http_headers",
    "add_locator_handler",
    "set_default_timeout",
    "set_default_navigation_timeout",
)
CONTEXT_CHANGES = tuple(name for name in PAGE_CHANGES if name != "add_locator_handler") + (
    "set_geolocation",
    "set_offline",
    "new_cdp_session",
    "add_cookies",  # on any site: a reset clears the cookies of the sites the tab opened
)
CLOCK_CHANGES = ("install", "fast_forward", "pause_at", "resume", "run_for", "set_fixed_time", "set_system_time")


class PageWatch:
    """What a page did that a test should fail on: console errors and warnings, uncaught
    errors (CSP violations arrive as console errors), and requests off the test servers."""

    def __init__(self):
        self.errors = []
        self.outside = []

    def on_console(self, message):
        if message.type in ("error", "warning"):
            self.errors.append(f"console {message.type}: {message.text}")

    def on_page_error(self, error):
        self.errors.append(f"page error: {error}")

    def on_request_failed(self, request):
        # Chromium sends every request off 127.0.0.1 to a proxy that is not there
        # (harness/chromium.py), so each one fails, and arrives here.
        if not request.url.startswith(("http://127.0.0.1:", "file://", "data:")):
            self.outside.append(request.url)

    def listen(self, page):
        page.on("console", self.on_console)
        page.on("pageerror", self.on_page_error)

    @contextlib.contextmanager
    def case(self):
        """For one case of several in a test: fails at its end if the page did anything
        above in it, so that the case's report says so."""
        errors, outside = len(self.errors), len(self.outside)
        yield
        assert (self.errors[errors:], self.outside[outside:]) == ([], [])

    def check(self):
        assert self.errors == [], self.errors
        assert self.outside == [], self.outside


def noting(method, note):
    """`method`, calling note with the same arguments first: how a Tab sees what a test does."""

    def call(*args, **kwargs):
        note(*args, **kwargs)
        return method(*args, **kwargs)

    return call


def watched_context(browser, on_request_failed, **options):
    """A fresh profile whose failed requests (every one off the test servers fails) go to
    `on_request_failed` (a PageWatch's, or one that passes them on to it) and whose CSP
    violations are console errors."""
    context = browser.new_context(**options)
    context.on("requestfailed", on_request_failed)
    context.add_init_script(REPORT_CSP)
    return context


class Tab:
    """One browser tab, lent to one test at a time and reset in between.

    A test that gets it from lend() can rely on exactly this, as in a fresh profile:
    - the page is on about:blank, with no history before it (history.length counts as a
      fresh page's), and window.name is empty;
    - every origin that any earlier test opened a page or frame on (http, https and
      file://) has no localStorage, sessionStorage, IndexedDB, Cache Storage or cookie
      (its whole storage is cleared, as Storage.clearDataForOrigin "all" does);
      permissions are the defaults;
    - viewport 1280x900, no media emulation beyond a fresh context's (screen, light,
      no reduced motion, no forced colours, no contrast preference), no key held down
      (keyboard.down without keyboard.up), the mouse where a new page's is (0, 0), no
      other page open in the context;
    - the HTTP cache is empty (within a test, pages are cached as the server says, as a
      reader's browser would);
    - the console, page errors, CSP violations and outside requests go to the `watch`
      it was lent with, and nowhere else.
    What it does not undo it refuses to keep: after a call of PAGE_CHANGES on the page,
    CONTEXT_CHANGES on its context or CLOCK_CHANGES on its clock, after the page or context
    is closed, or if a reset fails, the next test gets a new context and page.
    """

    def __init__(self, browser):
        self.browser = browser
        self.page = None
        self.watch = PageWatch()
        self.origins = set()
        self.changed = None  # what made this tab unfit to lend again, if anything
        self.opened = 0  # pages opened so far: the tests of the tab count its reuse
        self.undo = {}  # name of a call a reset undoes: (its page or context, its undoing)
        self.touched = set()  # of those, the ones the last test made
        self.held = set()  # keys the last test pressed down and did not release

    @property
    def unfit(self):
        """Whether the tab cannot be lent again as it is: none yet, closed, or changed."""
        return self.page is None or self.changed or self.page.is_closed()

    def lend(self, watch):
        if self.unfit:
            self.retire()
            self.open()
        self.watch = watch
        return self.page

    def give_back(self):
        """Reset the tab for the next test, or retire it if the test changed what a reset
        cannot undo or the reset fails."""
        self.watch = PageWatch()
        if self.unfit:
            self.retire()
            return
        try:
            self.reset()
        except Exception:
            self.retire()
            raise

    def open(self):
        self.context = watched_context(
            self.browser, lambda request: self.watch.on_request_failed(request), viewport=VIEWPORT
        )
        # Storage belongs to the origins of the documents a test opened, in this tab, its
        # frames and any page it opened: those are the origins a reset clears.
        self.context.on("page", lambda page: page.on("framenavigated", self.on_frame))
        self.page = self.context.new_page()
        self.page.on("console", lambda message: self.watch.on_console(message))
        self.page.on("pageerror", lambda error: self.watch.on_page_error(error))
        # A CDP session only while a reset lasts: one left attached makes Chromium drop
        # emulate_media(media="print") at the next navigation. (The method as it is before the
        # wrapping below, so that the reset's own session does not retire the tab.)
        self.cdp_session = self.context.new_cdp_session
        self.opened += 1
        self.changed = None
        self.touched, self.held = set(), set()
        # Undone by the methods as they are before the wrapping below, so undoing is not noted.
        self.undo = {
            "grant_permissions": (self.context, self.context.clear_permissions),
            "emulate_media": (self.page, functools.partial(self.page.emulate_media, **MEDIA)),
            "set_viewport_size": (self.page, functools.partial(self.page.set_viewport_size, VIEWPORT)),
        }

        def change(name):
            return lambda *args, **kwargs: setattr(self, "changed", name)

        def touch(name):
            return lambda *args, **kwargs: self.touched.add(name)

        for target, names in (
            (self.page, PAGE_CHANGES),
            (self.context, CONTEXT_CHANGES),
            (self.context.clock, CLOCK_CHANGES),
        ):
            for name in names:
                setattr(target, name, noting(getattr(target, name), change(name)))
        for name, (target, _) in self.undo.items():
            setattr(target, name, noting(getattr(target, name), touch(name)))
        keyboard = self.page.keyboard
        keyboard.down = noting(keyboard.down, lambda key, *args, **kwargs: self.held.add(key))
        keyboard.up = noting(keyboard.up, lambda key, *args, **kwargs: self.held.discard(key))

    def on_frame(self, frame):
        parts = urlsplit(frame.url)
        if parts.scheme in ("http", "https"):
            self.origins.add(f"{parts.scheme}://{parts.netloc}")
        elif parts.scheme == "file":
            self.origins.add("file://")

    def reset(self):
        for other in self.context.pages:
            if other != self.page:
                other.close()
        self.page.goto("about:blank")
        cdp = self.cdp_session(self.page)
        for origin in sorted(self.origins):
            # "all" takes this tab's sessionStorage and the site's cookies too (test_reused_tab.py
            # checks it does): pages set cookies on their own site alone, and a test that sets
            # them elsewhere (context.add_cookies) gets a new context.
            cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        cdp.send("Page.resetNavigationHistory")
        cdp.send("Network.clearBrowserCache")
        cdp.detach()
        self.origins.clear()
        self.page.evaluate("window.name = ''")
        # Only what the test set (each undoing is a round trip to the browser).
        for name in sorted(self.touched):
            self.undo[name][1]()
        self.touched.clear()
        for key in sorted(self.held):
            self.page.keyboard.up(key)
        self.page.mouse.move(0, 0)

    def retire(self):
        if self.page is not None:
            self.context.close()
        self.page = None
        self.origins.clear()
