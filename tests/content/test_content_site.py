"""The built files of a questions.yaml, read without a browser: the check passes, and
every page carries the file's language, direction, title, words and a strict CSP."""

import base64
import hashlib
import html
import re
from html.parser import HTMLParser

import build
from expected import direction


def test_the_check_passes_and_writes_nothing(content_file, tmp_path, capsys):
    assert build.main(["--check", "--source", str(content_file), "--out", str(tmp_path / "out")]) == 0, (
        capsys.readouterr().err
    )
    assert not (tmp_path / "out").exists()


class Page(HTMLParser):
    """The html element's attributes, the title, the CSP and the text of a built page."""

    def __init__(self, source):
        super().__init__(convert_charrefs=True)
        self.root, self.csp, self.title, self.text, self._in = {}, None, "", [], None
        self.feed(source)
        self.text = re.sub(r"\s+", " ", " ".join(self.text))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.root = attrs
        elif tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = attrs.get("content")
        self._in = tag

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, text):
        if self._in == "title":
            self.title += text
        elif self._in not in ("script", "style"):
            self.text.append(text)


def pages(site):
    return {path.name: Page(path.read_text(encoding="utf-8")) for path in sorted(site.glob("*.html"))}


def words(text):
    """Text as it reads on the page: entities decoded, runs of white space as one space."""
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def test_every_page_has_the_files_language_direction_and_title(site, data):
    built = pages(site)
    assert {"index.html", "quiz.html", "result.html"} <= set(built)
    for name, page in built.items():
        assert page.root.get("lang") == data["site"]["language"], name
        assert page.root.get("dir", "ltr") == direction(data), name
        assert page.title.strip().endswith(words(data["site"]["title"])), name


def test_every_page_has_a_strict_content_security_policy(site):
    for name, page in pages(site).items():
        assert page.csp, f"{name} has no CSP"
        policy = {d.split()[0]: d.split()[1:] for d in page.csp.split(";") if d.strip()}
        assert policy["default-src"] == ["'none'"], name
        assert policy["script-src"] == ["'self'"], name  # no inline script, no eval, no other host
        # No style but the page's own <style> element, named by its hash.
        [style] = re.findall(r"<style>(.*?)</style>", (site / name).read_text(encoding="utf-8"), re.S)
        digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
        assert policy.pop("style-src") == [f"'sha256-{digest}'"], name
        assert all(source in ("'self'", "'none'", "data:") for sources in policy.values() for source in sources), name


def test_the_pages_carry_the_files_own_words(site, data):
    """Before any script runs: the story's moments, every statement with every answer,
    and on the worksheet every dimension and band."""
    built = pages(site)
    story, quiz, sheet = built["index.html"].text, built["quiz.html"].text, built["worksheet.html"].text
    assert words(data["story"]["title"]) in story
    for moment in data["story"]["moments"]:
        assert words(moment["heading"]) in story
    answers = [*data["scale"]["labels"], *([data["scale"]["not_sure"]] if data["scale"].get("not_sure") else [])]
    for answer in answers:
        assert words(answer) in quiz
    for statement in data["statements"]:
        assert words(statement["text"]) in quiz
        assert words(statement["text"]) in sheet
    for dimension in data["dimensions"]:
        assert words(dimension["name"]) in sheet
    for band in data["bands"]:
        assert words(band["title"]) in sheet
