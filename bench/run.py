#!/usr/bin/env python3
"""The performance budget: measures the built site and the build, prints a report, and
exits 1 when a budget is broken.

    python bench/run.py [--runs N] [--rounds N]        (make bench)

For each page: requests, bytes raw and gzip -9 of the files it loads, first contentful paint, the moment its
content is ready (for the quiz: the first statement on screen, as quiz.js shows it)
and the JS heap, in headless Chromium served with gzip, unthrottled and at 4x CPU
slowdown, the median of --runs loads with the HTTP cache off. Then the build time for questions.yaml and
for generated files with about 10 and 100 times as many statements (fewer where a fork's
file would pass the loader's size limit).

The pages are those the build wrote, so a fork's site is measured as it is.
"""

import argparse
import collections
import contextlib
import copy
import io
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import build  # noqa: E402
from harness.chromium import CHROMIUM, launch  # noqa: E402  (the browser exactly as the tests run it)
from harness.server import serve, serving_apart  # noqa: E402  (as GitHub Pages answers: gzip, cache headers)
from sitebuild import pipeline  # noqa: E402
from sitebuild.load import MAX_BYTES  # noqa: E402
from sitebuild.render import PAGES  # noqa: E402
from sitebuild.size import PAGE_BUDGET, gzipped, site_sizes  # noqa: E402
import team  # noqa: E402  (bench/team.py)

# What a reader of one language can download, every file once: each page's HTML (its styles
# within) and script, and what those scripts read (the team report's readers, texts.json). Not the
# whole folder, which grows with each language and each survey kit, and holds the plain
# files the build joins into each page's bundle, which no page loads: the budget was 30 KB
# for the whole folder of a one-language site with no kits, and measured nothing a reader
# gets once those came. About 77 KB a language when set (2026-11-28), so a budget with
# room for a few more statements or a page, past which growth is a decision, not a drift.
LANGUAGE_GZIP_BUDGET = 100_000  # bytes gzip -9, per language
OWN = {"document", "stylesheet", "script"}  # what a page's budget counts: its own HTML, CSS and scripts
# Per page, the HTML included: a page holds its styles and the build joins its scripts into
# one (sitebuild/render.py, Page), so each page needs two requests at most. A third means a
# file reached a page outside the build's bundles: one more round trip on a phone.
REQUESTS_BUDGET = 2
FIRST_STATEMENT_RATIO = 1.1  # the quiz's first statement over the floor's (bench/floor/), at every slowdown
# Rounds of that comparison. A load's time here spreads by about a quarter either way, and the
# ratio of two medians of 9 with it: five runs of 9 rounds on one build, within an hour, gave
# 0.71 to 1.15 at 1x and 0.79 to 1.19 at 4x; two runs of 31 rounds, 1.04 and 0.91 at 1x, 1.06
# and 1.00 at 4x (2026-11-28). 31 rounds take about two minutes more.
FIRST_STATEMENT_ROUNDS = 31
FLOOR = ROOT / "bench" / "floor"  # a hand-written 10-statement quiz page: the fastest the quiz could be
LINEARITY_BUDGET = 2.0  # time per statement of the largest file over that of one a tenth its size
SLOWDOWNS = (1, 4)

# Runs in the page from its first moment (bench only, nothing shipped): marks, once a
# frame, when the page's main content is first rendered as it should be.
READY_PROBE = """
(() => {
  const ready = {
    "quiz.html": () => {
      const shown = [...document.querySelectorAll("#quiz fieldset")].filter((f) => f.checkVisibility());
      const progress = document.getElementById("progress");
      return shown.length === 1 && progress && !progress.hidden;
    },
    "result.html": () => { const r = document.getElementById("result"); return r && !r.hidden; },
  }[location.pathname.split("/").pop()] || (() => document.querySelector("main h1"));
  window.__painted = new Promise((resolve) => {
    new PerformanceObserver((list) => {
      const entry = list.getEntriesByName("first-contentful-paint")[0];
      if (entry) resolve(entry.startTime);
    }).observe({type: "paint", buffered: true});
  });
  window.__ready = new Promise((resolve) => {
    const look = () => (ready() ? resolve(performance.now()) : requestAnimationFrame(look));
    requestAnimationFrame(look);
  });
})();
"""


