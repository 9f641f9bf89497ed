"""The link preview card: the picture LinkedIn, Slack, Teams and the like show beside a
shared link (og:image). Crawlers run no JavaScript and take no SVG, so the build draws a
1200 x 630 PNG of the site's title and description, in the site's own colours.

One card per language, so a site in several languages can pass each one's `site:`
group to draw_cards; today the content has one.

The font ships with the project (fonts/DejaVuSans-Bold.ttf, its licence beside it), so
the card looks the same on every machine: Pillow's built-in font has only ASCII letters.
Right-to-left text (Hebrew, Arabic) is ordered and joined by Pillow's Raqm layout, which
needs the system's FriBiDi library (Debian: libfribidi0, which `make build` installs);
without it letters come out in typed order, and layout_warning() says so.
"""

import io
import re
import unicodedata
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont, features

WIDTH, HEIGHT = 1200, 630  # the size every network crops to without losing an edge
MARGIN = 80
FONT = Path(__file__).resolve().parent / "fonts" / "DejaVuSans-Bold.ttf"
TITLE_SIZES = (76, 68, 60)  # the largest at which the title fits in TITLE_LINES is used
TITLE_LINES = 3
DESCRIPTION_SIZE = 36
LINE_HEIGHT = 1.25  # times the font size
BAR = 14  # the strip along the bottom: the site's spectrum, liability to asset
ELLIPSIS = "\u2026"
# Which of style.css's custom properties (its first :root block: the light theme) paint what.
COLOURS = {"background": "--primary", "text": "--primary-text", "low": "--liability", "high": "--asset"}
RAQM = features.check_feature("raqm")  # bidirectional layout and shaping
JOINERS = {"\u200d", "\u034f"}  # ZERO WIDTH JOINER and COMBINING GRAPHEME JOINER glue characters
# Blanks a line may break at: any whitespace but the no-break spaces, which French sets
# before : ; ? ! and inside « », and which keep a number with its unit.
BREAKS = re.compile(r"[^\S\u00a0\u2007\u202f]+")


class CardProblem(ValueError):
    """Something the card needs is missing from static/style.css."""


def card_path(language):
    """Where a language's card lives in the built site."""
    return f"static/card-{language}.png"


def draw_cards(sites, stylesheet):
    """{path in the site: PNG bytes} for each `site:` group (title, description, language)."""
    colours = card_colours(stylesheet)
    return {card_path(site["language"]): draw_card(site["title"], site["description"], colours) for site in sites}


def card_colours(stylesheet):
    """{role: RGB} from the stylesheet's custom properties; CardProblem names what is missing."""
    css = Path(stylesheet).read_text(encoding="utf-8")
    root = re.search(r":root\s*\{([^}]*)\}", css)
    values = dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", root.group(1) if root else ""))
    colours = {}
    for role, name in COLOURS.items():
        try:
            colours[role] = ImageColor.getrgb(values[name].strip())
        except (KeyError, ValueError):
            raise CardProblem(
                f"{Path(stylesheet).parent.name}/{Path(stylesheet).name}: the link preview card is drawn in {name}, "
                "which needs a plain colour such as #1d4e89 in the first :root { } block"
            ) from None
    return colours


def layout_warning(sites):
    """A sentence for the build's summary when right-to-left text cannot be laid out, else None."""
    if RAQM or not any(direction(site[key]) == "rtl" for site in sites for key in ("title", "description")):
        return None
    return "The link preview card's right-to-left text needs FriBiDi (Debian: apt-get install libfribidi0); without it its letters are in typed order."


