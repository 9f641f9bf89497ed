"""The build's steps, shared by build.py (the command line) and serve.py (the preview):
load questions.yaml and its translations, check them and render every page of every
language in memory. Nothing here writes."""

import json
from pathlib import Path

from .check import check_content
from .defaults import fill_defaults
from .github import report_to_github
from .load import load_content
from .problems import count
from .kits import kit_files
from .languages import TEXTS_FILE, match_texts
from .render import TemplateProblem, render_pages, site_languages
from .translations import check_source_for_translations, languages_of, load_translations, translation_files
from .write import static_files


ROOT = Path(__file__).resolve().parent.parent  # the project: build.py, templates/, static/
SCHEMA = ROOT / "questions.schema.json"
TEMPLATES = ROOT / "templates"
STATIC = ROOT / "static"


def render_site(source, base_url=None, translations=None):
    """(pages, contents, messages for stderr): pages are {path in the site: HTML} for every
    language, contents the content in each language, the source's first; both are None if
    the content, a translation or a template has an error. translations: the folder of
    translations/<code>.yaml (default: translations/ beside `source`)."""
    # 1-2. Load questions.yaml and check it against the schema and the rules, collecting
    #      every problem; then each translation against it, merged over it into the content
    #      in that language.
    schema = read_schema()
    loaded, problems = checked_content(source, schema)
    folder = Path(source).parent / "translations" if translations is None else Path(translations)
    found = []
    if not problems.errors:
        found = load_translations(folder, loaded.data, schema)
        check_source_for_translations(languages_of(found), loaded.data, problems)
    elif translation_files(folder):
        problems.add(
            (),
            f"the translations in {folder.name}/ are checked once questions.yaml has no errors; fix the errors above first",
            warning=True,
        )
    messages = report(problems, source)
    report_to_github(problems, source)
    for translation in found:
        messages += report(translation.problems, translation.shown)
        report_to_github(translation.problems, translation.path)
    if problems.errors or any(translation.problems.errors for translation in found):
        return None, None, messages
    contents = [loaded.data] + [translation.content for translation in languages_of(found)]

    # 3. Render every page in memory; a template mistake, or a link out of the project
    #    in templates/ or static/, stops the build here.
    links = [problem for folder in (TEMPLATES, STATIC) for problem in static_files(folder, ROOT)[1]]
    if links:
        return None, None, messages + links
    languages = site_languages(contents)
    try:
        pages = {}
        for content in contents:
            pages.update(render_pages(content, schema, TEMPLATES, STATIC, base_url, languages))
        return pages, contents, messages
    except TemplateProblem as problem:
        return None, None, messages + [str(problem)]
    except UnicodeDecodeError as error:  # a template or a page's script saved in another encoding
        return (
            None,
            None,
            messages
            + [
                f"a file in {TEMPLATES.name}/ or {STATIC.name}/js/ is not UTF-8 text ({error.reason} at byte {error.start}); save it as UTF-8"
            ],
        )


def checked_content(source, schema):
    """(loaded, problems) of questions.yaml at `source`: read, remembering the line of every
    value, and checked; without errors, every optional field left out gets the schema's
    default, as the render and the translations read it."""
    loaded, problems = load_content(source)
    if loaded is not None:
        check_content(loaded, schema, problems)
    if not problems.errors:
        fill_defaults(loaded.data, schema)
    return loaded, problems


def language_files(contents):
    """{path in the site: bytes} of the survey kits of every language, in its folder, and on
    a site with several languages the texts that exports in any of them are matched by."""
    languages = site_languages(contents)
    files = {
        language["folder"] + path: data
        for language, content in zip(languages, contents)
        for path, data in kit_files(content).items()
    }
    if len(contents) > 1:
        files[TEXTS_FILE] = json.dumps(match_texts(contents), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return files


def read_schema():
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def report(problems, source):
    """Every problem, by line, then a count: the lines for stderr. `source`: the file's
    path, or the name to give it."""
    name = str(source) if isinstance(source, str) else source.name  # "translations/fr.yaml", or the file's name
    lines = [problem.format(name) for problem in sorted(problems)]
    errors, warnings = len(problems.errors), len(problems.warnings)
    if errors:
        lines.append(f"{count(errors, 'error')}, {count(warnings, 'warning')} in {name}; nothing was written.")
    elif warnings:
        lines.append(f"{count(warnings, 'warning')} in {name}.")
    return lines
