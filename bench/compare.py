#!/usr/bin/env python3
"""How long the compare page takes with many results, in headless Chromium.

    .venv/bin/python bench/compare.py [--people 500] [--runs 7]

Builds the site into a temporary folder, serves it on 127.0.0.1 as GitHub Pages would, pastes that many
random result codes and presses Compare, timing inside the page from the click until
layout is done (parse + compute + render), and the reading and arithmetic alone. It
prints the median and the slowest run. A measurement, not a test: nothing fails.
"""

import argparse
import random
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import build  # noqa: E402
from harness.chromium import launch  # noqa: E402
from harness.server import serve  # noqa: E402

# Runs in the page: the codes are made by the site's own encoder, then Compare is pressed.
MEASURE = """([people, seed]) => {
  const data = SCI.readData(document);
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = [];
  for (let n = 0; n < people; n += 1) {
    const answers = {};
    data.statements.forEach((s) => { if (next() > 0.1) answers[s.id] = Math.floor(next() * 6); });
    lines.push((n === 0 ? "CEO: " : "") + SCI.encodeAnswers(data, answers));
  }
  const text = lines.join("\\n");
  let started = performance.now();
  SCI.groupSpreads(data, SCI.readGroup(data, text).people);
  const computed = performance.now() - started;
  document.getElementById("lines").value = text;
  started = performance.now();
  document.getElementById("compare").click();
  void document.body.offsetHeight; // force style and layout
  return { computed, rendered: performance.now() - started,
           shown: document.getElementById("count").textContent };
}"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=500, help="how many result codes (default 500)")
    parser.add_argument("--runs", type=int, default=7, help="how many times to measure (default 7)")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "_site"
        if build.main(["--source", str(ROOT / "questions.yaml"), "--out", str(site)]) != 0:
            return 1
        server, base_url = serve(site)
        with sync_playwright() as playwright:
            browser = launch(playwright.chromium)
            page = browser.new_page()
            computed, rendered = [], []
            for run in range(args.runs):
                page.goto(f"{base_url}compare.html?{run}")
                result = page.evaluate(MEASURE, [args.people, random.Random(run).randrange(1, 2**31)])
                computed.append(result["computed"])
                rendered.append(result["rendered"])
            browser.close()
        server.shutdown()
    print(f"compare.html, {args.people} codes, {args.runs} runs in headless Chromium ({result['shown']}):")
    print(f"  parse + compute:          median {statistics.median(computed):6.1f} ms, slowest {max(computed):6.1f} ms")
    print(f"  parse + compute + render: median {statistics.median(rendered):6.1f} ms, slowest {max(rendered):6.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