def draw_card(title, description, colours):
    """The card as PNG bytes: the title large, the description under it, both wrapped to
    the card and ended with an ellipsis where they do not fit."""
    width = WIDTH - 2 * MARGIN
    for size in TITLE_SIZES:
        title_font = ImageFont.truetype(str(FONT), size)
        title_lines, complete = wrap(title, title_font, width, TITLE_LINES)
        if complete:
            break
    description_font = ImageFont.truetype(str(FONT), DESCRIPTION_SIZE)
    gap = DESCRIPTION_SIZE  # a blank line's worth between the two
    room = (HEIGHT - BAR - 2 * MARGIN - gap - len(title_lines) * line_step(title_font)) // line_step(description_font)
    description_lines = wrap(description, description_font, width, room)[0] if room > 0 else []
    # The text as one block, in the middle of the space above the strip.
    height = len(title_lines) * line_step(title_font) + gap + len(description_lines) * line_step(description_font)
    y = max(MARGIN, (HEIGHT - BAR - height) // 2)

    image = Image.new("RGB", (WIDTH, HEIGHT), colours["background"])
    draw = ImageDraw.Draw(image)
    y = draw_lines(draw, title_lines, title_font, y, colours["text"], direction(title))
    draw_lines(draw, description_lines, description_font, y + gap, colours["text"], direction(description))
    # The strip: the site's spectrum, liability to asset, as on the result page.
    strip = Image.new("RGB", (WIDTH, 1))
    strip.putdata([mix(colours["low"], colours["high"], x / (WIDTH - 1)) for x in range(WIDTH)])
    image.paste(strip.resize((WIDTH, BAR)), (0, HEIGHT - BAR))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def line_step(font):
    return round(font.size * LINE_HEIGHT)


def draw_lines(draw, lines, font, y, colour, way):
    """Draw lines from `y` down, aligned to where text in direction `way` starts; returns the y below them."""
    x, anchor = (WIDTH - MARGIN, "ra") if way == "rtl" else (MARGIN, "la")
    for line in lines:
        draw.text((x, y), line, font=font, fill=colour, anchor=anchor, **layout(way))
        y += line_step(font)
    return y


def wrap(text, font, width, max_lines):
    """(lines, complete): `text` in lines no wider than `width`, breaking between words and,
    inside a word too long for a line, between characters (never inside one: an accent or
    joined emoji stays with its letter). Past `max_lines` the last line ends with an ellipsis."""
    way, lines, current = direction(text), [], ""
    for word in filter(None, BREAKS.split(text)):
        candidate = f"{current} {word}" if current else word
        if fits(candidate, font, width, way):
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for cluster in clusters(word):  # a word wider than the card by itself
            if current and not fits(current + cluster, font, width, way):
                lines.append(current)
                current = ""
            current += cluster
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines, True
    return lines[: max_lines - 1] + [shortened(lines[max_lines - 1], font, width, way)], False


def shortened(line, font, width, way):
    """`line` with an ellipsis, cut at a word (or, for one long word, a character) so it fits."""
    words = line.split(" ")
    while len(words) > 1 and not fits(" ".join(words) + ELLIPSIS, font, width, way):
        words.pop()
    parts = clusters(" ".join(words))
    while parts and not fits("".join(parts) + ELLIPSIS, font, width, way):
        parts.pop()
    return "".join(parts).rstrip(" ,;:.\u2013\u2014-") + ELLIPSIS


def clusters(text):
    """`text` as the pieces a reader sees as one character: a letter with its combining
    marks, variation selectors and skin tones, and emoji joined by ZERO WIDTH JOINER."""
    pieces = []
    for char in text:
        glued = (
            unicodedata.combining(char)
            or unicodedata.category(char) in ("Mn", "Mc", "Me")
            or ("\ufe00" <= char <= "\ufe0f" or "\U0001f3fb" <= char <= "\U0001f3ff" or char in JOINERS)
        )
        if pieces and (glued or pieces[-1][-1] in JOINERS):
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def fits(text, font, width, way):
    return font.getlength(text, **layout(way)) <= width


def layout(way):
    """Pillow's arguments for text in direction `way`: Raqm takes a direction, basic layout none."""
    return {"direction": way} if RAQM else {}


def direction(text):
    """ "rtl" when the first letter with a direction is right-to-left (Hebrew, Arabic...),
    else "ltr": Unicode's rule for a paragraph's direction."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))
