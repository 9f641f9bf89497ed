"""Problems found in the content: every one is reported, with its place, in one run.

A problem reads `questions.yaml:LINE:COL: what is wrong; how to fix it`, the form
compilers use, so editors and terminals can jump straight to the line.
"""

from dataclasses import dataclass

from yaml.reader import Reader


@dataclass(frozen=True, order=True)
class Problem:
    line: int  # 1-based, as editors count
    column: int  # 1-based
    message: str
    warning: bool = False

    def format(self, filename):
        kind = "warning: " if self.warning else ""
        return f"{filename}:{self.line}:{self.column}: {kind}{self.message}"


class Problems(list):
    """A list of Problem. Where a path of the content was written is the loaded
    document's to say (load.Loaded.place): it is asked, never copied."""

    def __init__(self, document=None):
        super().__init__()
        self.document = document  # the load.Loaded being checked, once the file has been read

    def add(self, path, message, *, warning=False, key=False, at=None):
        """Record a problem at the value of `path` (or at its key, for unknown keys),
        or at `at`, a (line, column) already known, such as that of a syntax error."""
        line, column = at or self.place(path, key=key)
        # One problem, one line: text quoted from the file may hold line breaks, and
        # characters no terminal should be sent (NUL, ESC, lone surrogates) are named.
        message = Reader.NON_PRINTABLE.sub(lambda bad: f"U+{ord(bad.group()):04X}", " ".join(message.split()))
        self.append(Problem(line, column, message, warning))

    def place(self, path, *, key=False):
        """The line and column of `path`, or of its nearest written parent; the file's
        start while no document has been read."""
        return self.document.place(path, key=key) if self.document is not None else (1, 1)

    @property
    def errors(self):
        return [p for p in self if not p.warning]

    @property
    def warnings(self):
        return [p for p in self if p.warning]


def shorten(text, limit=40):
    """Text from the file, short enough to quote in a message, on one line."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def count(number, word):
    """ "1 error", "2 errors": a count in words, for the summaries."""
    return f"{number} {word}{'' if number == 1 else 's'}"