# Runs in the page from its first moment, the same on the quiz and the floor: the moment
# the first statement's text is painted, by Element Timing (the attribute is set on the
# first legend as the parser adds it, before any paint; nothing shipped carries it).
FIRST_STATEMENT_PROBE = """
(() => {
  window.__first = new Promise((resolve) => {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.identifier === "first-statement") resolve(entry.renderTime);
    }).observe({type: "element", buffered: true});
  });
  new MutationObserver((records, observer) => {
    const legend = document.querySelector("fieldset legend");
    if (legend) { legend.setAttribute("elementtiming", "first-statement"); observer.disconnect(); }
  }).observe(document, {childList: true, subtree: true});
})();
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="loads per page and setting (the median is reported)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=FIRST_STATEMENT_ROUNDS,
        help=f"rounds of the quiz against the floor, one load of each a round (default {FIRST_STATEMENT_ROUNDS})",
    )
    parser.add_argument(
        "--source", type=Path, default=ROOT / "questions.yaml", help="the content file (default: questions.yaml)"
    )
    parser.add_argument(
        "--write",
        type=Path,
        metavar="FILE",
        help="also write the figures as Markdown to FILE (make bench: docs/performance.md)",
    )
    args = parser.parse_args(argv)
    broken = []
    figures = {
        "started": time.time(),
        "machine": machine(),
        "load": load_average(),
        "runs": args.runs,
        "rounds": args.rounds,
    }
    print(figures["machine"])
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "_site"
        quietly(build.main, ["--source", str(args.source), "--out", str(site)])
        broken += sizes(site, figures)
        broken += browser_figures(site, args.runs, figures)
        broken += first_statement(site, args.rounds, figures)
        broken += build_times(Path(temp), args.source, figures)
        broken += team.main(["--source", str(args.source)], site=site)  # the team report under load (bench/team.py)
    print()
    if args.write:
        figures["load_after"] = load_average()
        args.write.write_text(performance_page(figures, broken), encoding="utf-8")
        print(f"Wrote {args.write}")
    return verdict(broken, "Budgets broken:", "Every budget is met.")


def verdict(problems, heading, success):
    """Prints the problems under a heading, or else the success line; returns the exit status."""
    if not problems:
        print(success)
        return 0
    print(heading)
    for line in problems:
        print("  " + line)
    return 1


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    cores = len([line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("processor")])
    return (
        f"Machine: {cpu}, {cores} cores, load average {load_average()}; {platform.platform()}; "
        f"Python {platform.python_version()}; {chromium}"
    )


def quietly(function, *args):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as errors:
        status = function(*args)
    if status != 0:
        raise SystemExit(f"build failed ({status}):\n{errors.getvalue()}")


def load_average():
    """The 1-minute load average: other work on the machine slows every figure."""
    return Path("/proc/loadavg").read_text().split()[0]


def sizes(site, figures):
    """Every file with its raw and gzip size, and what one language's reader can download,
    each file once, against the budget of a language."""
    print("\n== Files (gzip -9, as served)")
    languages = {folder: reader_files(site, folder) for folder in language_folders(site)}
    loaded = set().union(*languages.values())
    joined = {f"static/{part}" for page in PAGES for parts in page.bundles().values() for part in parts}
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.stat().st_size):
        name = path.relative_to(site).as_posix()
        data = path.read_bytes()
        if path.suffix == ".png":  # the link preview card: fetched by crawlers, never by a page
            print(f"  {name:28} {len(data):8,} B (link preview card)")
            continue
        # Survey kits are downloads, the team report's file readers load when a file is opened,
        # and the plain files of static/ reach the pages joined in their bundles.
        why = (
            ""
            if name in loaded
            else "  (a download)"
            if "kits" in path.parts
            else "  (on demand)"
            if "vendor" in path.parts and path.suffix == ".js"
            else "  (joined into the files pages load)"
            if name in joined
            else "  (no page loads it)"
        )
        print(f"  {name:28} {len(data):8,} B raw {gzipped(data):7,} B gzip{why}")
    figures["pages_own"] = site_sizes(site, PAGES)[1]  # each page's HTML, CSS and scripts, as the build counts them
    figures["languages"] = {}
    broken = []
    for folder, files in languages.items():
        total = sum(gzipped((site / name).read_bytes()) for name in files)
        figures["languages"][folder or "/"] = total
        print(
            f"  {'language ' + (folder or '/'):28} {len(files):4} files {total:7,} B gzip, every page and what its scripts read "
            f"(budget {LANGUAGE_GZIP_BUDGET:,} B: {'ok' if total <= LANGUAGE_GZIP_BUDGET else 'OVER'})"
        )
        if total > LANGUAGE_GZIP_BUDGET:
            broken.append(f"the pages in {folder or '/'} load {total:,} B gzip in all, over {LANGUAGE_GZIP_BUDGET:,} B")
    return broken


def language_folders(site):
    """ "" for the source's pages, then each translation's folder ("fr/")."""
    return [""] + sorted(f"{path.parent.name}/" for path in site.glob("*/index.html"))


def reader_files(site, folder):
    """The files a reader of the pages in `folder` can download: each page (its styles
    within) and script, the scripts it loads later, and texts.json where the site has it."""
    files = {"texts.json"} if (site / "texts.json").is_file() else set()
    for page in PAGES:
        files |= {folder + page.output} | {f"static/js/{name}" for name in page.later}
        files |= {f"static/{page.script}"} if page.script else set()
    return files


def result_hash(page, base_url):
    """A full set of answers as a result link's #code, coded by the site's own indicator.js."""
    page.goto(base_url + "result.html")
    return page.evaluate("""() => {
      const data = SCI.readData(document), answers = {};
      data.statements.forEach((s, i) => { answers[s.id] = 1 + (i * 3) % data.points; });
      return "#" + SCI.encodeAnswers(data, answers);
    }""")


def browser_figures(site, runs, report):
    from playwright.sync_api import sync_playwright

    server, base_url = serve(site)
    broken = []
    report = report.setdefault("pages", {})
    with sync_playwright() as playwright:
        browser = launch(playwright.chromium)
        context = browser.new_context()
        code = result_hash(context.new_page(), base_url)  # also warms up the browser, unmeasured
        context.close()
        print(f"\n== Pages in headless Chromium, served with gzip; median of {runs} loads, HTTP cache off")
        print(
            f"  {'page':14} {'CPU':>4} {'requests':>8} {'raw B':>8} {'gzip B':>7} {'FCP ms':>7} {'ready ms':>9} {'JS heap':>8}"
        )
        for output in sorted(path.name for path in site.glob("*.html")):  # the pages this build wrote
            url = base_url + output + (code if output == "result.html" else "")
            for slowdown in SLOWDOWNS:
                loads = loads_of(browser, url, slowdown, runs)
                figures = {key: statistics.median(load_[key] for load_ in loads) for key in ("fcp", "ready", "heap")}
                paths = loads[0]["paths"]
                assert all(load_["paths"] == paths for load_ in loads), "a page asked for different files on reloads"
                missing = [path for path in paths if not (site / path).is_file()]
                if slowdown == 1 and missing:
                    broken.append(f"{output} asks for {', '.join(missing)}, which the build did not make")
                files = [(site / path).read_bytes() for path in paths if path not in missing]
                figures.update(requests=len(paths), raw=sum(map(len, files)), gzip=sum(map(gzipped, files)))
                what = "first statement" if output == "quiz.html" else "ready"
                print(
                    f"  {output:14} {slowdown:>3}x {figures['requests']:>8.0f} {figures['raw']:>8,.0f} "
                    f"{figures['gzip']:>7,.0f} {figures['fcp']:>7.1f} {figures['ready']:>9.1f} "
                    f"{figures['heap'] / 1024:>6.0f} KB"
                    + (f"  ({what})" if slowdown == 1 else "")
                    + (f"  then reads {', '.join(loads[0]['later'])}" if slowdown == 1 and loads[0]["later"] else "")
                )
                report.setdefault(output, {})[slowdown] = figures
                if slowdown == 1 and figures["requests"] > REQUESTS_BUDGET:
                    broken.append(f"{output} makes {figures['requests']:.0f} requests, over {REQUESTS_BUDGET}")
                if slowdown == 1 and figures["gzip"] > PAGE_BUDGET:
                    broken.append(f"{output} loads {figures['gzip']:,.0f} B gzip, over {PAGE_BUDGET:,} B a page")
        browser.close()
    server.shutdown()
    print(
        f"  budgets: at most {REQUESTS_BUDGET} requests and {PAGE_BUDGET:,} B gzip a page: {'ok' if not broken else 'BROKEN'}"
    )
    return broken


def loads_of(browser, url, slowdown, runs):
    """`runs` loads of url with the HTTP cache off: per load the files it asked for, the
    paint and ready times and the JS heap. One tab does them all, each time coming from
    another page of the site, as a reader's click would: a new browser profile per load
    would add some 70 ms of its own start-up on this machine to every figure."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(READY_PROBE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Performance.enable")
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    results, requests = [], []
    page.on("requestfinished", lambda request: requests.append(request))
    before = urljoin(url, "privacy.html" if urlsplit(url).path.endswith("/index.html") else "index.html")
    for _ in range(runs):
        page.goto(before)
        requests.clear()
        page.goto(url, wait_until="load")
        # (page.wait_for_function would evaluate a string in the page, which the CSP forbids)
        timings = page.evaluate("async () => ({ready: await window.__ready, fcp: await window.__painted})")
        cdp.send("HeapProfiler.collectGarbage")
        heap = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}["JSHeapUsedSize"]
        # The page's own HTML, CSS and scripts count against its budget; what its scripts read
        # after it is shown (the result page's advice.html) is listed apart, as `later`.
        fetched = [r for r in requests if r.url.startswith("http")]
        paths = sorted(urlsplit(r.url).path.lstrip("/") or "index.html" for r in fetched if r.resource_type in OWN)
        later = sorted(urlsplit(r.url).path.lstrip("/") for r in fetched if r.resource_type not in OWN)
        results.append({"paths": paths, "later": later, "fcp": timings["fcp"], "ready": timings["ready"], "heap": heap})
    context.close()
    return results


