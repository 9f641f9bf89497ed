"""What the build needs to know about scores: band edges and which overall scores can happen.

The reader's own score is worked out in the browser (static/js/indicator.js); this
module only answers questions the checks ask, such as "can any set of answers land in
this band?".

A rating r on a scale of p points counts (r - 1) / (p - 1) * 100, or (p - r) / (p - 1) * 100
where agreeing reveals a liability; a dimension scores the mean of its ratings, and the
overall score is the mean of the dimensions, rounded half up. With a floor (the
weakest-link rule), a dimension below it caps the verdict at the highest liability band.
"""

import math
from fractions import Fraction

SUM_LIMIT = 5_000_000  # possible sums tracked exactly; beyond, the sampled set below
POINTS = range(2, 8)  # the scale lengths the site supports: 2 to 7 answers


def band_ranges(mins):
    """The whole scores each band covers: mins 0, 35, 55 give (0, 34), (35, 54), (55, 100)."""
    ends = [m - 1 for m in mins[1:]] + [100]
    return list(zip(mins, ends))


def rounded(score):
    """Round half up, as the site does (JavaScript's Math.round for scores >= 0)."""
    return math.floor(score + Fraction(1, 2))


def reachable_scores(sizes, points=5, floor=0):
    """Every rounded overall score that some full set of answers gives, with every
    dimension at `floor` or above (the weakest-link rule: the others are capped).

    `sizes` is the number of statements in each dimension, `points` the scale's length.
    With s = points - 1 steps, a dimension with n statements scores 100*j/(s*n) for
    j = 0..s*n; the overall score is their mean. In units of 100/(s*u), where u is the
    least common multiple of the sizes, every dimension score is a whole number, so the
    possible sums are the bits of one integer, built a dimension at a time by shifting:
    linear in the statements for files of any sensible shape.
    """
    k, unit, steps = len(sizes), math.lcm(*sizes), points - 1
    top = steps * unit * k  # the sum when every dimension scores 100
    if top > SUM_LIMIT:
        return sampled_scores(sizes, points, floor)
    sums = 1  # bit s is set when some answers make the dimension scores add up to s units
    for n in sizes:
        step, reached = unit // n, 0
        for j in range(lowest_step(n, steps, floor), steps * n + 1):
            reached |= sums << (j * step)
        sums = reached
    bits = bin(sums)[:1:-1]  # bit 0 first
    # overall = 100 s / top, rounded half up, in whole numbers
    return {(200 * s + top) // (2 * top) for s, bit in enumerate(bits) if bit == "1"}


def lowest_step(n, steps, floor):
    """The least j for which a dimension of n statements, scoring 100 j / (steps n), is at
    `floor` or above."""
    return math.ceil(Fraction(floor * steps * n, 100))


def sampled_scores(sizes, points=5, floor=0):
    """A subset of the reachable scores, for very long files: every dimension at its lowest
    score allowed (0, or the floor) or at 100, except the one with the most statements,
    which takes each of its values. Every score here can happen; the steps between them
    are 100 / ((points - 1) * n_max * dimensions)."""
    k, n, steps = len(sizes), max(sizes), points - 1
    low = [Fraction(100 * lowest_step(m, steps, floor), steps * m) for m in sorted(sizes)]
    return {
        rounded((100 * full + sum(low[: k - 1 - full]) + Fraction(100 * j, steps * n)) / k)
        for full in range(k)
        for j in range(lowest_step(n, steps, floor), steps * n + 1)
    }


def capped_band(mins, sides, floor):
    """The index of the band the weakest-link rule caps the verdict at: the highest band
    on the liability side; None without a floor or without such a band."""
    liability = [i for i, side in enumerate(sides) if side == "liability"]
    return liability[-1] if floor and liability else None
