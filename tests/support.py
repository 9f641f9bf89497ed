"""Helpers both halves of the suite import: where things are, building a site, serving it.

(conftest.py holds only fixtures: with a conftest.py in tests/, tests/engine/ and
tests/content/, `import conftest` would find whichever pytest loaded last.)
"""

import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import build  # noqa: E402
from sitebuild.pipeline import checked_content, read_schema  # noqa: E402
from sitebuild.translations import languages_of, load_translations  # noqa: E402

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"  # the Nu Html Checker
# The browser and the server that bench/ uses too (harness/): each site is served as GitHub
# Pages serves it, gzip and cache headers included.
from harness.chromium import CHROMIUM, OFF_IN_TESTS, launch  # noqa: E402, F401
import harness.server  # noqa: E402
from a11y import AXE, AXE_PATH, SERVED_WITH_AXE  # noqa: E402

# The content the engine tests run on: the project's original questions.yaml, kept here
# so that the live file can change (a fork's first edit) without an engine test noticing.
FIXTURE = ROOT / "tests" / "fixtures" / "questions.yaml"
# French and Arabic (right to left) translations of FIXTURE, for the multilingual engine tests.
I18N = ROOT / "tests" / "fixtures" / "i18n"
# Fork-shaped content the content tests also run on (tests/forks/README.md says why each).
FORKS = sorted((ROOT / "tests" / "forks").glob("*.yaml"))


def serve(directory, port=0):
    """harness.server.serve, with axe-core beside the site, for a11y.axe_violations."""
    server, url = harness.server.serve(directory, port, also={AXE_PATH: AXE})
    SERVED_WITH_AXE.add(url)
    return server, url


def skip_or_fail(message):
    """For a test that needs a tool this machine lacks (`message` says how to get it):
    skip, but fail under CI=true, where make test has installed everything, so a CI run
    never passes by leaving a test out."""
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@functools.cache
def site_translations(source):
    """The translations beside `source` that its site is built in (sitebuild.translations'
    languages_of), each checked and merged as the build does; None if `source` has errors."""
    loaded, problems = checked_content(source, read_schema())
    if problems.errors:
        return None
    return languages_of(load_translations(Path(source).parent / "translations", loaded.data, read_schema()))


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


# The checker's JVM tuned for one short run: the client compiler alone and one GC thread
# halve the CPU a run takes (the full JIT's warm-up never pays off in a few seconds), and
# the client compiler's deeper frames need a larger stack for the HTML schema.
NU_JAVA_OPTIONS = ["-Xss8m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


def nu_messages(files, *options):
    """The Nu Html Checker's messages (dicts) on `files`, in one run, with vnu's `options`
    (e.g. --also-check-css); a test that needs it skips without java or vnu.jar (fails
    with CI=true, where make test has both)."""
    java = shutil.which("java")
    if java is None or not VNU.exists():
        skip_or_fail("java or vnu.jar is missing: make test installs both")
    run = subprocess.run(
        [java, *NU_JAVA_OPTIONS, "-jar", str(VNU), "--errors-only", *options, "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(run.stderr)["messages"]


def nu_errors(files):
    """The checker's errors on `files`, one line each."""
    return [
        f"{m.get('url', '').removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}" for m in nu_messages(files)
    ]
