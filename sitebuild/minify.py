"""What readers download is smaller than what forks read: comments, spaces and local
names go; behaviour does not change.

Each job is done by a maintained library, because minifying by hand gets strings,
regular expressions and whitespace-sensitive HTML wrong:
- calmjs.parse parses our ES5 scripts and prints them back with short local names
  (globals such as window.SCI and every property name stay as written);
- rcssmin drops comments and spaces from the stylesheet;
- minify-html removes the spaces between tags, the quotes and the closing tags that
  HTML does not need (the page stays valid), and leaves the JSON data block as it is.
"""

import minify_html
import rcssmin
from calmjs.parse import es5
from calmjs.parse.unparsers.es5 import minify_print


def minify_script(text):
    return minify_print(es5(text), obfuscate=True, obfuscate_globals=False)


def minify_style(text):
    return rcssmin.cssmin(text)


def minify_page(html):
    return minify_html.minify(html)


BY_SUFFIX = {".js": minify_script, ".css": minify_style, ".html": minify_page}
