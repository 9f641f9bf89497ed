"""The build weighs what it wrote: the whole site in its summary line, and a warning (not
a failure) for each page whose own HTML, CSS and scripts pass the budget. bench/run.py
measures any fork's build. On forks of the engine fixture, never the live file."""

import gzip
import re
import sys
from pathlib import Path

import build
import variants
from sitebuild.load import MAX_BYTES
from sitebuild.render import PAGES
from sitebuild.size import PAGE_BUDGET

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import run as bench


def built(tmp_path, capsys, data):
    source = variants.write(data, tmp_path / "questions.yaml")
    status = build.main(["--source", str(source), "--out", str(tmp_path / "_site")])
    out, err = capsys.readouterr()
    return status, out, err


def test_summary_gives_the_site_gzip_size(tmp_path, capsys):
    status, out, err = built(tmp_path, capsys, variants.base())
    assert status == 0 and err == ""
    first, *rest = out.splitlines()  # then, without a site address, the link previews' one line
    weight = re.fullmatch(
        rf"Built {len(PAGES)} pages from 16 statements in 5 dimensions into .*/ in [\d.]+ s, ([\d,]+) bytes gzip\.",
        first,
    )
    assert weight and len(rest) == 1 and rest[0].startswith("No site address"), out
    files = [p for p in (tmp_path / "_site").rglob("*") if p.is_file() and p.stat().st_size]
    assert int(weight.group(1).replace(",", "")) == sum(len(gzip.compress(p.read_bytes(), 9, mtime=0)) for p in files)


def test_a_page_over_budget_is_a_warning_not_a_failure(tmp_path, capsys):
    status, out, err = built(tmp_path, capsys, variants.long(200))
    assert status == 0 and out.startswith(f"Built {len(PAGES)} pages from 200 statements")
    site = tmp_path / "_site"
    own = sum(
        len(gzip.compress((site / name).read_bytes(), 9, mtime=0))
        for name in ("quiz.html", "static/joined/indicator+quiz.js")  # the page holds its styles
    )
    assert own > PAGE_BUDGET
    assert (
        f"warning: quiz.html is {own:,} bytes gzip with its stylesheet and scripts, over the budget of {PAGE_BUDGET:,} a page; "
        "it still works, but loads slower on a phone (fewer or shorter statements make it lighter)" in err.splitlines()
    )
    assert "index.html" not in err


def test_bench_scales_a_long_fork_within_the_loader_limit(tmp_path):
    source = variants.write(variants.long(200), tmp_path / "questions.yaml")
    own, tenth, largest = bench.scaled_counts(source)
    assert own == 200 and tenth == largest // 10 and largest > own
    assert len(bench.dumped(bench.scaled_content(source, largest)).encode()) < MAX_BYTES
    short = variants.write(variants.base(), tmp_path / "short.yaml")
    assert bench.scaled_counts(short) == (16, 160, 1600)