def first_statement(site, runs, figures):
    """The quiz against the floor (bench/floor/), side by side in one run: both served with
    gzip, each by a server process of its own, a fresh browser context for every load, the
    HTTP cache off. Prints the medians of `runs` loads and the quiz's time as a ratio to the
    floor's, at each CPU slowdown.

    Fair to both pages: neither server runs in this process, where it would wait for the
    interpreter lock while Playwright's client reads the browser's events of the very load
    it answers; the pages take turns, in alternate order each round (quiz first, then floor
    first), so that neither always comes right after the other's teardown; and a first
    round of each, not counted, warms up the browser and both servers."""
    from playwright.sync_api import sync_playwright

    broken = []
    print(
        f"\n== The first statement painted (Element Timing on the first legend); quiz.html against the floor,\n"
        f"   bench/floor/ (one HTML, one script); median of {runs} loads each, a fresh context a load, HTTP cache off"
    )
    print(
        f"  {'CPU':>4} {'quiz ms':>8} {'floor ms':>9} {'ratio':>6}   {'best of each':>13} {'ratio':>6}   "
        f"{'ratio a round: quartiles':>24}"
    )
    with serving_apart(site) as quiz_url, serving_apart(FLOOR) as floor_url, sync_playwright() as playwright:
        pages = {"quiz.html": quiz_url + "quiz.html", "floor": floor_url + "index.html"}
        browser = launch(playwright.chromium)
        for slowdown in SLOWDOWNS:
            times = {name: [] for name in pages}
            for _, name in taking_turns(pages, runs):
                times[name].append(first_paint_of_statement(browser, pages[name], slowdown))
            quiz, floor = (statistics.median(times[name][1:]) for name in pages)
            # The fastest load of each too: what the page costs when nothing else on the
            # machine got in the way (the median is the budget; this shows how noisy it was).
            best_quiz, best_floor = (min(times[name][1:]) for name in pages)
            ratio = quiz / floor
            figures.setdefault("first_statement", []).append((slowdown, quiz, floor, ratio, best_quiz, best_floor))
            # The two loads of a round ran back to back, under the same load on the machine:
            # how their ratio spreads says how far to trust the ratio of the medians.
            ratios = [q / f for q, f in zip(*(times[name][1:] for name in pages))]
            rounds = statistics.quantiles(ratios, n=4, method="inclusive") if len(ratios) > 1 else ratios * 3
            print(
                f"  {slowdown:>3}x {quiz:>8.1f} {floor:>9.1f} {ratio:>6.2f}   {best_quiz:>6.1f} {best_floor:>6.1f} {best_quiz / best_floor:>6.2f}   "
                f"{rounds[0]:>8.2f} {rounds[1]:>6.2f} {rounds[2]:>6.2f}"
            )
            if ratio > FIRST_STATEMENT_RATIO:
                broken.append(
                    f"at {slowdown}x CPU the quiz shows its first statement {ratio:.2f} times as late as the floor, over {FIRST_STATEMENT_RATIO}"
                )
        browser.close()
    print(
        f"  budget: at most {FIRST_STATEMENT_RATIO} times the floor's time at every slowdown: {'ok' if not broken else 'BROKEN'}"
    )
    return broken


