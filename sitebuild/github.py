"""Problems where a fork author sees them on GitHub: on the lines of the file, and in a table.

In a GitHub Actions run (GITHUB_ACTIONS=true) each problem is also printed as a workflow
command, `::error file=questions.yaml,line=L,col=C,title=T::message`, which GitHub shows
as an annotation on that line of the file, in the commit and the run. GitHub shows only
ten errors and ten warnings per step and drops the rest without a word, so the whole list
also goes to the run's summary page ($GITHUB_STEP_SUMMARY) as a table.
"""

import html
import os
from pathlib import Path

from .problems import count

SHOWN_PER_KIND = 10  # GitHub's limit per step, for errors and for warnings alike
TITLES = {"error": "Fix this, then the site can be built", "warning": "The site builds, but look at this"}


def report_to_github(problems, source):
    """Print the annotations and append the summary table, when running on GitHub Actions."""
    if os.environ.get("GITHUB_ACTIONS") != "true" or not problems:
        return
    filename = repository_path(source)
    for line in workflow_commands(problems, filename):
        print(line)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(summary_table(problems, filename))


def workflow_commands(problems, filename):
    """The first ten errors and the first ten warnings, by line, as workflow commands."""
    commands = []
    for kind, found in (("error", problems.errors), ("warning", problems.warnings)):
        for problem in sorted(found)[:SHOWN_PER_KIND]:
            properties = {"file": filename, "line": problem.line, "col": problem.column, "title": TITLES[kind]}
            listed = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties.items())
            commands.append(f"::{kind} {listed}::{escape_data(problem.message)}")
        if len(found) > SHOWN_PER_KIND:
            more = len(found) - SHOWN_PER_KIND
            commands.append(
                f"::notice title={escape_property(filename)}::{escape_data(f'{more} more {kind}s are listed in the summary of this run')}"
            )
    return commands


def repository_path(source):
    """The file as GitHub names it: relative to the folder the check runs in (the checkout)."""
    source = Path(source)
    if source.is_absolute() and source.is_relative_to(Path.cwd()):
        source = source.relative_to(Path.cwd())
    return source.as_posix()


def summary_table(problems, filename):
    """Every problem as a row of a Markdown table, for the run's summary page."""
    errors, warnings = len(problems.errors), len(problems.warnings)
    rows = [
        f"### {cell(filename)}: {count(errors, 'error')}, {count(warnings, 'warning')}",
        "",
        "| Line | Column | Kind | What is wrong, and how to fix it |",
        "|---:|---:|---|---|",
    ]
    for problem in sorted(problems, key=lambda p: (p.warning, p.line, p.column, p.message)):
        kind = "warning" if problem.warning else "error"
        rows.append(f"| {problem.line} | {problem.column} | {kind} | {cell(problem.message)} |")
    return "\n".join(rows) + "\n\n"


def escape_data(text):
    """A workflow command's message: %, CR and LF escaped, as GitHub's runner reads them."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text):
    """A workflow command's property value: as a message, and `:` and `,` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def cell(text):
    """Text from the file, safe in a Markdown table cell: no HTML, no column breaks."""
    return html.escape(" ".join(text.split()), quote=False).replace("|", "\\|")
