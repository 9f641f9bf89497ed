#!/usr/bin/env python3
"""Where the time to the first statement goes: the quiz against the floor, from Chromium traces.

    python bench/first_paint_trace.py [--runs N] [--source FILE]

bench/run.py says how much later the quiz shows its first statement than the floor
(bench/floor/); this says why. Each load is the one run.py times (a fresh context, the HTTP
cache off, each page served by its own server process, the pages taking turns), traced.
For each page and CPU slowdown, the medians of --runs loads of, in ms from the navigation:

  html          the page's HTML arrived (its first bytes reached the renderer)
  sent, done    the floor's script, which its first paint waits for, was sent, and finished;
                on the quiz, whose first paint waits for no request, its deferred script
  painted       the renderer's main thread finished painting the first statement's frame
  shown         the first statement on screen (Element Timing, as run.py measures it)

and the CPU ms each part took before the first paint (thread time, so other work on the
machine inflates it far less than the times above): the renderer's main thread parsing
HTML, computing style, laying out, painting and running script; the raster threads turning
the paint into pixels (CPU, then wall time, which the frame waits for: raster threads are
not slowed by the CPU throttling, and share the machine's cores), and how many tiles; the
number of font lookups the layout made (the first of each size and weight asks the
browser process, and waits for its answer); and the main thread's CPU after it painted
the frame and before the frame was shown ("after paint"): work that runs then, a deferred
script or a timer, takes the cores from that frame's raster. Figures for diagnosis, not a
budget.
"""

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import build  # noqa: E402
from harness.chromium import launch  # noqa: E402
from harness.server import serving_apart  # noqa: E402
import run  # noqa: E402  (bench/run.py: the same probe, floor and loads)

CATEGORIES = ["devtools.timeline", "blink.user_timing", "loading", "blink", "toplevel", "v8", "fonts", "cc"]
MAIN_THREAD = {"ParseHTML": "parse", "UpdateLayoutTree": "style", "Layout": "layout", "Paint": "paint"}
MAIN_THREAD |= {"EvaluateScript": "script", "ParseAuthorStyleSheet": "css parse"}
ROWS = ["shown", "html", "sent", "done", "painted", *dict.fromkeys(MAIN_THREAD.values())]
ROWS += ["raster", "raster wall", "tiles", "font lookups", "after paint"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="traced loads per page and slowdown (medians)")
    parser.add_argument("--source", type=Path, default=ROOT / "questions.yaml", help="the content file")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "_site"
        run.quietly(build.main, ["--source", str(args.source), "--out", str(site)])
        with serving_apart(site) as quiz_url, serving_apart(run.FLOOR) as floor_url, sync_playwright() as playwright:
            pages = {"quiz": quiz_url + "quiz.html", "floor": floor_url + "index.html"}
            browser = launch(playwright.chromium)
            for slowdown in run.SLOWDOWNS:
                loads = {name: [] for name in pages}
                for round_, name in run.taking_turns(pages, args.runs):
                    shown, trace = run.first_paint_of_statement(browser, pages[name], slowdown, CATEGORIES)
                    if round_:  # round 0 warms up
                        loads[name].append(phases(shown, trace))
                report(slowdown, loads, args.runs)
            browser.close()
    return 0


def phases(shown, trace):
    """One load's figures (see the module's docstring) from its trace."""
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    start = next(
        e
        for e in events
        if e.get("name") == "navigationStart"
        and e["args"].get("data", {}).get("documentLoaderURL", "").startswith("http")
    )
    process, thread = start["pid"], start["tid"]
    ms = lambda event: (event["ts"] - start["ts"]) / 1000  # noqa: E731
    renderer = sorted((e for e in events if e.get("pid") == process and e.get("ts", 0) >= start["ts"]), key=ms)
    painted_at = min(ms(e) for e in renderer if e["name"] == "firstContentfulPaint")
    before = [e for e in renderer if e.get("ph") == "X" and ms(e) < painted_at]
    main = [e for e in before if e["tid"] == thread]
    figures = {"shown": shown, "painted": max(ms(e) + e["dur"] / 1000 for e in main if e["name"] == "Paint")}
    figures["html"] = next(ms(e) for e in renderer if e["name"] == "ResourceReceivedData")
    requests = [
        e for e in renderer if e["name"] == "ResourceSendRequest" and not e["args"]["data"]["url"].endswith(".html")
    ]
    blocking = next(
        (e for e in requests if e["args"]["data"].get("renderBlocking") == "blocking"), min(requests, key=ms)
    )
    figures["sent"] = ms(blocking)
    figures["done"] = next(
        ms(e)
        for e in renderer
        if e["name"] == "ResourceFinish" and e["args"]["data"].get("requestId") == blocking["args"]["data"]["requestId"]
    )
    for name, row in MAIN_THREAD.items():
        figures[row] = figures.get(row, 0) + sum(e.get("tdur", 0) for e in main if e["name"] == name) / 1000
    rasters = [e for e in before if e["name"] == "RasterTask"]  # one a tile, on the raster threads
    figures["raster"] = sum(e.get("tdur", 0) for e in rasters) / 1000
    figures["raster wall"] = sum(e.get("dur", 0) for e in rasters) / 1000
    figures["tiles"] = len(rasters)
    # A lookup of system-ui is traced twice, one event inside the other: count the outer ones.
    lookups = sorted((e["ts"], e["ts"] + e["dur"]) for e in main if e["name"] == "FontCache::GetFontPlatformData")
    figures["font lookups"] = sum(1 for i, (start, end) in enumerate(lookups) if not i or start >= lookups[i - 1][1])
    # Each task the main thread ran is one RunTask (its top level) in the trace.
    tasks = (e for e in main if e["name"] == "ThreadControllerImpl::RunTask" and ms(e) >= figures["painted"])
    figures["after paint"] = sum(e.get("tdur", 0) for e in tasks) / 1000
    return figures


def report(slowdown, loads, runs):
    print(
        f"\n== {slowdown}x CPU: medians of {runs} traced loads each (ms from the navigation, then CPU ms before the first paint)"
    )
    print(f"  {'':14} {'quiz':>8} {'floor':>8} {'quiz - floor':>13}")
    for row in ROWS:
        quiz, floor = (statistics.median(load[row] for load in loads[name]) for name in ("quiz", "floor"))
        print(f"  {row:14} {quiz:8.1f} {floor:8.1f} {quiz - floor:13.1f}")


if __name__ == "__main__":
    sys.exit(main())
