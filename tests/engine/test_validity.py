"""Every built page, stylesheet and the icon are valid to the Nu Html Checker, the W3C's own.

vnu-jar comes from npm (pinned in package-lock.json; `make test` runs npm ci) and runs
on Java (`make test` installs a JRE when it is missing and it is root). It checks all
the files in one run of about 2 s, together with a planted invalid page that must be
reported, so a checker that silently checks nothing fails here too.
"""

import os

import pytest

from support import ROOT, nu_messages
from sitebuild.render import PAGES
from sitebuild.write import INLINED

PLANTED = "<!doctype html><html lang=en><title>x</title><p><div>a div in a paragraph</div><center>old</center>"


@pytest.fixture(scope="session")
def nu_errors(site, tmp_path_factory):
    """{file path relative to the site: [error lines]} for every file the checker was given."""
    planted = tmp_path_factory.mktemp("nu") / "planted.html"
    planted.write_text(PLANTED, encoding="utf-8")
    # Every page carries the icon and its stylesheets inline, so the site has no copy: the
    # checker reads them in static/.
    inlined = {f"static/{name}": ROOT / "static" / name for name in INLINED}
    pages = sorted(site.rglob("*.html"))
    messages = nu_messages([*pages, *inlined.values(), planted], "--also-check-css", "--also-check-svg")
    errors = {str(f.relative_to(site)): [] for f in pages} | {name: [] for name in inlined} | {"planted": []}
    names = {str(planted): "planted"} | {str(path): name for name, path in inlined.items()}
    for message in messages:
        path = message.get("url", "").removeprefix("file:")
        name = names.get(path) or os.path.relpath(path, site)
        errors.setdefault(name, []).append(
            f"{name}:{message.get('lastLine', '?')}: {message['type']}: {message['message']}"
        )
    return errors


def test_the_checker_reports_a_planted_error(nu_errors):
    assert any("not allowed as child of element" in line or "center" in line for line in nu_errors["planted"])


@pytest.mark.parametrize("output", [page.output for page in PAGES])
def test_page_is_valid_html(nu_errors, output):
    assert nu_errors[output] == []


@pytest.mark.parametrize("name", sorted(f"static/{name}" for name in INLINED))
def test_stylesheets_and_icon_are_valid(nu_errors, name):
    assert nu_errors[name] == []


def test_nothing_else_was_reported(nu_errors, site):
    """No message about a file outside the built site, or a site file not checked above."""
    checked = {page.output for page in PAGES} | {f"static/{name}" for name in INLINED} | {"planted"}
    assert {name: lines for name, lines in nu_errors.items() if name not in checked and lines} == {}
