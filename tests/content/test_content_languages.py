"""Each other language of the site built from a content file: the translations beside it
(translations/<code>.yaml), which the build checks, merges and writes into <code>/. Every
expectation comes from the files: the check passes, each language's pages are all there
with its lang, dir, title, words and switcher, nothing left unfilled, clean under axe and
the Nu checker. A content file without translations has a one-language site: these tests do not run on it.
"""

import re

import pytest

from a11y import axe_violations
from expected import direction
from support import nu_errors, site_translations
from test_content_reader import PLACEHOLDER
from test_content_site import Page, words
from sitebuild.render import PAGES


@pytest.fixture(scope="session")
def languages(content_file):
    """[(folder, content)] of each translation beside the file, merged as the build merges it."""
    found = site_translations(content_file)
    assert found  # conftest.py gives these tests only the files with translations beside them
    assert all(t.content for t in found), [p.format(t.shown) for t in found for p in t.problems.errors]
    return [(t.code + "/", t.content) for t in found]


def test_every_language_has_its_pages_words_and_switcher(languages, site, data):
    names = {
        "": data["site"]["language_name"],
        **{folder: content["site"]["language_name"] for folder, content in languages},
    }
    for folder, content in languages:
        for shown in PAGES:
            page = Page((site / folder / shown.output).read_text(encoding="utf-8"))
            where = folder + shown.output
            assert page.root.get("lang") == content["site"]["language"], where
            assert page.root.get("dir", "ltr") == direction(content), where
            assert page.title.strip().endswith(words(content["site"]["title"])), where
            assert not re.search(r"\{(statements|dimensions|max)\}", page.text), where
            switcher = re.search(
                r'<nav aria-label="?[^>]*id="?languages"?>(.*?)</nav>',
                (site / folder / shown.output).read_text(encoding="utf-8"),
            )
            assert switcher, where
            for other, name in names.items():
                if other != folder:
                    assert re.search(
                        rf"<a [^>]*href=\"?\.\./{re.escape(other + shown.output)}\"?[^>]*>{re.escape(name)}</a>",
                        switcher.group(1),
                    ), (where, other)
        quiz = Page((site / folder / "quiz.html").read_text(encoding="utf-8")).text
        assert [s["id"] for s in content["statements"]] == [s["id"] for s in data["statements"]]
        for statement in content["statements"]:
            assert words(statement["text"]) in quiz, (folder, statement["id"])


def test_every_languages_pages_pass_axe_with_nothing_unfilled(languages, page, base_url, axe_source):
    found = {}
    for folder, content in languages:
        for shown in PAGES:
            url = base_url + folder + shown.output
            page.goto(url)
            assert page.evaluate("document.documentElement.dir || 'ltr'") == direction(content), url
            assert PLACEHOLDER.findall(page.evaluate("document.body.innerText")) == [], url
            found[url] = axe_violations(page, axe_source)
    assert found == {url: [] for url in found}


def test_every_languages_pages_are_valid_html(languages, site):
    assert nu_errors([site / folder / shown.output for folder, _ in languages for shown in PAGES]) == []
