#!/usr/bin/env python3
"""Build the Sales Culture Indicator: questions.yaml + templates/ + static/ -> a static site.

    python build.py                 build into _site/
    python build.py --out DIR       build into DIR
    python build.py --check         check questions.yaml, write nothing
    python build.py --base-url URL  the published address, for link previews (else site.url)
    python build.py --translations DIR   translations/<code>.yaml elsewhere (default: translations/ beside the source)

Exit status: 0 built (or checked) without errors, 1 the content has errors (each
printed as questions.yaml:LINE:COL: what is wrong; how to fix it) or the site could
not be written, 2 wrong usage, such as an --out folder the build must not replace.
"""

import argparse
import re
import sys
import time
from pathlib import Path

from sitebuild.card import draw_cards, layout_warning
from sitebuild.pipeline import ROOT, SCHEMA, STATIC, TEMPLATES, language_files, read_schema, render_site  # noqa: F401 (SCHEMA: the tests)
from sitebuild.problems import count
from sitebuild.render import PAGES, site_languages
from sitebuild.size import over_budget, site_sizes
from sitebuild.write import InputProblem, OutRefused, out_problem, write_site


def main(argv=None):
    args = parse_arguments(argv)
    started = time.perf_counter()

    # 1-3. Load questions.yaml and its translations, check them and render every page of
    #      every language in memory (render_site).
    pages, contents, messages = render_site(args.source, args.base_url, args.translations)
    for message in messages:
        print(message, file=sys.stderr)
    if pages is None:
        return 1

    # 4. Draw the link preview cards, make the survey kits and write the site, all or nothing,
    #    unless we were only asked to check.
    sizes = None
    if not args.check:
        drawn = {
            **draw_cards([content["site"] for content in contents], STATIC / "style.css"),
            **language_files(contents),
        }
        status = write_or_explain(pages, args.out, drawn)
        if status:
            return status
        # 5. Weigh it: the whole site, and each page of each language against its budget
        #    (a warning, not a failure).
        sizes = site_sizes(args.out, PAGES, [language["folder"] for language in site_languages(contents)])
        for warning in over_budget(sizes[1]):
            print(warning, file=sys.stderr)
    print(summary(contents, args, time.perf_counter() - started, sizes))
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
        print(
            f"build.py: cannot write the site to {out} ({error.strerror or error}); nothing was replaced",
            file=sys.stderr,
        )
        return 1
    return 0


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Exit status: 0 built or checked, 1 content errors (each with its line), 2 usage errors.",
    )
    parser.add_argument(
        "--source", default="questions.yaml", type=Path, help="the content file (default: questions.yaml)"
    )
    parser.add_argument("--out", default="_site", type=Path, help="the folder to build into (default: _site)")
    parser.add_argument("--check", action="store_true", help="check the content and write nothing")
    parser.add_argument(
        "--translations",
        type=Path,
        help="the folder of translations/<code>.yaml (default: translations/ beside --source)",
    )
    parser.add_argument(
        "--base-url",
        type=https_url,
        help="the published site's address, for link previews (default: site.url in the content)",
    )
    args = parser.parse_args(argv)
    # The build replaces the whole folder: never one that holds anything but a build.
    if args.translations and not args.translations.is_dir():
        parser.error(
            f"--translations {args.translations}: no such folder; give the folder that holds the translations (<code>.yaml files)"
        )
    refused = None if args.check else out_problem(args.out, ROOT, [STATIC, TEMPLATES])
    if refused:
        parser.error(f"--out {args.out}: {refused}")
    return args


def https_url(text):
    """--base-url: an address of the form site.url takes (actions/configure-pages' base_url is)."""
    rule = read_schema()["properties"]["site"]["properties"]["url"]
    if not re.search(rule["pattern"], text):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an https:// address without ?query or #fragment, such as {rule['examples'][0]}"
        )
    return text


def summary(contents, args, seconds, sizes=None):
    data = contents[0]
    what = "Checked" if args.check else "Built"
    where = "" if args.check else f" into {args.out}/"
    weight = f", {sizes[0]:,} bytes gzip" if sizes else ""
    languages = (
        f" in {len(contents)} languages ({', '.join(c['site']['language'] for c in contents)})"
        if len(contents) > 1
        else ""
    )
    lines = [
        f"{what} {count(len(PAGES) * len(contents), 'page')}{languages} from {count(len(data['statements']), 'statement')} "
        f"in {count(len(data['dimensions']), 'dimension')}{where} in {seconds:.2f} s{weight}."
    ]
    drafts = [c["site"]["language"] for c in contents if c.get("draft")]
    if drafts:
        lines.append(
            f"Draft translations ({', '.join(drafts)}): their pages say so, and show questions.yaml's words where a text is missing."
        )
    if not args.check and not (args.base_url or data["site"].get("url")):
        lines.append(
            "No site address (site.url in questions.yaml, or --base-url): link previews show no picture and no link."
        )
    if not args.check:
        lines.append(layout_warning([content["site"] for content in contents]))
    return "\n".join(line for line in lines if line)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # the staging folder is gone and the previous site untouched
        print("build.py: interrupted; the previous site is as it was", file=sys.stderr)
        sys.exit(130)
