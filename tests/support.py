"""Helpers both halves of the suite import: where things are, building a site, serving it.

(conftest.py holds only fixtures: with a conftest.py in tests/, tests/engine/ and
tests/content/, `import conftest` would find whichever pytest loaded last.)
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import build  # noqa: E402
# The browser and the server that bench/ uses too (harness/): each site is served as GitHub
# Pages serves it, gzip and cache headers included.
from harness.chromium import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402, F401
from harness.server import serve  # noqa: E402, F401

# The content the engine tests run on: the project's original questions.yaml, kept here
# so that the live file can change (a fork's first edit) without an engine test noticing.
FIXTURE = ROOT / "tests" / "fixtures" / "questions.yaml"
# Fork-shaped content the content tests also run on (tests/forks/README.md says why each).
FORKS = sorted((ROOT / "tests" / "forks").glob("*.yaml"))


def build_site(source, out):
    """Build `source` into `out` as `make build` would; the folder, or a failed test."""
    assert build.main(["--source", str(source), "--out", str(out)]) == 0, f"{source} does not build"
    return out


def copy_project(target):
    """A copy of the project in `target` (made if missing), with the fixture content as its
    questions.yaml: for tests that run the build or the preview where they may break things."""
    target.mkdir(exist_ok=True)
    for name in ("build.py", "serve.py", "questions.schema.json"):
        shutil.copy(ROOT / name, target / name)
    shutil.copy(FIXTURE, target / "questions.yaml")
    for folder in ("sitebuild", "templates", "static"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return target
