"""Link previews: the Open Graph and Twitter tags on every page, and the card image the
build draws for them (sitebuild/card.py). Expectations come from the content file, so
they hold for any fork's questions.yaml."""

import io
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser

import pytest
import yaml
from PIL import Image, ImageDraw, ImageFont

import build
from expected import content
from support import FIXTURE, ROOT, skip_or_fail
from sitebuild import card
from sitebuild.render import PAGES

BASE = "https://example.github.io/sci/"
CONTENT = content(FIXTURE)
COLOURS = card.card_colours(ROOT / "static" / "style.css")
NO_ADDRESS = "No site address (site.url in questions.yaml, or --base-url): link previews show no picture and no link."
PREVIEW_TAGS = {
    "og:url",
    "og:image",
    "og:image:type",
    "og:image:width",
    "og:image:height",
    "og:image:alt",
    "twitter:image",
    "twitter:image:alt",
}


class Head(HTMLParser):
    """The page's <title> and its <meta property|name=... content=...> tags."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.title, self.in_title = {}, "", False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.in_title = tag == "title"
        key = attrs.get("property") or attrs.get("name")
        if tag == "meta" and key:
            assert key not in self.meta, f"{key} twice"
            self.meta[key] = attrs.get("content")

    def handle_endtag(self, tag):
        self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data


def run_build(*args):
    """build.py on the fixture content, unless `args` name a --source."""
    source = [] if "--source" in args else ["--source", str(FIXTURE)]
    return subprocess.run([sys.executable, "build.py", *source, *args], cwd=ROOT, capture_output=True, text=True)


def with_site(tmp_path, **site):
    """A copy of questions.yaml with `site` values changed; its path."""
    data = content(FIXTURE)
    data["site"].update(site)
    path = tmp_path / "questions.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    return path


def image(data):
    picture = Image.open(io.BytesIO(data))
    picture.load()
    return picture


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The fixture content built with --base-url, as the Pages workflow builds it."""
    out = tmp_path_factory.mktemp("published") / "_site"
    result = run_build("--out", str(out), "--base-url", BASE.rstrip("/"))  # configure-pages gives no final /
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert NO_ADDRESS not in result.stdout
    return out


# --- The tags --------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.output)
def test_every_page_carries_the_preview_tags(published, page):
    head = Head((published / page.output).read_text(encoding="utf-8"))
    site = CONTENT["site"]
    image_url = f"{BASE}static/card-{site['language']}.png"
    alt = f"{site['title']}: {site['description']}"
    assert {key: value for key, value in head.meta.items() if key.startswith(("og:", "twitter:"))} == {
        "og:type": "website",
        "og:site_name": site["title"],
        "og:title": head.title,
        "og:description": site["description"],
        "og:url": BASE if page.output == "index.html" else BASE + page.output,
        "og:image": image_url,
        "og:image:type": "image/png",
        "og:image:width": "1200",
        "og:image:height": "630",
        "og:image:alt": alt,
        "twitter:card": "summary_large_image",
        "twitter:title": head.title,
        "twitter:description": site["description"],
        "twitter:image": image_url,
        "twitter:image:alt": alt,
    }
    assert head.title.endswith(" · " + site["title"])


def test_the_card_the_tags_name_is_a_1200_by_630_png(published):
    path = published / "static" / f"card-{CONTENT['site']['language']}.png"
    picture = image(path.read_bytes())
    assert (picture.format, picture.size, picture.mode) == ("PNG", (1200, 630), "RGB")
    assert path.stat().st_size < 300_000  # networks refuse large images; it is about 35 KB


def test_without_an_address_the_absolute_tags_are_left_out_and_the_build_says_so_once(site):
    for page in PAGES:
        meta = Head((site / page.output).read_text(encoding="utf-8")).meta
        assert not PREVIEW_TAGS & set(meta), page.output
        assert meta["og:title"] and meta["twitter:card"] == "summary_large_image"


def test_the_build_says_once_that_it_has_no_address(tmp_path):
    result = run_build("--out", str(tmp_path / "site"))
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.splitlines()[1:] == [NO_ADDRESS]
    assert run_build("--check").stdout.count("No site address") == 0  # a check writes no previews


def test_site_url_in_the_content_gives_the_address_and_base_url_overrides_it(tmp_path):
    source = with_site(tmp_path, url="https://culture.example.com")
    result = run_build("--source", str(source), "--out", str(tmp_path / "a"))
    assert result.returncode == 0 and NO_ADDRESS not in result.stdout, result.stdout + result.stderr
    assert Head((tmp_path / "a" / "quiz.html").read_text()).meta["og:url"] == "https://culture.example.com/quiz.html"
    run_build("--source", str(source), "--out", str(tmp_path / "b"), "--base-url", "https://other.example.org/x/")
    assert Head((tmp_path / "b" / "quiz.html").read_text()).meta["og:url"] == "https://other.example.org/x/quiz.html"


