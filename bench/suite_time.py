#!/usr/bin/env python3
"""How long `make test` takes, step by step, against its 3-minute budget.

    python bench/suite_time.py [pytest arguments]      (make suite-time)

Runs the commands of the Makefile's `test` recipe (ruff, then pytest on every core and one more, with
Node's tests inside it), read from the Makefile itself so the two cannot drift, as CI runs
them (CI=true: nothing skips). It times each, prints pytest's ten slowest tests, and exits
1 when the whole takes more than the budget. Other work on the machine slows every step:
the load average is printed before and after, and the CPU time each step used (its own and
its children's: Chromium, Node, Java) beside its wall time, which other work changes less.
And the machine itself changes speed: this shared virtual machine ran one fixed loop 1.7
times as long as three minutes before, and the same suite in 158 s in one hour and in 205 s
in another (2026-11-28). So the time of that loop (`pace`) is printed before and after: a
slow pace points at the hour rather than the code. So is the CPU time the host took from this
machine's cores while the suite ran (`steal`, from /proc/stat): the suite keeps both cores
busy, so every second of it comes on top.
"""

import os
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 180  # seconds, the whole of make test on a 2-core machine
PACE_LOOP = 20_000_000  # additions in pace(): 0.96 s on one core of this machine, 2026-11-28 15:12
# What suite_time adds to pytest's own arguments: the slowest tests and why any failed.
REPORT = ["-q", "-p", "no:cacheprovider", "-rfE", "--durations=10"]


def steps(pytest_args, makefile=ROOT / "Makefile"):
    """(name, command) of each line of the Makefile's test recipe, its variables filled in."""
    text = makefile.read_text(encoding="utf-8")
    variables = dict(re.findall(r"^([A-Z_]+) *[:?]?= *(.*?) *$", text, re.MULTILINE))
    recipe = re.search(r"^test:.*\n((?:\t.*\n)+)", text, re.MULTILINE).group(1)
    commands = []
    for line in recipe.splitlines():
        while "$(" in line:
            line = re.sub(r"\$\(([A-Z_]+)\)", lambda m: os.environ.get(m.group(1), variables[m.group(1)]), line)
        command = shlex.split(line.strip())
        tool = Path(command[0]).name
        if command[1:3] == ["-m", "pytest"]:
            commands.append(("pytest", command + REPORT + list(pytest_args)))
        else:
            commands.append((f"{tool} {command[1]}", command))
    return commands


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    print(f"{os.cpu_count()} cores, load average {load()}, pace {pace():.2f} s at the start")
    stolen = steal()
    total, failed = 0.0, []
    for name, command in steps(argv):
        started, before = time.perf_counter(), os.times()
        run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "CI": "true"})
        seconds, after = time.perf_counter() - started, os.times()
        cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        total += seconds
        print(f"  {name:12} {seconds:6.1f} s  (CPU {cpu:6.1f} s){'' if run.returncode == 0 else '  (FAILED)'}")
        if run.returncode != 0:
            failed.append(name)
        if name == "pytest":
            print(slowest(run.stdout))
    print(
        f"  {'make test':12} {total:6.1f} s (budget {BUDGET} s: {'ok' if total <= BUDGET else 'OVER'}); "
        f"load average {load()}, pace {pace():.2f} s at the end; the host took {steal() - stolen:.1f} s of the cores (steal)"
    )
    if failed:
        print("Failed: " + ", ".join(failed) + " (timings of a failing run mislead; fix it first)")
    return 0 if total <= BUDGET and not failed else 1


def load():
    return Path("/proc/loadavg").read_text().split()[0]


def steal():
    """Seconds of CPU the host took from this virtual machine since it started, all cores."""
    # The first line: "cpu user nice system idle iowait irq softirq steal ..."
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
    return int(fields[8]) / os.sysconf("SC_CLK_TCK")


def pace():
    """Seconds this process takes for PACE_LOOP additions: the machine's speed at the moment,
    on one core, whatever the suite does."""
    started, total = time.perf_counter(), 0
    for number in range(PACE_LOOP):
        total += number
    return time.perf_counter() - started


def slowest(output):
    """pytest's "slowest durations" lines and the tests that failed, indented, and its last line."""
    lines = output.splitlines()
    durations = [line for line in lines if re.match(r"\d+\.\d+s (call|setup|teardown) ", line)]
    failed = [line for line in lines if line.startswith(("FAILED ", "ERROR "))]
    return "\n".join(
        ["    slowest:"] + [f"      {line}" for line in durations + failed] + [f"    {lines[-1]}" if lines else ""]
    )


if __name__ == "__main__":
    sys.exit(main())
