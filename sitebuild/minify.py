"""What readers download is smaller than what forks read: comments, spaces and local
names go; behaviour does not change.

Each job is done by a maintained library, because minifying by hand gets strings,
regular expressions and whitespace-sensitive HTML wrong:
- calmjs.parse parses our ES5 scripts and prints them back with short local names
  (globals such as window.SCI and every property name stay as written);
- rcssmin drops comments and spaces from the stylesheet;
- minify-html removes the spaces between tags, the quotes and the closing tags that
  HTML does not need (the page stays valid), and leaves the JSON data block as it is.

Scripts and the stylesheet change far less often than the site is built (the tests build
it dozens of times), so their minified text is kept in .cache/minify/ under a hash of
what went in: the text, the minifiers' versions and this file. A stale or damaged entry can never be
used, since any change to either gives another name; delete the folder whenever you like.
"""

import functools
import hashlib
import os
import tempfile
from pathlib import Path

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "minify"


def minify_script(text):
    # Imported here, not above: only a cache miss minifies (a build, not --check, and rarely).
    from calmjs.parse import es5
    from calmjs.parse.unparsers.es5 import minify_print

    return minify_print(es5(text), obfuscate=True, obfuscate_globals=False)


def minify_style(text):
    import rcssmin  # on a cache miss only, as calmjs.parse above

    return rcssmin.cssmin(text)


def minify_page(html):
    import minify_html  # only when a site is written: --check and serve.py never need it

    return minify_html.minify(html)


BY_SUFFIX = {".js": minify_script, ".css": minify_style, ".html": minify_page}


@functools.cache
def minifiers():
    """What minifies: the libraries' releases, as installed, and this file's settings. A
    change to any gives new entries."""
    # The installed releases, read from their metadata without importing the libraries; here,
    # not above, so that only a build that minifies pays importlib.metadata's import.
    from importlib.metadata import version

    releases = " ".join(f"{name} {version(name)}" for name in ("calmjs.parse", "rcssmin", "minify-html"))
    return f"{releases}\0{hashlib.sha256(Path(__file__).read_bytes()).hexdigest()}"


def minify_cached(suffix, text, cache=CACHE):
    """BY_SUFFIX[suffix](text), from the cache when the same text was minified before."""
    key = hashlib.sha256(f"{minifiers()}\0{text}".encode()).hexdigest()
    entry = cache / f"{key}{suffix}"
    try:
        return entry.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    minified = BY_SUFFIX[suffix](text)
    try:  # written aside and renamed, so a build running alongside never reads half an entry
        cache.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache, prefix=".new-")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(minified)
        os.replace(temporary, entry)
    except OSError:
        pass  # a read-only checkout builds all the same, only slower
    return minified
