"""Minified scripts and styles are kept by content hash (sitebuild/minify.py), so a build
minifies only what changed since the last one."""

from support import ROOT
from sitebuild import minify

SCRIPT = (ROOT / "static" / "js" / "indicator.js").read_text(encoding="utf-8")


def test_a_cached_minification_is_the_minification(tmp_path):
    first = minify.minify_cached(".js", SCRIPT, cache=tmp_path)
    assert first == minify.minify_script(SCRIPT)
    (entry,) = tmp_path.iterdir()
    assert entry.suffix == ".js" and entry.read_text(encoding="utf-8") == first
    assert minify.minify_cached(".js", SCRIPT, cache=tmp_path) == first
    assert list(tmp_path.iterdir()) == [entry]


def test_the_second_build_reads_the_cache_and_a_change_misses_it(tmp_path):
    minify.minify_cached(".js", SCRIPT, cache=tmp_path)
    (entry,) = tmp_path.iterdir()
    entry.write_text("/* from the cache */", encoding="utf-8")  # what a second run gets back
    assert minify.minify_cached(".js", SCRIPT, cache=tmp_path) == "/* from the cache */"
    changed = SCRIPT.replace("use strict", "use  strict")
    assert minify.minify_cached(".js", changed, cache=tmp_path) == minify.minify_script(changed)
    assert len(list(tmp_path.iterdir())) == 2


def test_an_unwritable_cache_only_costs_time(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert minify.minify_cached(".css", "a { color : red ; }", cache=blocked / "minify") == "a{color:red}"