def test_site_url_must_be_https(tmp_path):
    source = with_site(tmp_path, url="http://culture.example.com")
    line = source.read_text(encoding="utf-8").split("\n").index("  url: http://culture.example.com") + 1
    result = run_build("--source", str(source), "--check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f'questions.yaml:{line}:8: site › url "http://culture.example.com" is not in the expected form; '
        'write it like "https://example.github.io/sales-culture/"',
        "1 error, 0 warnings in questions.yaml; nothing was written.",
    ]


@pytest.mark.parametrize(
    "address",
    ["http://example.org", "https://example.org/?a=1", "https://example.org/#top", "example.org", "https://a b.org"],
)
def test_base_url_must_be_https(address, capsys):
    with pytest.raises(SystemExit) as stop:
        build.main(["--check", "--base-url", address])
    assert stop.value.code == 2
    assert (
        capsys.readouterr()
        .err.splitlines()[-1]
        .endswith(  # after the program's name
            f": error: argument --base-url: {address!r} is not an https:// address without ?query or #fragment, "
            "such as https://example.github.io/sales-culture/"
        )
    )


def test_a_stylesheet_without_the_cards_colours_stops_the_check(tmp_path):
    stylesheet = tmp_path / "static" / "style.css"
    stylesheet.parent.mkdir()
    stylesheet.write_text(":root {\n  --primary: var(--brand);\n  --primary-text: #fff;\n}\n", encoding="utf-8")
    with pytest.raises(card.CardProblem) as problem:
        card.card_colours(stylesheet)
    assert str(problem.value) == (
        "static/style.css: the link preview card is drawn in --primary, which needs a plain colour such as #1d4e89 "
        "in the first :root { } block"
    )


# --- The card --------------------------------------------------------------------------------


def ink_columns(picture, top, bottom):
    """The leftmost and rightmost columns between two rows that differ from the background."""
    background = COLOURS["background"]
    columns = [x for x in range(picture.width) for y in range(top, bottom, 3) if picture.getpixel((x, y)) != background]
    return min(columns), max(columns)


def test_the_card_of_the_content_is_its_title_and_description_in_the_site_colours():
    site = CONTENT["site"]
    picture = image(card.draw_card(site["title"], site["description"], COLOURS))
    assert (picture.format, picture.size) == ("PNG", (card.WIDTH, card.HEIGHT))
    assert picture.getpixel((5, 5)) == COLOURS["background"]
    assert COLOURS["text"] in {colour for _, colour in picture.getcolors(1_000_000)}
    strip = card.HEIGHT - 1
    assert (
        picture.getpixel((0, strip)) == COLOURS["low"] and picture.getpixel((card.WIDTH - 1, strip)) == COLOURS["high"]
    )
    left, right = ink_columns(picture, card.MARGIN, card.HEIGHT - card.BAR - card.MARGIN)
    assert left >= card.MARGIN - 8 and right <= card.WIDTH - card.MARGIN + 8  # nothing past the margins


def test_a_long_title_is_wrapped_then_shortened_at_a_word():
    title = "The remarkably long and winding name of an indicator that a fork author chose for their sales teams " * 3
    font = ImageFont.truetype(str(card.FONT), card.TITLE_SIZES[-1])
    lines, complete = card.wrap(title, font, card.WIDTH - 2 * card.MARGIN, card.TITLE_LINES)
    assert not complete and len(lines) == card.TITLE_LINES
    assert all(font.getlength(line) <= card.WIDTH - 2 * card.MARGIN for line in lines)
    assert lines[-1].endswith(card.ELLIPSIS)
    shown = " ".join(lines)[: -len(card.ELLIPSIS)]
    assert title.startswith(shown) and title[len(shown)] == " "  # cut between words, not inside one
    picture = image(card.draw_card(title, title, COLOURS))
    assert picture.size == (card.WIDTH, card.HEIGHT)
    left, right = ink_columns(picture, card.MARGIN, card.HEIGHT - card.BAR - card.MARGIN)
    assert left >= card.MARGIN - 8 and right <= card.WIDTH - card.MARGIN + 8


def test_a_word_longer_than_the_card_breaks_between_characters_never_inside_one():
    font = ImageFont.truetype(str(card.FONT), 60)
    accented = "e\u0301" * 40  # é as a letter and a combining accent: one character to a reader
    family = "\U0001f469\u200d\U0001f469\u200d\U0001f467"  # one emoji of three joined
    for word in (accented, family * 30, "x" * 200):
        lines, _ = card.wrap(word, font, 400, 50)
        assert len(lines) > 1 and "".join(lines) == word
        for line in lines:
            assert not unicodedata.combining(line[0]) and line[0] != "\u200d" and line[-1] != "\u200d", ascii(line)
    lines, complete = card.wrap(accented, font, 400, 2)
    assert not complete and lines[-1].endswith("e\u0301" + card.ELLIPSIS)  # after a whole é


