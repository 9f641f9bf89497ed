"""Every built page and stylesheet is valid to the Nu Html Checker, the W3C's own.

vnu-jar comes from npm (pinned in package-lock.json; `make test` runs npm ci) and runs
on Java (`make test` installs a JRE when it is missing and it is root). It checks all
the files in one run of about 2 s, together with a planted invalid page that must be
reported, so a checker that silently checks nothing fails here too.
"""

import os

import pytest

from support import ROOT, nu_messages
from sitebuild.render import PAGES

PLANTED = "<!doctype html><html lang=en><title>x</title><p><div>a div in a paragraph</div><center>old</center>"


@pytest.fixture(scope="session")
def nu_errors(site, tmp_path_factory):
    """{file path relative to the site: [error lines]} for every file the checker was given."""
    planted = tmp_path_factory.mktemp("nu") / "planted.html"
    planted.write_text(PLANTED, encoding="utf-8")
    icon = ROOT / "static" / "favicon.svg"  # every page carries it inline, so the site has no copy
    files = sorted(site.rglob("*.html")) + sorted(site.rglob("*.css")) + [icon]
    messages = nu_messages([*files, planted], "--also-check-css", "--also-check-svg")
    errors = {str(f.relative_to(site)): [] for f in files if f != icon}
    errors["static/favicon.svg"] = []
    errors["planted"] = []
    for message in messages:
        path = message.get("url", "").removeprefix("file:")
        name = {str(planted): "planted", str(icon): "static/favicon.svg"}.get(path) or os.path.relpath(path, site)
        errors.setdefault(name, []).append(
            f"{name}:{message.get('lastLine', '?')}: {message['type']}: {message['message']}"
        )
    return errors


def test_the_checker_reports_a_planted_error(nu_errors):
    assert any("not allowed as child of element" in line or "center" in line for line in nu_errors["planted"])


@pytest.mark.parametrize("output", [page.output for page in PAGES])
def test_page_is_valid_html(nu_errors, output):
    assert nu_errors[output] == []


@pytest.mark.parametrize("stylesheet", ["static/style.css", "static/favicon.svg"])
def test_stylesheet_and_icon_are_valid(nu_errors, stylesheet):
    assert nu_errors[stylesheet] == []


def test_nothing_else_was_reported(nu_errors, site):
    """No message about a file outside the built site, or a site file not checked above."""
    checked = {page.output for page in PAGES} | {"static/style.css", "static/favicon.svg", "planted"}
    assert {name: lines for name, lines in nu_errors.items() if name not in checked and lines} == {}
