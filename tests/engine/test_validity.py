"""Every built page, stylesheet and the icon are valid to the Nu Html Checker, the W3C's own,
and so is every page of every language (conftest.py's i18n_site).

vnu-jar comes from npm (pinned in package-lock.json; `make test` runs npm ci) and runs
on Java (`make test` installs a JRE when it is missing and it is root). It checks all
the files in one run of a few seconds, together with a planted invalid page that must be
reported, so a checker that silently checks nothing fails here too. One run, not one for
each site: the Java machine's start and warm-up are most of a run's CPU (2.8 to 3.6 s for
the 9 pages of the fixture site, 4.7 to 4.9 s with the 27 of i18n_site as well).
"""

import os

import pytest

from support import ROOT, nu_messages
from sitebuild.render import PAGES
from sitebuild.write import INLINED

PLANTED = "<!doctype html><html lang=en><title>x</title><p><div>a div in a paragraph</div><center>old</center>"


LANGUAGES = "languages/"  # how nu_errors names the pages of i18n_site


@pytest.fixture(scope="session")
def nu_errors(site, i18n_site, tmp_path_factory):
    """{file path relative to the site: [error lines]} for every file the checker was given;
    i18n_site's pages under LANGUAGES."""
    planted = tmp_path_factory.mktemp("nu") / "planted.html"
    planted.write_text(PLANTED, encoding="utf-8")
    # Every page carries the icon and its stylesheets inline, so the site has no copy: the
    # checker reads them in static/.
    inlined = {f"static/{name}": ROOT / "static" / name for name in INLINED}
    pages = sorted(site.rglob("*.html"))
    languages = {LANGUAGES + path.relative_to(i18n_site).as_posix(): path for path in sorted(i18n_site.rglob("*.html"))}
    messages = nu_messages(
        [*pages, *inlined.values(), *languages.values(), planted], "--also-check-css", "--also-check-svg"
    )
    errors = (
        {str(f.relative_to(site)): [] for f in pages} | {name: [] for name in inlined | languages} | {"planted": []}
    )
    names = {str(planted): "planted"} | {str(path): name for name, path in (inlined | languages).items()}
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


def test_every_page_of_every_language_is_valid_html(nu_errors, i18n_site):
    languages = {name: lines for name, lines in nu_errors.items() if name.startswith(LANGUAGES)}
    assert len(languages) == len(list(i18n_site.rglob("*.html"))) >= 3 * len(PAGES)  # three languages
    assert [line for lines in languages.values() for line in lines] == []


def test_nothing_else_was_reported(nu_errors, site):
    """No message about a file outside the built site, or a site file not checked above."""
    checked = {page.output for page in PAGES} | {f"static/{name}" for name in INLINED} | {"planted"}
    checked |= {name for name in nu_errors if name.startswith(LANGUAGES)}
    assert {name: lines for name, lines in nu_errors.items() if name not in checked and lines} == {}
