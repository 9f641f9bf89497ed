"""What the build needs to know about scores: band edges and which overall scores can happen.

The reader's own score is worked out in the browser (static/js/indicator.js); this
module only answers questions the checks ask, such as "can any set of answers land in
this band?".
"""

import math
from fractions import Fraction

SUM_LIMIT = 5_000_000  # possible sums tracked exactly; beyond, the sampled set below


def band_ranges(mins):
    """The whole scores each band covers: mins 0, 35, 55 give (0, 34), (35, 54), (55, 100)."""
    ends = [m - 1 for m in mins[1:]] + [100]
    return list(zip(mins, ends))


def rounded(score):
    """Round half up, as the site does (JavaScript's Math.round for scores >= 0)."""
    return math.floor(score + Fraction(1, 2))


def reachable_scores(sizes):
    """Every rounded overall score that some full set of answers gives.

    `sizes` is the number of statements in each dimension. A dimension with n
    statements scores 25*j/n for j = 0..4n; the overall score is their mean. In
    units of 25/u, where u is the least common multiple of the sizes, every
    dimension score is a whole number, so the possible sums are the bits of one
    integer, built a dimension at a time by shifting: linear in the statements for
    files of any sensible shape.
    """
    k, unit = len(sizes), math.lcm(*sizes)
    top = 4 * unit * k  # the sum when every dimension scores 100
    if top > SUM_LIMIT:
        return sampled_scores(sizes)
    sums = 1  # bit s is set when some answers make the dimension scores add up to s units
    for n in sizes:
        step, reached = unit // n, 0
        for j in range(4 * n + 1):
            reached |= sums << (j * step)
        sums = reached
    bits = bin(sums)[:1:-1]  # bit 0 first
    # overall = 25 s / (unit k), rounded half up, in whole numbers
    return {(50 * s + unit * k) // (2 * unit * k) for s, bit in enumerate(bits) if bit == "1"}


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
