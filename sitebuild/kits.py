"""Survey kits: the indicator as files that survey tools import, made from the same
checked content as the site, so a fork's kits always ask what its site asks.

Every kit carries the same codes, which the team report (static/js/teamreport.js) reads
back from the tools' exports:
  - a statement's code is "<dimension id>.<statement id>" (LimeSurvey allows letters and
    digits only, so there the dimension is the question code and the statement the
    subquestion code, each without its hyphens);
  - an answer's code is its number on the scale, 1 = the first label; "not sure" is 99;
  - the role question's code is "role", and a role's code its number in `roles`, from 1.
Labels are numbered ("5 - Strongly agree"), since Google and Microsoft Forms export the
label, not a code.

Nothing here writes to disk: kit_files() returns {path in the site: bytes}.
"""

import io
import json
from dataclasses import dataclass
from datetime import datetime, UTC

NOT_SURE_CODE = 99  # survey convention for "don't know": far from any scale number
ROLE_CODE = "role"
KIT_FOLDER = "kits"


@dataclass(frozen=True)
class Kit:
    tool: str  # the key of its ui strings: team_kit_<tool>_title and _steps
    file: str  # its name under kits/ in the built site
    make: object  # make(data) -> bytes


def statement_code(statement):
    return f"{statement['dimension']}.{statement['id']}"


def alnum(text):
    """An id without its hyphens: LimeSurvey codes are letters and digits only."""
    return text.replace("-", "")


def scale(data):
    """[(code, numbered label)] of the agreement scale, then "not sure" with its code."""
    labels = data["scale"]["labels"]
    not_sure = (
        [(NOT_SURE_CODE, data["scale"]["not_sure"])] if "not_sure" in data["scale"] else []
    )  # optional on a scale
    return [(n, numbered(n, label)) for n, label in enumerate(labels, 1)] + not_sure


def numbered(number, label):
    return f"{number} - {label}"


def roles(data):
    return [(n, role["label"]) for n, role in enumerate(data["roles"], 1)]


def statements_by_dimension(data):
    """[(dimension, [statements in file order])], dimensions in file order."""
    return [(d, [s for s in data["statements"] if s["dimension"] == d["id"]]) for d in data["dimensions"]]


def one_line(text):
    return " ".join(str(text).split())


# --- Qualtrics: Advanced Format TXT -------------------------------------------------------


def qualtrics(data):
    """The role as a multiple-choice question, then one Matrix (Likert) question per
    dimension with the dimension's statements as rows. [[AdvancedChoices]] and
    [[AdvancedAnswers]] fix the numbers an export carries: rows 1, 2, ... in file order,
    answers by the scale's numbers and 99 for "not sure"."""
    ui = data["ui"]
    lines = ["[[AdvancedFormat]]", "", f"[[Block:{one_line(data['site']['title'])}]]", ""]
    lines += ["[[Question:DB]]", "[[ID:intro]]", one_line(ui["team_kit_survey_intro"]), ""]
    lines += [
        "[[Question:MC:SingleAnswer:Vertical]]",
        f"[[ID:{ROLE_CODE}]]",
        one_line(ui["team_kit_role_question"]),
        "[[AdvancedChoices]]",
    ]
    for code, label in roles(data):
        lines += [f"[[Choice:{code}]]", one_line(label)]
    lines.append("")
    for dimension, statements in statements_by_dimension(data):
        lines += [
            "[[PageBreak]]",
            "",
            "[[Question:Matrix]]",
            f"[[ID:{dimension['id']}]]",
            one_line(ui["team_kit_grid_question"]),
            "[[AdvancedChoices]]",
        ]
        for n, statement in enumerate(statements, 1):
            lines += [f"[[Choice:{n}]]", one_line(statement["text"])]
        lines.append("[[AdvancedAnswers]]")
        for code, label in scale(data):
            lines += [f"[[Answer:{code}]]", one_line(label)]
        lines.append("")
    return "\n".join(lines).encode("utf-8")


# --- LimeSurvey: tab-separated survey structure ---------------------------------------------

LIMESURVEY_COLUMNS = [
    "id",
    "related_id",
    "class",
    "type/scale",
    "name",
    "relevance",
    "text",
    "help",
    "language",
    "validation",
    "mandatory",
    "other",
    "default",
    "same_default",
]


def limesurvey(data):
    """Rows tied together by their order, as LimeSurvey reads them: survey settings (S,
    SL), a group (G), the role as a list question (Q type L with its answers A), and per
    dimension an array question (Q type F) with statements as subquestions (SQ) and the
    scale as answers (A). Codes are the ids without hyphens."""
    ui, language = data["ui"], data["site"]["language"]
    rows = [LIMESURVEY_COLUMNS]

    def row(kind, type_scale="", name="", text="", mandatory="", relevance=""):
        values = dict(zip(LIMESURVEY_COLUMNS, [""] * len(LIMESURVEY_COLUMNS)))
        values.update(
            {
                "class": kind,
                "type/scale": type_scale,
                "name": name,
                "text": one_line(text),
                "language": language if kind not in ("S",) else "",
                "mandatory": mandatory,
                "relevance": relevance,
            }
        )
        rows.append([values[c] for c in LIMESURVEY_COLUMNS])

    row("S", name="language", text=language)
    row("S", name="anonymized", text="Y")
    row("SL", name="surveyls_title", text=data["site"]["title"])
    row("SL", name="surveyls_description", text=ui["team_kit_survey_intro"])
    row("G", name=data["site"]["title"], text="", relevance="1")
    row("Q", "L", ROLE_CODE, ui["team_kit_role_question"], "Y", "1")
    for code, label in roles(data):
        row("A", "0", str(code), label)
    for dimension, statements in statements_by_dimension(data):
        row("Q", "F", alnum(dimension["id"]), ui["team_kit_grid_question"], "N", "1")
        for statement in statements:
            row("SQ", "0", alnum(statement["id"]), statement["text"], "", "1")
        for code, label in scale(data):
            row("A", "0", str(code), label)
    for values in rows:  # a tab or line break inside a field would shift every later column
        assert not any(ch in value for value in values for ch in "\t\r\n")
    return "\n".join("\t".join(values) for values in rows).encode("utf-8") + b"\n"


