"""The build's steps, shared by build.py (the command line) and serve.py (the preview):
load questions.yaml, check it and render every page in memory. Nothing here writes."""

import json
from pathlib import Path

from .check import check_content
from .github import report_to_github
from .load import load_content
from .problems import count
from .render import TemplateProblem, render_pages
from .write import static_files

ROOT = Path(__file__).resolve().parent.parent  # the project: build.py, templates/, static/
SCHEMA = ROOT / "questions.schema.json"
TEMPLATES = ROOT / "templates"
STATIC = ROOT / "static"


def render_site(source, base_url=None):
    """(pages, content, messages for stderr), where pages and content are None if the
    content or a template has an error."""
    # 1. Load questions.yaml, remembering the line of every value.
    loaded, problems = load_content(source)

    # 2. Check it all against the schema and the rules, collecting every problem.
    schema = read_schema()
    if loaded is not None:
        check_content(loaded, schema, problems)
    messages = report(problems, source)
    report_to_github(problems, source)
    if problems.errors:
        return None, None, messages

    # 3. Render every page in memory; a template mistake, or a link out of the project
    #    in templates/ or static/, stops the build here.
    links = [problem for folder in (TEMPLATES, STATIC) for problem in static_files(folder, ROOT)[1]]
    if links:
        return None, None, messages + links
    try:
        return render_pages(loaded.data, schema, TEMPLATES, STATIC, base_url), loaded.data, messages
    except TemplateProblem as problem:
        return None, None, messages + [str(problem)]
    except UnicodeDecodeError as error:  # a template or a page's script saved in another encoding
        return None, None, messages + [f"a file in {TEMPLATES.name}/ or {STATIC.name}/js/ is not UTF-8 text ({error.reason} at byte {error.start}); save it as UTF-8"]


def read_schema():
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def report(problems, source):
    """Every problem, by line, then a count: the lines for stderr."""
    lines = [problem.format(source.name) for problem in sorted(problems)]
    errors, warnings = len(problems.errors), len(problems.warnings)
    if errors:
        lines.append(f"{count(errors, 'error')}, {count(warnings, 'warning')} in {source.name}; nothing was written.")
    elif warnings:
        lines.append(f"{count(warnings, 'warning')} in {source.name}.")
    return lines