def taking_turns(names, runs):
    """(round, name) of each load: a first round, 0, that warms up the browser and the servers
    and is not counted, then `runs` rounds, the names in alternate order each round."""
    for round_ in range(runs + 1):
        for name in list(names)[:: 1 if round_ % 2 else -1]:
            yield round_, name


def first_paint_of_statement(browser, url, slowdown, traced=None):
    """ms from the navigation to the first statement's text painted, in a fresh context.
    With traced (a list of Chromium trace categories), also the load's trace (a dict)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(FIRST_STATEMENT_PROBE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    if traced:
        browser.start_tracing(page=page, categories=traced)
    page.goto(url)
    painted = page.evaluate("() => window.__first")
    trace = json.loads(browser.stop_tracing()) if traced else None
    context.close()
    return (painted, trace) if traced else painted


# --- Build time --------------------------------------------------------------------------


def scaled_content(source, count):
    """The content file with `count` statements: the originals, then copies of them in turn
    with new ids (and the same reference answers), in the same dimensions."""
    data = yaml.load(source.read_text(encoding="utf-8"), Loader=LOADER)
    originals = list(data["statements"])
    # one profile or a list of them (both forms are valid questions.yaml)
    every = [data["reference"]] if isinstance(data["reference"], dict) else data["reference"]
    for number in range(len(originals), count):
        statement = originals[number % len(originals)]
        twin = copy.deepcopy(statement)
        twin["id"] = f"{statement['id']}-x{number}"
        twin["text"] = f"{statement['text']} ({number + 1})"
        data["statements"].append(twin)
        for profile in every:
            profile["answers"][twin["id"]] = profile["answers"][statement["id"]]
    return data


def dumped(data):
    return yaml.dump(data, Dumper=NoAliases, allow_unicode=True, sort_keys=False, width=10_000)


def scaled_counts(source):
    """The statement counts to time: the file's own, and about 10 and 100 times as many,
    fewer when the largest file would pass the loader's MAX_BYTES (a fork with long or many
    statements), keeping the 1 : 10 step between the two that measure growth."""
    own = len(yaml.load(source.read_text(encoding="utf-8"), Loader=LOADER)["statements"])
    sizes = [len(dumped(scaled_content(source, n)).encode()) for n in (own, 2 * own)]
    per_statement = max((sizes[1] - sizes[0]) / own, 1)
    largest = min(100 * own, int((0.9 * MAX_BYTES - sizes[0]) / per_statement) + own)
    return own, max(largest // 10, 1), largest


# libyaml's loader and emitter, which PyYAML's wheels carry: the same data as yaml.safe_load
# and yaml.safe_dump, several times faster on the thousands of statements the build times use.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class NoAliases(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    def ignore_aliases(self, data):  # the site's loader refuses YAML aliases
        return True


def scaled_schema(temp, count):
    """The schema caps a file at 200 statements; the larger files need a copy without the cap."""
    schema = json.loads((ROOT / "questions.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["statements"]["maxItems"] = max(count, schema["properties"]["statements"].get("maxItems", 0))
    reference = schema["properties"]["reference"]  # a list of profiles (a single one is read as a list of it)
    answers = reference.get("items", reference)["properties"]["answers"]
    answers["maxProperties"] = max(count, answers.get("maxProperties", 0))
    path = temp / f"schema-{count}.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    return path


# build.main's four steps, and the module that calls each (sitebuild/pipeline.py the first three)
STEPS = {"load_content": pipeline, "check_content": pipeline, "render_pages": pipeline, "write_site": build}


@contextlib.contextmanager
def step_timer():
    """Times each of build.main's steps, by wrapping the names their callers call them by."""
    spent = dict.fromkeys(STEPS, 0.0)
    originals = {name: getattr(module, name) for name, module in STEPS.items()}

    def timed(name):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return originals[name](*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started

        return wrapper

    for name, module in STEPS.items():
        setattr(module, name, timed(name))
    try:
        yield spent
    finally:
        for name, function in originals.items():
            setattr(STEPS[name], name, function)


def build_times(temp, source, figures):
    print("\n== Build time (build.main in process; best of 3, one run for the largest)")
    rows = []
    original_schema = pipeline.SCHEMA
    counts = scaled_counts(source)
    try:
        for count in counts:
            factor = round(count / counts[0])
            data = scaled_content(source, count)
            scaled = temp / f"questions-{count}.yaml"
            scaled.write_text(dumped(data), encoding="utf-8")
            pipeline.SCHEMA = scaled_schema(temp, count) if count > counts[0] else original_schema
            runs = []
            for _ in range(1 if count == counts[-1] else 3):
                with step_timer() as spent, sampled() as where:
                    started = time.perf_counter()
                    quietly(build.main, ["--source", str(scaled), "--out", str(temp / f"out-{count}")])
                    runs.append((time.perf_counter() - started, dict(spent)))
            best, spent = min(runs, key=lambda run: run[0])
            rows.append((count, best, spent))
            steps = ", ".join(f"{name.split('_')[0]} {seconds * 1000:.0f}" for name, seconds in spent.items())
            print(
                f"  {factor:>3}x {count:>5} statements {best * 1000:>8.0f} ms  {best / count * 1000:6.2f} ms a statement"
                f"  ({steps} ms)" + ("  [schema copy without its 200-statement cap]" if count > 200 else "")
            )
    finally:
        pipeline.SCHEMA = original_schema
    figures["build"] = rows
    (count10, time10, steps10), (count100, time100, steps100) = rows[1], rows[2]
    ratio = (time100 / count100) / (time10 / count10)
    linear = ratio <= LINEARITY_BUDGET
    print(
        f"  time a statement at {count100} over {count10} statements: {ratio:.2f} (budget {LINEARITY_BUDGET}: {'ok' if linear else 'NOT LINEAR'})"
    )
    print(
        "  the same for each step: "
        + ", ".join(
            f"{name.split('_')[0]} {(steps100[name] / count100) / max(steps10[name] / count10, 1e-9):.2f}"
            for name in STEPS
        )
    )
    if not linear:
        print("  where the largest build spent its time (share of samples, callers included):")
        for name, share in where.most_common(8):
            print(f"    {share:6.1%}  {name}")
    return (
        []
        if linear
        else [f"build time grows faster than the statements: {ratio:.2f} per statement at {count100} vs {count10}"]
    )


@contextlib.contextmanager
def sampled(interval=0.005):
    """A sampling profile of the project's own functions while the block runs: {name: share
    of samples}. Cheap enough to leave on (cProfile would make a build seven times slower)."""
    main_thread, done = threading.get_ident(), threading.Event()
    counts, samples = collections.Counter(), [0]

    def sample():
        while not done.wait(interval):
            frame, seen = sys._current_frames().get(main_thread), set()
            samples[0] += 1
            while frame is not None:
                path = frame.f_code.co_filename
                if path.startswith(str(ROOT)) and not any(
                    part in path for part in ("/bench/", "/.venv/", "site-packages")
                ):
                    seen.add(f"{Path(path).relative_to(ROOT)}:{frame.f_code.co_name}")
                frame = frame.f_back
            counts.update(seen)

    shares = collections.Counter()
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield shares
    finally:
        done.set()
        sampler.join()
        shares.update({name: count / max(samples[0], 1) for name, count in counts.items()})


# --- docs/performance.md ---------------------------------------------------------------


def performance_page(figures, broken):
    """The figures of one run as Markdown: what `make bench` writes into docs/performance.md."""
    date = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(figures["started"]))
    lines = [
        "# Performance figures",
        "",
        f"Written by `make bench` (`bench/run.py --write docs/performance.md`) on {date}; not edited by hand.",
        "Run `make bench` to measure again; [Quality](quality.md#performance) says how each figure is taken.",
        "",
        f"{figures['machine']}. Load average {figures['load']} when the run started and "
        f"{figures['load_after']} when it ended: on a shared machine every time moves with the load, so compare",
        "the ratios (both pages measured in the same run, taking turns), not the times of two runs.",
        "",
        "## The first statement, against a hand-written page",
        "",
        "The moment the first statement's text is painted (Element Timing on the first legend), on the quiz and on",
        "`bench/floor/` (a hand-written 10-statement page: one HTML file, one small script), both served with gzip,",
        "each by a server process of its own, taking turns in alternate order after a round not counted,",
        f"a fresh browser context for every load, the HTTP cache off; medians of {figures['rounds']} loads each.",
        "",
        "The fastest load of each is there to show how noisy the run was: it is what a page costs when nothing else",
        "on the machine got in the way. The budget applies to the medians.",
        "",
        "| CPU | quiz, median | floor, median | ratio | budget | quiz, fastest | floor, fastest | ratio |",
        "|---|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {slowdown}x | {quiz:.1f} ms | {floor:.1f} ms | **{ratio:.2f}** | {FIRST_STATEMENT_RATIO} | "
        f"{best_quiz:.1f} ms | {best_floor:.1f} ms | {best_quiz / best_floor:.2f} |"
        for slowdown, quiz, floor, ratio, best_quiz, best_floor in figures["first_statement"]
    ]
    lines += [
        "",
        "## Pages",
        "",
        f"Own bytes: the page's HTML (its styles within) and its script, gzip -9 (budget {PAGE_BUDGET:,} B a page; the build",
        f"prints the same count). Requests (budget {REQUESTS_BUDGET} a page) and times: headless Chromium, one tab going from page to page, HTTP cache off,",
        f"medians of {figures['runs']} loads; *ready* is the page's main content as its script leaves it (the quiz: the",
        "first frame with one statement and its progress shown).",
        "",
        "| page | own bytes gzip | requests | first paint 1x | ready 1x | first paint 4x CPU | ready 4x CPU |",
        "|---|---|---|---|---|---|---|",
    ]
    for output, own in figures["pages_own"].items():
        by_slowdown = figures["pages"].get(output, {})
        one, four = by_slowdown.get(1, {}), by_slowdown.get(4, {})
        lines.append(
            f"| {output} | {own:,} B | {one.get('requests', 0):.0f} | {one.get('fcp', 0):.0f} ms | "
            f"{one.get('ready', 0):.0f} ms | {four.get('fcp', 0):.0f} ms | {four.get('ready', 0):.0f} ms |"
        )
    lines += [
        "",
        "What a reader of one language can download, every page, its script and what the scripts read,",
        "each file once: "
        + ", ".join(f"{folder} {total:,} B gzip" for folder, total in figures["languages"].items())
        + f" (budget {LANGUAGE_GZIP_BUDGET:,} B a language).",
        "",
        "## Build time",
        "",
        "`build.main` in process, best of 3 (one run for the largest file); larger files are copies of the statements.",
        "",
        "| statements | build | a statement | load / check / render / write |",
        "|---|---|---|---|",
    ]
    for count, seconds, spent in figures["build"]:
        steps = " / ".join(f"{spent[name] * 1000:.0f}" for name in STEPS)
        lines.append(f"| {count:,} | {seconds * 1000:,.0f} ms | {seconds / count * 1000:.2f} ms | {steps} ms |")
    lines += ["", "## Budgets", ""]
    lines += [f"- broken: {line}" for line in broken] or ["Every budget was met in this run."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
