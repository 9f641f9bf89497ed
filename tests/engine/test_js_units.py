"""The pure JavaScript (tests/js/*.test.mjs), in Node's built-in test runner: scoring and
links on every scale length, without starting a browser."""

import shutil
import subprocess
from pathlib import Path

from support import skip_or_fail

TESTS = Path(__file__).resolve().parents[1] / "js"


def test_javascript_units_pass():
    node = shutil.which("node")
    if node is None:
        skip_or_fail("node is missing: install Debian's nodejs (make test does, as root)")
    files = sorted(str(path) for path in TESTS.glob("*.test.*js"))
    assert files, "no JavaScript tests found"
    run = subprocess.run([node, "--test", *files], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout
