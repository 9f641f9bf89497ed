#!/usr/bin/env python3
"""Build the Sales Culture Indicator: questions.yaml + templates/ + static/ -> a static site.

    python build.py                 build into _site/
    python build.py --out DIR       build into DIR
    python build.py --check         check questions.yaml, write nothing
    python build.py --base-url URL  the published address, for link previews (else site.url)

Exit status: 0 built (or checked) without errors, 1 the content has errors (each
printed as questions.yaml:LINE:COL: what is wrong; how to fix it) or the site could
not be written, 2 wrong usage, such as an --out folder the build must not replace.
"""

import argparse
import json
import re
import sys
import time
from pathlib import Path

from sitebuild.card import draw_cards, layout_warning
from sitebuild.check import check_content
from sitebuild.defaults import fill_defaults
from sitebuild.github import report_to_github
from sitebuild.kits import kit_files
from sitebuild.load import load_content
from sitebuild.problems import count
from sitebuild.render import PAGES, TemplateProblem, render_pages
from sitebuild.size import over_budget, site_sizes
from sitebuild.write import InputProblem, OutRefused, out_problem, static_files, write_site

ROOT = Path(__file__).resolve().parent
SCHEMA = ROOT / "questions.schema.json"
TEMPLATES = ROOT / "templates"
STATIC = ROOT / "static"


def main(argv=None):
    args = parse_arguments(argv)
    started = time.perf_counter()

    # 1-3. Load questions.yaml, check it and render every page in memory (render_site).
    pages, data, messages = render_site(args.source, args.base_url)
    for message in messages:
        print(message, file=sys.stderr)
    if pages is None:
        return 1

    # 4. Draw the link preview card, make the survey kits and write the site, all or nothing,
    #    unless we were only asked to check.
    sizes = None
    if not args.check:
        status = write_or_explain(pages, args.out, {**draw_cards([data["site"]], STATIC / "style.css"), **kit_files(data)})
        if status:
            return status
        # 5. Weigh it: the whole site, and each page against its budget (a warning, not a failure).
        sizes = site_sizes(args.out, PAGES)
        for warning in over_budget(sizes[1]):
            print(warning, file=sys.stderr)
    print(summary(data, args, time.perf_counter() - started, sizes))
    return 0


def write_or_explain(pages, out, files):
    """Write the site; 0, or the exit status after saying, without a traceback, why not."""
    try:
        write_site(pages, STATIC, out, ROOT, files)
    except OutRefused as refused:  # checked before the build too; this is another build's doing
        print(f"build.py: error: --out {out}: {refused}", file=sys.stderr)
        return 2
    except InputProblem as problem:
        print(problem, file=sys.stderr)
        return 1
    except OSError as error:
        print(f"build.py: cannot write the site to {out} ({error.strerror or error}); nothing was replaced", file=sys.stderr)
        return 1
    return 0


def render_site(source, base_url=None):
    """Steps 1 to 3, which serve.py's preview shares: (pages, content, messages for
    stderr), where pages and content are None if the content or a template has an error."""
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
    fill_defaults(loaded.data, schema)  # 2b. every optional field left out gets the schema's default

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


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Exit status: 0 built or checked, 1 content errors (each with its line), 2 usage errors.",
    )
    parser.add_argument("--source", default="questions.yaml", type=Path, help="the content file (default: questions.yaml)")
    parser.add_argument("--out", default="_site", type=Path, help="the folder to build into (default: _site)")
    parser.add_argument("--check", action="store_true", help="check the content and write nothing")
    parser.add_argument("--base-url", type=https_url, help="the published site's address, for link previews (default: site.url in the content)")
    args = parser.parse_args(argv)
    # The build replaces the whole folder: never one that holds anything but a build.
    refused = None if args.check else out_problem(args.out, ROOT, [STATIC, TEMPLATES])
    if refused:
        parser.error(f"--out {args.out}: {refused}")
    return args


def https_url(text):
    """--base-url: an address of the form site.url takes (actions/configure-pages' base_url is)."""
    rule = read_schema()["properties"]["site"]["properties"]["url"]
    if not re.search(rule["pattern"], text):
        raise argparse.ArgumentTypeError(f"{text!r} is not an https:// address without ?query or #fragment, such as {rule['examples'][0]}")
    return text


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


def summary(data, args, seconds, sizes=None):
    what = "Checked" if args.check else "Built"
    where = "" if args.check else f" into {args.out}/"
    weight = f", {sizes[0]:,} bytes gzip" if sizes else ""
    lines = [
        f"{what} {count(len(PAGES), 'page')} from {count(len(data['statements']), 'statement')} "
        f"in {count(len(data['dimensions']), 'dimension')}{where} in {seconds:.2f} s{weight}."
    ]
    if not args.check and not (args.base_url or data["site"].get("url")):
        lines.append("No site address (site.url in questions.yaml, or --base-url): link previews show no picture and no link.")
    if not args.check:
        lines.append(layout_warning([data["site"]]))
    return "\n".join(line for line in lines if line)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # the staging folder is gone and the previous site untouched
        print("build.py: interrupted; the previous site is as it was", file=sys.stderr)
        sys.exit(130)
