"""Write the site atomically: build beside the output folder, then swap it in.

A failed or interrupted build leaves the previous site exactly as it was.
"""

import os
import shutil
import tempfile
from pathlib import Path

from .minify import BY_SUFFIX, minify_cached, minify_page

INLINED = {"favicon.svg"}  # render.py writes it into every page as a data: URI


def write_site(pages, static_dir, out, files=None):
    """Write `pages` ({name: HTML}), a copy of static/ and `files` ({path: bytes}, drawn
    by the build) to `out`, all or nothing."""
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        for name, html in pages.items():
            (staging / name).write_text(minify_page(html), encoding="utf-8")
        copy_static(static_dir, staging / "static")
        for name, data in (files or {}).items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_bytes(data)
        (staging / ".nojekyll").touch()  # GitHub Pages: serve the files as they are
        staging.chmod(0o755)
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def copy_static(static_dir, target):
    """static/ as it is, but with scripts and styles minified (once per version of each: minify.py)."""
    for source in sorted(Path(static_dir).rglob("*")):
        if source.is_dir() or source.name in INLINED:
            continue
        destination = target / source.relative_to(static_dir)
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix in BY_SUFFIX:
            text = source.read_text(encoding="utf-8")
            destination.write_text(minify_cached(source.suffix, text) + "\n", encoding="utf-8")
        else:
            shutil.copyfile(source, destination)


def swap_in(staging, out):
    """Replace `out` with `staging` by two renames; the old site is removed last."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.replace(out, old / out.name)
    try:
        os.replace(staging, out)
    except BaseException:
        if old:
            os.replace(old / out.name, out)  # put the previous site back
        raise
    if old:
        shutil.rmtree(old, ignore_errors=True)
