"""Engine tests: the code, on the fixture content in tests/fixtures/questions.yaml.

They never read the live questions.yaml, so a fork can change every word of it (and
the number of everything in it) without one engine test noticing.
"""

import pytest

from support import FIXTURE, build_site, serve


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The fixture content, built once into a temporary folder."""
    return build_site(FIXTURE, tmp_path_factory.mktemp("site") / "_site")


@pytest.fixture(scope="session")
def base_url(site):
    server, url = serve(site)
    yield url
    server.shutdown()
