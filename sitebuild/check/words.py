"""How a message names a place in the file, a count and a near miss, in every check."""

import difflib

MAX_LISTED = 12  # an unknown key's message lists the keys that fit, when there are this few


def closest(word, choices):
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.75)
    return close[0] if close else None


def describe(path):
    """A path in words: ("statements", 3, "text") is "statement 4 › text"."""
    words = []
    for part in path:
        if isinstance(part, int) and words:
            words[-1] = f"{singular(words[-1])} {part + 1}"
        else:
            words.append(str(part))
    return " › ".join(words) or "the file"


def singular(word):
    return word[:-1] if word.endswith("s") else word


def plural(count, word):
    return word if count == 1 else word + "s"
