"""What the build needs to know about scores: band edges and which overall scores can happen.

The reader's own score is worked out in the browser (static/js/indicator.js); this
module only answers questions the checks ask, such as "can any set of answers land in
this band?".
"""

from fractions import Fraction
from math import floor

EXACT_LIMIT = 50_000  # distinct sums kept before switching to the sampled set below


def band_ranges(mins):
    """The whole scores each band covers: mins 0, 35, 55 give (0, 34), (35, 54), (55, 100)."""
    ends = [m - 1 for m in mins[1:]] + [100]
    return list(zip(mins, ends))


def rounded(score):
    """Round half up, as the site does (JavaScript's Math.round for scores >= 0)."""
    return floor(score + Fraction(1, 2))


def reachable_scores(sizes):
    """Every rounded overall score that some full set of answers gives.

    `sizes` is the number of statements in each dimension. A dimension with n
    statements scores 25*j/n for j = 0..4n; the overall score is their mean.
    """
    sums = {Fraction(0)}
    for n in sizes:
        steps = [Fraction(25 * j, n) for j in range(4 * n + 1)]
        sums = {s + step for s in sums for step in steps}
        if len(sums) > EXACT_LIMIT:
            return sampled_scores(sizes)
    return {rounded(s / len(sizes)) for s in sums}


def sampled_scores(sizes):
    """A subset of the reachable scores, for very long files: every dimension at 0 or 100
    except the one with the most statements, which takes each of its values. Every
    score here can happen; the steps between them are 25 / (n_max * dimensions)."""
    k, n = len(sizes), max(sizes)
    return {
        rounded((100 * full + Fraction(25 * j, n)) / k)
        for full in range(k)
        for j in range(4 * n + 1)
    }
