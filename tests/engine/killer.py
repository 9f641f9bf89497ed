"""The kill test's build (test_hardening.test_a_kill_at_any_step_leaves_a_whole_site): it
writes a site as build.py does and SIGKILLs itself at one chosen step, a step being just
before or just after each call that makes, moves or removes a folder.

The test runs it once for every step, a dozen or so times a case. So that a step costs a fork,
not a Python start and the build's imports, one server process (this file run as a
script) imports sitebuild.write once, then forks a build for each step it is asked for
and answers with the build's exit code. (multiprocessing's forkserver would do the same,
but Python 3.11's ignores the sys.path it is given: its preload of a module of tests/
fails silently, and every step imports the build again.)
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import traceback
from pathlib import Path

TIMEOUT = 60  # seconds for one step's build: it takes well under one


class KillServer:
    """The server, for `with`: build_killed_at() runs one step."""

    def __init__(self, root):
        self.process = subprocess.Popen(
            [sys.executable, __file__, str(root)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def build_killed_at(self, target, pages_file, out, exchange, log):
        """(exit code, stderr) of a build of `pages_file` into `out` that kills itself at step
        `target`: -SIGKILL, or 0 when the build has fewer steps and finished. `exchange`:
        whether the swap may use the atomic exchange; `log`: a file for the build's stderr."""
        request = [target, str(pages_file), str(out), exchange, str(log)]
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            return None, f"the kill server stopped (exit code {self.process.wait()})"
        status = json.loads(answer)
        stderr = Path(log).read_text(encoding="utf-8", errors="replace") if Path(log).exists() else ""
        if status == -signal.SIGALRM:
            stderr += f"\n(still running after {TIMEOUT} s)"
        return status, stderr

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.process.stdin.close()
        self.process.wait(timeout=TIMEOUT)


def serve(root):
    """The server's loop: for each request on stdin, fork a build and print its exit code."""
    sys.path.insert(0, root)
    # What every step needs, imported here, once: the forks share it.
    import minify_html  # noqa: F401 (imported by write_site as it runs)
    import sitebuild.write as write

    for line in sys.stdin:
        target, pages_file, out, exchange, log = json.loads(line)
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                signal.alarm(TIMEOUT)  # a hung build ends with SIGALRM, as a timeout
                build(write, root, target, pages_file, out, exchange, log)
                code = 0
            except BaseException:
                traceback.print_exc()
            finally:
                sys.stderr.flush()
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        print(json.dumps(os.waitstatus_to_exitcode(status)), flush=True)


def build(write, root, target, pages_file, out, exchange, log):
    """In the forked process: write the site, SIGKILLed at step `target`."""
    with open(log, "wb") as file:  # stderr, a traceback for the test's message, goes to the log
        os.dup2(file.fileno(), sys.stderr.fileno())
    # write.exchange reads it at call time: with it, the two renames that stand in for the exchange.
    if exchange:
        os.environ.pop("SITEBUILD_NO_EXCHANGE", None)
    else:
        os.environ["SITEBUILD_NO_EXCHANGE"] = "1"
    step = 0

    def killed(function):
        def wrapped(*args, **kwargs):
            nonlocal step
            for before in (True, False):  # a kill just before the call, or just after it
                step += 1
                if step == target:
                    os.kill(os.getpid(), signal.SIGKILL)
                if before:
                    result = function(*args, **kwargs)
            return result

        return wrapped

    write.exchange = killed(write.exchange)
    write.os.replace = killed(os.replace)
    write.shutil.rmtree = killed(shutil.rmtree)
    write.tempfile.mkdtemp = killed(write.tempfile.mkdtemp)
    pages = json.loads(Path(pages_file).read_text())
    write.write_site(pages, Path(root) / "static", out, root)


if __name__ == "__main__":
    serve(sys.argv[1])