def test_right_to_left_text_reads_from_the_right():
    if not card.RAQM:
        skip_or_fail("Pillow's Raqm layout needs FriBiDi: apt-get install libfribidi0 (make test does, as root)")
    title, description = "מדד תרבות המכירות", "בדיקה קצרה למנהלים: האם תרבות המכירות שלכם מנצחת בעסקאות? " * 4
    assert (
        card.direction(title) == "rtl"
        and card.direction("2025 " + title) == "rtl"
        and card.direction("ACME מדד") == "ltr"
    )
    picture = image(card.draw_card(title, description, COLOURS))
    assert (picture.format, picture.size) == ("PNG", (card.WIDTH, card.HEIGHT))
    # A short title sits at the right margin, far from the left one.
    font = ImageFont.truetype(str(card.FONT), card.TITLE_SIZES[0])
    top = next(
        y
        for y in range(card.HEIGHT)
        if any(picture.getpixel((x, y)) != COLOURS["background"] for x in range(card.WIDTH))
    )
    left, right = ink_columns(picture, top, top + font.size // 2)
    assert card.WIDTH - card.MARGIN - 8 <= right <= card.WIDTH - card.MARGIN + 8 and left > card.WIDTH // 3
    # Letters in right-to-left order: the word drawn by the card is the word's letters drawn
    # one by one from the right.
    word = "שלום"
    drawn = Image.new("L", (400, 120))
    ImageDraw.Draw(drawn).text((380, 10), word, font=font, fill=255, anchor="ra", **card.layout("rtl"))
    by_hand = Image.new("L", (400, 120))
    x = 380
    for letter in word:
        ImageDraw.Draw(by_hand).text((x, 10), letter, font=font, fill=255, anchor="ra")
        x -= font.getlength(letter)
    assert drawn.getbbox() and abs(drawn.getbbox()[0] - by_hand.getbbox()[0]) <= 3
    assert sum(a != b for a, b in zip(drawn.tobytes(), by_hand.tobytes())) < 0.02 * 400 * 120

    # Every letter has a glyph in the card's font: none is drawn as the "missing" box.
    def drawn_alone(letter):
        picture = Image.new("L", (120, 120))
        ImageDraw.Draw(picture).text((10, 10), letter, font=font, fill=255)
        return picture.tobytes()

    missing = drawn_alone("\U000e0fff")
    for letter in set(title + description) - {" "}:
        assert drawn_alone(letter) != missing, letter


def test_the_card_font_ships_with_its_licence():
    assert card.FONT.is_file() and (card.FONT.parent / "LICENSE").is_file()
    assert "Bitstream Vera Fonts Copyright" in (card.FONT.parent / "LICENSE").read_text(encoding="utf-8")


def test_without_raqm_a_right_to_left_card_is_reported(monkeypatch):
    hebrew = {"title": "מדד", "description": "בדיקה קצרה", "language": "he"}
    english = {"title": "Indicator", "description": "A short check.", "language": "en"}
    monkeypatch.setattr(card, "RAQM", False)
    assert card.layout("rtl") == {}  # basic layout takes no direction
    assert card.layout_warning([english]) is None
    assert card.layout_warning([dict(english, description=hebrew["description"])]) is not None
    assert card.layout_warning([english, hebrew]) == (
        "The link preview card's right-to-left text needs FriBiDi (Debian: apt-get install libfribidi0); "
        "without it its letters are in typed order."
    )
    assert image(card.draw_card(hebrew["title"], hebrew["description"], COLOURS)).size == (card.WIDTH, card.HEIGHT)
    monkeypatch.setattr(card, "RAQM", True)
    assert card.layout_warning([hebrew]) is None


def test_a_line_never_breaks_at_a_no_break_space():
    # French sets a narrow no-break space before : and ?, and a no-break space keeps 20 with
    # "millions": at any width the colon stays on its word's line and the spaces stay as written.
    font = ImageFont.truetype(str(card.FONT), card.DESCRIPTION_SIZE)
    text = "Quatre minutes pour un dirigeant\u202f: votre culture gagne-t-elle des contrats\u202f? Plus de 20\u00a0millions"
    for width in range(320, 1100, 20):
        lines, complete = card.wrap(text, font, width, 50)
        assert complete and " ".join(lines) == text, (width, lines)
        assert not any(line.startswith((":", "?", "millions")) for line in lines), (width, lines)
