"""Paper: the result as a one-page report, and the worksheet, which must work with
JavaScript off, print cleanly and score by hand to the band the site gives."""

import math
import random
import re
from html.parser import HTMLParser

import pytest

from expected import content, encode_link
from sitebuild.render import fingerprint
from test_share_browser import SHOWN

DATA = content()
UI = DATA["ui"]
IDS = [s["id"] for s in DATA["statements"]]
FINGERPRINT = fingerprint(DATA)


def pages_in(pdf):
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def longest_report():
    """The answers that make the longest report: the two dimensions with the most advice
    lowest, in the band with the most next steps."""
    longest_band = max(range(len(DATA["bands"])), key=lambda i: DATA["bands"][i]["next_steps"].count("\n- "))
    by_advice = sorted(DATA["dimensions"], key=lambda d: -d["advice"]["low"].count("\n- "))
    weakest = {d["id"] for d in by_advice[:2]}
    band_min = DATA["bands"][longest_band]["min"]
    for other in range(1, 6):  # the other dimensions just high enough for that band
        answers = {}
        for s in DATA["statements"]:
            value = 1 if s["dimension"] in weakest else other
            answers[s["id"]] = 6 - value if s.get("reverse") else value
        overall = sum(0 if d["id"] in weakest else (other - 1) * 25 for d in DATA["dimensions"]) / len(
            DATA["dimensions"]
        )
        if math.floor(overall + 0.5) >= band_min:
            return answers
    raise AssertionError("no such answers")


@pytest.mark.parametrize("answers", [longest_report(), DATA["reference"]["answers"]], ids=["longest", "the-vendor"])
@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_the_result_prints_on_one_page(page, base_url, answers, size):
    link = f"{base_url}result.html#{encode_link(DATA, FINGERPRINT, answers)}"
    page.goto(link)
    page.locator(".advice ul").nth(1).wait_for()  # read from advice.html after the scores
    assert page.locator(".advice:visible").count() == 2
    page.emulate_media(media="print")
    for hidden in ["header", "footer", "nav", "#share", "button", "#shared-note a"]:
        assert page.locator(hidden).first.is_hidden(), hidden
    for shown in ["#overall-score", "#spectrum", ".band:visible", "table.dimensions", "#weakest"]:
        assert page.locator(shown).is_visible(), shown
    line = page.locator("#report-line")
    assert line.is_visible()
    date, written = re.fullmatch(
        UI["report_line"].replace(".", r"\.").replace("{date}", "(.+)").replace("{link}", "(.+)"), line.text_content()
    ).groups()
    assert written == link
    assert date == page.evaluate("new Date().toLocaleDateString('en', { dateStyle: 'long' })")
    assert pages_in(page.pdf(format=size)) == 1


# --- The worksheet ---------------------------------------------------------------------------


class Tables(HTMLParser):
    """The worksheet's tables as rows of cell texts, by class, and the text of each <li> of the key."""

    def __init__(self, html):
        super().__init__()
        self.tables, self.steps = {}, []
        self.table = self.row = self.cell = self.step = None
        self.in_key = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        # The built page leaves out the end tags HTML does not need (</td>, </tr>, </li>):
        # a new cell, row or item ends the open one, as a browser reads it.
        attrs = dict(attrs)
        if tag in ("td", "th", "tr"):
            self.end_cell()
        if tag == "li":
            self.end_step()
        if tag == "table":
            self.table = self.tables.setdefault(attrs.get("class"), [])
        elif tag == "tr" and self.table is not None:
            self.row = []
            self.table.append(self.row)
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "section" and attrs.get("class") == "key":
            self.in_key = True
        elif tag == "li" and self.in_key:
            self.step = []

    def handle_endtag(self, tag):
        if tag in ("td", "th", "tr", "thead", "tbody", "tfoot", "table"):
            self.end_cell()
        if tag in ("li", "ol", "ul", "section"):
            self.end_step()
        if tag == "table":
            self.table = None

    def end_cell(self):
        if self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None

    def end_step(self):
        if self.step is not None:
            self.steps.append(" ".join("".join(self.step).split()))
            self.step = None

    def handle_data(self, data):
        for part in (self.cell, self.step):
            if part is not None:
                part.append(data)


def pattern(template):
    """A ui sentence with each {placeholder} as a group, to read the printed numbers back."""
    return re.escape(template).replace(r"\{", "{").replace(r"\}", "}").replace("{", "(?P<").replace("}", ">.+?)")


