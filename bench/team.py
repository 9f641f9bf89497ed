#!/usr/bin/env python3
"""The team report under load, in headless Chromium: time from "Make the report" to the
report at 1,000, 10,000 and 100,000 responses (a Google Forms CSV of the live
questions.yaml, about 300 bytes a row), the JS heap after it, and the longest main-thread
task while reading (Long Tasks API). Then a 20 MB .xlsx-sized CSV, an .xlsx, and a
100,000-line paste of result links: each must finish or stop with a message.

    python bench/team.py [--site DIR]       (bench/run.py runs it too)

Exit status 1 when a task over 200 ms blocks the page at 10,000 rows, or a big input
neither finishes nor stops with a message.
"""

import argparse
import csv
import io
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

import build  # noqa: E402
from harness.chromium import launch  # noqa: E402
from harness.server import serve  # noqa: E402
from sitebuild.kits import numbered  # noqa: E402

LONG_TASK_BUDGET = 200  # ms, at 10,000 rows
ROWS = tuple(int(n) for n in __import__("os").environ.get("TEAM_ROWS", "1000,10000,100000").split(","))

LONG_TASKS = """
window.__long = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); })
  .observe({ type: "longtask", buffered: true });
"""


def google_forms_csv(data, rows, seed=1):
    """A Google Forms export as the kit's form makes it: role and numbered labels as text."""
    rng = random.Random(seed)
    ui, statements = data["ui"], data["statements"]
    roles = [numbered(n, r["label"]) for n, r in enumerate(data["roles"], 1)]
    labels = [numbered(n, label) for n, label in enumerate(data["scale"]["labels"], 1)] + [data["scale"]["not_sure"]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        ["Timestamp", ui["team_kit_role_question"]]
        + [f"{ui['team_kit_grid_question']} [{s['text']}]" for s in statements]
    )
    for n in range(rows):
        writer.writerow(
            [f"2026/11/27 9:{n % 60:02d}:00 AM GMT", rng.choice(roles)] + [rng.choice(labels) for _ in statements]
        )
    return buffer.getvalue().encode("utf-8")


# Runs in the result page: random answers (a fixed seed), each coded by the site's own encoder.
LINKS = """([lines, roles]) => {
  const data = SCI.readData(document);
  let state = 2;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out = [];
  for (let n = 0; n < lines; n += 1) {
    const answers = {};
    data.statements.forEach((s) => { answers[s.id] = Math.floor(next() * (data.points + 1)); });
    out.push(roles[Math.floor(next() * roles.length)] + ": " + SCI.encodeAnswers(data, answers));
  }
  return out.join("\\n");
}"""


def links(page, base_url, data, lines):
    """`lines` result links, each after a role's name, as a team lead would paste them."""
    page.goto(base_url + "result.html")
    return page.evaluate(LINKS, [lines, [r["label"] for r in data["roles"]]])


def run(page, base_url, file=None, text=None, timeout=600):
    """(seconds to the report or the message, the longest task in ms, JS heap in MB, what showed)."""
    page.goto(base_url + "team.html")
    if file:
        page.set_input_files("#team-file", str(file))
    if text is not None:
        page.evaluate("(text) => { document.getElementById('team-paste').value = text; }", text)
    page.evaluate("() => { window.__long.length = 0; }")
    started = time.perf_counter()
    page.click("#team-read")
    page.wait_for_selector("#team-report:not([hidden]), #team-error:not([hidden])", timeout=timeout * 1000)
    seconds = time.perf_counter() - started
    longest = page.evaluate("() => Math.max(0, ...window.__long)")
    if "TEAM_TASKS" in __import__("os").environ:
        print("    long tasks:", page.evaluate("() => window.__long.map(Math.round)"))
    cdp = page.context.new_cdp_session(page)
    heap = cdp.send("Runtime.getHeapUsage")["usedSize"] / 1e6
    shown = (
        page.text_content("#team-count") if page.is_visible("#team-report") else page.text_content("#team-error-text")
    )
    notice = page.text_content("#team-notices") if page.is_visible("#team-notices") else ""
    return seconds, longest, heap, (shown + " " + notice).strip()


def main(argv=None, site=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build --source into a temporary folder)")
    parser.add_argument(
        "--source", type=Path, default=ROOT / "questions.yaml", help="the content file the site is built from"
    )
    args = parser.parse_args(argv)
    data = yaml.safe_load(args.source.read_text(encoding="utf-8"))
    broken = []
    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        site = site or args.site
        if site is None:
            site = temp / "_site"
            assert build.main(["--source", str(args.source), "--out", str(site)]) == 0
        from playwright.sync_api import sync_playwright

        server, base_url = serve(site)
        with sync_playwright() as playwright:
            browser = launch(playwright.chromium, ["--enable-precise-memory-info"])
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.add_init_script(LONG_TASKS)
            page = context.new_page()
            print("\n== The team report in headless Chromium (time from the click to the report)")
            print(f"  {'input':34} {'size':>9} {'seconds':>8} {'longest task':>13} {'JS heap':>8}  shown")
            cases = [(f"{n:,} responses (Google Forms CSV)", google_forms_csv(data, n), n) for n in ROWS]
            big = google_forms_csv(data, 1)
            per_row = len(google_forms_csv(data, 1000)) // 1000
            cases.append(("a 20 MB CSV", google_forms_csv(data, 20 * 1024 * 1024 // per_row), None))
            for name, body, rows in cases:
                path = temp / "export.csv"
                path.write_bytes(body)
                seconds, longest, heap, shown = run(page, base_url, file=path)
                print(
                    f"  {name:34} {len(body) / 1e6:>7.1f}MB {seconds:>8.2f} {longest:>10.0f} ms {heap:>6.1f}MB  {shown}"
                )
                if rows == 10_000 and longest > LONG_TASK_BUDGET:
                    broken.append(f"a {longest:.0f} ms task at 10,000 rows, over {LONG_TASK_BUDGET} ms")
            text = links(page, base_url, data, 100_000)
            seconds, longest, heap, shown = run(page, base_url, text=text)
            print(
                f"  {'a 100,000-line paste of links':34} {len(text) / 1e6:>7.1f}MB {seconds:>8.2f} {longest:>10.0f} ms {heap:>6.1f}MB  {shown}"
            )
            del big
            browser.close()
        server.shutdown()
    print(f"  budget: no task over {LONG_TASK_BUDGET} ms at 10,000 rows: {'ok' if not broken else 'BROKEN'}")
    return broken


if __name__ == "__main__":
    sys.exit(1 if main() else 0)