# --- XLSForm (KoboToolbox, ODK, Ona) ---------------------------------------------------------


def xlsform(data):
    """survey, choices and settings sheets. Each statement is a select_one of the list
    "agree" named by its code, in a table-list group per dimension, so the phone shows a
    grid; the role is a select_one of the list "roles"."""
    ui = data["ui"]
    survey = [
        ["type", "name", "label", "required", "appearance"],
        ["note", "intro", one_line(ui["team_kit_survey_intro"]), "", ""],
        ["select_one roles", ROLE_CODE, one_line(ui["team_kit_role_question"]), "yes", ""],
    ]
    for dimension, statements in statements_by_dimension(data):
        group = f"g-{dimension['id']}"
        survey.append(["begin_group", group, one_line(ui["team_kit_grid_question"]), "", "table-list"])
        for statement in statements:
            survey.append(["select_one agree", statement_code(statement), one_line(statement["text"]), "yes", ""])
        survey.append(["end_group", group, "", "", ""])
    choices = [["list_name", "name", "label"]]
    choices += [["agree", str(code), label] for code, label in scale(data)]
    choices += [["roles", str(code), label] for code, label in roles(data)]
    settings = [
        ["form_title", "form_id", "default_language"],
        [one_line(data["site"]["title"]), "sales_culture_indicator", data["site"]["language"]],
    ]

    import xlsxwriter  # here, not above: only this kit needs it, and --check never makes the kits

    buffer = io.BytesIO()
    # A fixed date in the file's properties, so the same content builds the same bytes.
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    )
    workbook.set_properties({"title": one_line(data["site"]["title"]), "created": datetime(2026, 1, 1, tzinfo=UTC)})
    for name, table in (("survey", survey), ("choices", choices), ("settings", settings)):
        sheet = workbook.add_worksheet(name)
        for r, values in enumerate(table):
            for c, value in enumerate(values):
                sheet.write_string(r, c, value)
    workbook.close()
    return buffer.getvalue()


# --- Google Forms: an Apps Script ----------------------------------------------------------


def google_forms(data):
    """A script for script.google.com that builds the form: the role as a multiple-choice
    item, then one grid per dimension. Every string is written as JSON, so no wording
    can end a string early or inject code."""
    ui = data["ui"]
    grids = [{"rows": [one_line(s["text"]) for s in statements]} for _, statements in statements_by_dimension(data)]
    content = {
        "title": one_line(data["site"]["title"]),
        "intro": one_line(ui["team_kit_survey_intro"]),
        "role": one_line(ui["team_kit_role_question"]),
        "roles": [numbered(code, label) for code, label in roles(data)],
        "grid": one_line(ui["team_kit_grid_question"]),
        "columns": [label for _, label in scale(data)],
        "grids": grids,
    }
    text = json.dumps(content, ensure_ascii=True, indent=2)  # ASCII: "\u2028" cannot break a line either
    script = f"""// {json.dumps(one_line(data["site"]["title"]), ensure_ascii=True)} for Google Forms: paste all of this at
// script.google.com into a new project, save, and press Run. Statement codes: see the plain kit.
var KIT = {text};

function createIndicatorForm() {{
  var form = FormApp.create(KIT.title);
  form.setDescription(KIT.intro);
  form.setCollectEmail(false);
  form.addMultipleChoiceItem().setTitle(KIT.role).setChoiceValues(KIT.roles).setRequired(true);
  KIT.grids.forEach(function (grid) {{
    form.addGridItem().setTitle(KIT.grid).setRows(grid.rows).setColumns(KIT.columns).setRequired(true);
  }});
  Logger.log(form.getPublishedUrl());
  Logger.log(form.getEditUrl());
}}
"""
    return script.encode("utf-8")


# --- A plain document for tools without an import -------------------------------------------


def plain(data):
    """The statements in order with their codes, the answer options and the role
    question, as plain text to paste into Microsoft Forms, SurveyMonkey, Typeform..."""
    ui = data["ui"]
    lines = [one_line(data["site"]["title"]), "", one_line(ui["team_kit_survey_intro"]), ""]
    lines += [one_line(ui["team_kit_doc_role"]), "", f"[{ROLE_CODE}] {one_line(ui['team_kit_role_question'])}"]
    lines += [f"    {numbered(code, label)}" for code, label in roles(data)]
    lines += ["", one_line(ui["team_kit_doc_scale"]), ""]
    lines += [f"    {label}" for _, label in scale(data)]
    lines += ["", one_line(ui["team_kit_doc_statements"]), "", one_line(ui["team_kit_grid_question"]), ""]
    for n, statement in enumerate(data["statements"], 1):
        lines.append(f"{n}. [{statement_code(statement)}] {one_line(statement['text'])}")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")  # Notepad and Word read it as UTF-8


KITS = (
    Kit("qualtrics", "qualtrics.txt", qualtrics),
    Kit("limesurvey", "limesurvey.txt", limesurvey),
    Kit("xlsform", "xlsform.xlsx", xlsform),
    Kit("google", "google-forms.gs", google_forms),
    Kit("other", "statements.txt", plain),
)


def kit_files(data):
    """{"kits/<file>": bytes} for every kit."""
    return {f"{KIT_FOLDER}/{kit.file}": kit.make(data) for kit in KITS}