def read_key(html):
    """What a person scoring by hand has in front of them: the numbered statements and the key."""
    tables = Tables(html)
    statements = {row[1]: int(row[0]) for row in tables.tables["ticks"][1:]}
    mark = re.search(r"“([^”]+)”", tables.steps[0]).group(1)  # the word that marks a reversed statement
    dimensions = {}
    for row in tables.tables["key-table"][1:-1]:
        numbers = []
        for item in row[1].split(", "):
            number, _, rest = item.partition(" ")
            numbers.append((int(number), rest == f"({mark})"))
        dimensions[row[0]] = numbers
    overall_rule = next(step for step in tables.steps if re.fullmatch(pattern(UI["worksheet_step_overall"]), step))
    needed = int(re.fullmatch(pattern(UI["worksheet_step_overall"]), overall_rule).group("needed"))
    bands = []
    for row in tables.tables["band-table"][1:]:
        edges = re.fullmatch(pattern(UI["compare_range"]), row[0])
        bands.append((int(edges.group("low")), int(edges.group("high")), row[1]))
    return statements, dimensions, needed, bands


def score_by_hand(key, ticks):
    """Follows the printed key, step by step. ticks: {statement number: 1-5, or None for
    "not sure" or a blank}. Returns (overall score, band title), or (None, None)."""
    _, dimensions, needed, bands = key
    scores, counted = [], 0
    for numbers in dimensions.values():
        values = [6 - ticks[n] if reversed_ else ticks[n] for n, reversed_ in numbers if ticks.get(n)]
        counted += len(values)
        scores.append((sum(values) - len(values)) * 25 / len(values) if values else None)
    if None in scores or counted < needed:
        return None, None
    overall = math.floor(sum(scores) / len(scores) + 0.5)  # "a half rounds up"
    return overall, next(title for low, high, title in bands if low <= overall <= high)


def test_the_worksheet_scores_by_hand_to_the_sites_band(page, base_url, site):
    key = read_key((site / "worksheet.html").read_text(encoding="utf-8"))
    statements, dimensions, _, bands = key
    assert [statements[s["text"]] for s in DATA["statements"]] == list(range(1, len(IDS) + 1))
    assert sorted(n for numbers in dimensions.values() for n, _ in numbers) == list(range(1, len(IDS) + 1))
    assert len(bands) == len(DATA["bands"])
    rng = random.Random(99)
    sheets = []
    for _ in range(150):
        blank = rng.choice([0, 0.05, 0.3])
        sheets.append({s["text"]: rng.choice([1, 2, 3, 4, 5, 0]) for s in DATA["statements"] if rng.random() >= blank})
    # The site's verdict for the same answers, from its own scoring in the browser.
    page.goto(base_url + "result.html")
    site_results = page.evaluate(
        "(sets) => sets.map((answers) => SCI.score(SCI.readData(document), answers))",
        [{s["id"]: sheet[s["text"]] for s in DATA["statements"] if s["text"] in sheet} for sheet in sheets],
    )
    outcomes = set()
    for sheet, site_result in zip(sheets, site_results):
        overall, title = score_by_hand(key, {statements[text]: value or None for text, value in sheet.items()})
        site_title = None if site_result["band"] is None else DATA["bands"][site_result["band"]]["title"]
        assert (overall, title) == (site_result["overall"], site_title), sheet
        outcomes.add(title)
    assert len(outcomes) >= 3  # the sample reaches several bands and the no-score case

    # And a few through the result page itself, as a reader would see them.
    for number, sheet in enumerate(sheets[:5]):
        answers = {s["id"]: sheet[s["text"]] for s in DATA["statements"] if s["text"] in sheet}
        page.goto(f"{base_url}result.html?{number}#{encode_link(DATA, FINGERPRINT, answers)}")
        shown = page.evaluate(SHOWN)
        assert (shown["result"]["overall"], shown["bandTitle"]) == score_by_hand(
            key, {statements[text]: value or None for text, value in sheet.items()}
        )


def test_the_worksheet_works_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(base_url + "worksheet.html")
    assert page.locator("h1").text_content() == UI["worksheet_title"]
    rows = page.locator("table.ticks tbody tr")
    assert rows.count() == len(IDS)
    for number, statement in enumerate(DATA["statements"], start=1):
        row = rows.nth(number - 1)
        assert row.locator("td").first.text_content() == str(number)
        assert row.locator("th").text_content() == statement["text"]
        assert row.locator("td.box").count() == len(DATA["scale"]["labels"]) + 1
    headers = page.locator("table.ticks thead th")
    assert [headers.nth(i).text_content().strip() for i in range(2, headers.count())] == [
        f"{n} {label}" for n, label in enumerate(DATA["scale"]["labels"], start=1)
    ] + [DATA["scale"]["not_sure"]]
    assert page.locator(".key h2").text_content() == UI["worksheet_key_title"]
    assert page.locator("script").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_the_worksheet_prints_as_a_sheet_and_a_key(page, base_url, size):
    page.goto(base_url + "worksheet.html")
    page.emulate_media(media="print")
    for hidden in ["header", "footer", "nav"]:
        assert page.locator(hidden).is_hidden(), hidden
    assert pages_in(page.pdf(format=size)) == 2  # the statements on one, the key on the other
