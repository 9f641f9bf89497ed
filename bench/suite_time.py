#!/usr/bin/env python3
"""How long `make test` takes, step by step, against its 3-minute budget.

    python bench/suite_time.py [pytest arguments]      (make suite-time)

Runs the steps `make test` runs, in the same order (ruff, Node's tests, pytest), times
each, prints pytest's ten slowest tests, and exits 1 when the whole takes more than the
budget. Other work on the machine slows every step: the load average is printed first.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 180  # seconds, the whole of make test on a 2-core machine
PYTHON = ROOT / ".venv" / "bin" / "python"


def steps(pytest_args):
    """(name, command) of each step of `make test` (see the Makefile's test target)."""
    return [
        ("ruff check", [str(ROOT / ".venv" / "bin" / "ruff"), "check", "--quiet", "."]),
        ("node --test", ["node", "--test", "tests/js/"]),
        ("pytest", [str(PYTHON), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfE", "--durations=10", *pytest_args]),
    ]


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    print(f"{os.cpu_count()} cores, load average {Path('/proc/loadavg').read_text().split()[0]} at the start")
    total, failed = 0.0, []
    for name, command in steps(argv):
        started = time.perf_counter()
        run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        total += seconds
        print(f"  {name:12} {seconds:6.1f} s{'' if run.returncode == 0 else '  (FAILED)'}")
        if run.returncode != 0:
            failed.append(name)
        if name == "pytest":
            print(slowest(run.stdout))
    print(f"  {'make test':12} {total:6.1f} s (budget {BUDGET} s: {'ok' if total <= BUDGET else 'OVER'})")
    if failed:
        print("Failed: " + ", ".join(failed) + " (timings of a failing run mislead; fix it first)")
    return 0 if total <= BUDGET and not failed else 1


def slowest(output):
    """pytest's "slowest durations" lines and the tests that failed, indented, and its last line."""
    lines = output.splitlines()
    durations = [line for line in lines if re.match(r"\d+\.\d+s (call|setup|teardown) ", line)]
    failed = [line for line in lines if line.startswith(("FAILED ", "ERROR "))]
    return "\n".join(["    slowest:"] + [f"      {line}" for line in durations + failed] + [f"    {lines[-1]}" if lines else ""])


if __name__ == "__main__":
    sys.exit(main())
