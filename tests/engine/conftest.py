"""Engine tests: the code, on the fixture content in tests/fixtures/questions.yaml.

They never read the live questions.yaml, so a fork can change every word of it (and
the number of everything in it) without one engine test noticing.
"""

import pytest

import build
from sitebuild.pipeline import checked_content, read_schema
from sitebuild.translations import load_translation
from support import FIXTURE, I18N, build_site, serve
from variants import write


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The fixture content, built once into a temporary folder."""
    return build_site(FIXTURE, tmp_path_factory.mktemp("site") / "_site")


@pytest.fixture(scope="session")
def base_url(site):
    # One per half, not one in tests/conftest.py: a session fixture is cached once per
    # definition, so a shared one would serve the first half's site to the other.
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def i18n_site(tmp_path_factory):
    """The fixture content in three languages (en, ar, fr), built once a session, with an
    address so that the hreflang and preview links are absolute."""
    out = tmp_path_factory.mktemp("i18n") / "_site"
    assert (
        build.main(
            [
                "--source",
                str(FIXTURE),
                "--translations",
                str(I18N),
                "--out",
                str(out),
                "--base-url",
                "https://example.org/sci/",
            ]
        )
        == 0
    )
    return out


@pytest.fixture(scope="session")
def i18n_contents():
    """{code: the content in that language}, as the build merged it (i18n_site's languages)."""
    loaded, _ = checked_content(FIXTURE, read_schema())
    merged = {"en": loaded.data}
    for code in ("ar", "fr"):
        merged[code] = load_translation(I18N / f"{code}.yaml", loaded.data, read_schema()).content
    return merged


@pytest.fixture(scope="session")
def i18n_url(i18n_site):
    server, url = serve(i18n_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def fork_url(tmp_path_factory):
    """fork_url(name, data): the base URL of the site built from `data` (questions.yaml as
    Python data, such as a tests/engine/variants.py fork), built and served once a session."""
    built, servers = {}, []

    def url(name, data):
        if name not in built:
            folder = tmp_path_factory.mktemp(name)
            source = write(data, folder / "questions.yaml")
            server, built[name] = serve(build_site(source, folder / "_site"))
            servers.append(server)
        return built[name]

    yield url
    for server in servers:
        server.shutdown()
