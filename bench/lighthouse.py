#!/usr/bin/env python3
"""Lighthouse's four category scores for the story, quiz and result pages.

    python bench/lighthouse.py [PAGE ...]      (make lighthouse; PAGE like quiz.html)

Builds the site, serves it with gzip as GitHub Pages would (harness/server.py), and runs
Lighthouse 12.2.3 (bench/package.json: the last release that runs on Node 20) with its
default mobile settings against Debian's Chromium. The result page is opened with a
full set of answers in its #code, as a shared link would. Prints the scores, then
every audit that cost a point; exits 1 unless all are 100. About 12 s a page.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import build  # noqa: E402
from harness.chromium import CHROMIUM, CHROMIUM_FLAGS, launch  # noqa: E402
from harness.server import serve  # noqa: E402
from run import quietly, result_hash, verdict  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
DEFAULT_PAGES = ("index.html", "quiz.html", "result.html")


def main(argv=None):
    pages = (argv if argv is not None else sys.argv[1:]) or DEFAULT_PAGES
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run make lighthouse, which installs it", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "_site"
        quietly(build.main, ["--source", str(ROOT / "questions.yaml"), "--out", str(site)])
        server, base_url = serve(site)
        try:
            code = answers_code(base_url) if "result.html" in pages else ""
            reports = {
                page: lighthouse(base_url + page + (code if page == "result.html" else ""), Path(temp))
                for page in pages
            }
        finally:
            server.shutdown()
    return print_scores(reports)


def answers_code(base_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright.chromium)
        code = result_hash(browser.new_page(), base_url)
        browser.close()
    return code


def lighthouse(url, temp):
    """Lighthouse's JSON report for url."""
    out = temp / "report.json"
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=" + ",".join(CATEGORIES),
        "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_FLAGS]),
    ]
    run = subprocess.run(
        command, env=dict(os.environ, CHROME_PATH=CHROMIUM), capture_output=True, text=True, timeout=300
    )
    if run.returncode != 0 or not out.exists():
        raise SystemExit(f"lighthouse failed on {url} ({run.returncode}):\n{run.stderr[-2000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def print_scores(reports):
    print(
        f"Lighthouse {next(iter(reports.values()))['lighthouseVersion']}, mobile defaults, "
        f"{CHROMIUM} served with gzip on 127.0.0.1"
    )
    print(f"  {'page':14}" + "".join(f"{name:>16}" for name in CATEGORIES))
    lost = []
    for page, report in reports.items():
        scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
        print(f"  {page:14}" + "".join(f"{scores[name]:>16}" for name in CATEGORIES))
        for name in (name for name in CATEGORIES if scores[name] < 100):
            for ref in report["categories"][name]["auditRefs"]:
                audit = report["audits"][ref["id"]]
                if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                    lost.append(f"{page} {name}: {audit['title']} ({audit.get('displayValue') or audit['score']})")
            if not lost or not lost[-1].startswith(f"{page} {name}:"):
                lost.append(f"{page} {name}: {scores[name]}")
    return verdict(lost, "What cost points:", "All 100.")


if __name__ == "__main__":
    sys.exit(main())
