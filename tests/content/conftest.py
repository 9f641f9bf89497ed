"""Content tests: the site built from a questions.yaml, whatever it holds.

Every test here takes `content_file` and derives each expectation from that file
(`data`): counts, labels, band titles, ui strings, the oracle's score. pytest runs
them once per file given with --content FILE (repeatable); without it, against the
live questions.yaml and every fork fixture in tests/forks/. Each file is built once
a session and all of them share one browser.
"""

from pathlib import Path

import pytest

from expected import content
from sitebuild.translations import translation_files
from support import FORKS, ROOT, build_site, serve, site_translations


def content_files(config):
    given = config.getoption("content")
    if not given:
        return [ROOT / "questions.yaml", *FORKS]
    return [Path(name).resolve() for name in given]


def label(path):
    """A test id that says which file: questions.yaml, forks/fr.yaml, or the path given."""
    for base in (ROOT / "tests", ROOT):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return str(path)


def translated(path):
    """Whether the site built from `path` has other languages: translations beside it, of its
    own questions (the build leaves out a translation of other questions, with a warning)."""
    if not translation_files(path.parent / "translations"):
        return False
    languages = site_translations(path)
    return languages is None or bool(languages)  # None: the content tests fail on its errors anyway


def pytest_generate_tests(metafunc):
    if "content_file" in metafunc.fixturenames:
        files = content_files(metafunc.config)
        if "languages" in metafunc.fixturenames:  # tests of a site's other languages: the files that have some
            files = [f for f in files if translated(f)]
        metafunc.parametrize("content_file", files, ids=[label(f) for f in files], scope="session")


def pytest_collection_modifyitems(config, items):
    """The tests of other languages, on a run where no content file has any (a fork's site in
    one language), are left out as deselected: there is nothing for them to test, and under
    CI=true no test skips."""
    unset = [
        i
        for i in items
        if "content_file" in getattr(getattr(i, "callspec", None), "params", {})
        and not isinstance(i.callspec.params["content_file"], Path)
    ]
    if unset:
        config.hook.pytest_deselected(items=unset)
        items[:] = [i for i in items if i not in unset]


@pytest.fixture(scope="session")
def data(content_file):
    return content(content_file)


@pytest.fixture(scope="session")
def site(content_file, tmp_path_factory):
    return build_site(content_file, tmp_path_factory.mktemp("content") / "_site")


@pytest.fixture(scope="session")
def base_url(site):
    # One per half, not one in tests/conftest.py: a session fixture is cached once per
    # definition, so a shared one would serve the first half's site to the other.
    server, url = serve(site)
    yield url
    server.shutdown()
