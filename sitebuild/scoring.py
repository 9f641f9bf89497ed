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


def reachable_scores(sizes, floor=0):
    """Every rounded overall score that some full set of answers gives, with every
    dimension at `floor` or above (the weakest-link rule: the others are capped).

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
        return sampled_scores(sizes, floor)
    sums = 1  # bit s is set when some answers make the dimension scores add up to s units
    for n in sizes:
        step, reached = unit // n, 0
        for j in range(lowest_step(n, floor), 4 * n + 1):
            reached |= sums << (j * step)
        sums = reached
    bits = bin(sums)[:1:-1]  # bit 0 first
    # overall = 25 s / (unit k), rounded half up, in whole numbers
    return {(50 * s + unit * k) // (2 * unit * k) for s, bit in enumerate(bits) if bit == "1"}


def lowest_step(n, floor):
    """The least j for which a dimension of n statements, scoring 25 j / n, is at `floor` or above."""
    return math.ceil(Fraction(floor * n, 25))


def sampled_scores(sizes, floor=0):
    """A subset of the reachable scores, for very long files: every dimension at its lowest
    score allowed (0, or the floor) or at 100, except the one with the most statements,
    which takes each of its values. Every score here can happen; the steps between them
    are 25 / (n_max * dimensions)."""
    k, n = len(sizes), max(sizes)
    low = [Fraction(25 * lowest_step(m, floor), m) for m in sorted(sizes)]
    return {
        rounded((100 * full + sum(low[: k - 1 - full]) + Fraction(25 * j, n)) / k)
        for full in range(k)
        for j in range(lowest_step(n, floor), 4 * n + 1)
    }


def capped_band(mins, sides, floor):
    """The index of the band the weakest-link rule caps the verdict at: the highest band
    on the liability side; None without a floor or without such a band."""
    liability = [i for i, side in enumerate(sides) if side == "liability"]
    return liability[-1] if floor and liability else None
