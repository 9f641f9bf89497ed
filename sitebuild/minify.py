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

import hashlib
import os
import tempfile
from importlib.metadata import version
from pathlib import Path

import minify_html
import rcssmin
from calmjs.parse import es5
from calmjs.parse.unparsers.es5 import minify_print

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "minify"


def minify_script(text):
    return minify_print(es5(text), obfuscate=True, obfuscate_globals=False)


def minify_style(text):
    return rcssmin.cssmin(text)


def minify_page(html):
    return minify_html.minify(html)


BY_SUFFIX = {".js": minify_script, ".css": minify_style, ".html": minify_page}
# What minifies: the libraries' releases and this file's settings. A change to any gives new entries.
MINIFIERS = " ".join(f"{name} {version(name)}" for name in ("calmjs.parse", "rcssmin", "minify-html"))
SETTINGS = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def minify_cached(suffix, text, cache=CACHE):
    """BY_SUFFIX[suffix](text), from the cache when the same text was minified before."""
    key = hashlib.sha256(f"{MINIFIERS}\0{SETTINGS}\0{text}".encode()).hexdigest()
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
