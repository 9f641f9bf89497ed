"""The build's own score arithmetic: band edges and which overall scores can happen."""

import random
from fractions import Fraction

import pytest

from sitebuild.scoring import band_ranges, reachable_scores, rounded, sampled_scores


def every_score(sizes, points=5):
    """Brute force: every full set of answers, its rounded overall score. A dimension's
    score is the mean of (r - 1) / (points - 1) * 100 over its ratings r."""
    sums = {Fraction(0)}
    for n in sizes:
        dimension = {Fraction(0)}
        for _ in range(n):
            dimension = {d + Fraction(100 * (r - 1), (points - 1) * n) for d in dimension for r in range(1, points + 1)}
        sums = {s + d for s in sums for d in dimension}
    return {rounded(s / len(sizes)) for s in sums}


@pytest.mark.parametrize("seed", range(40))
def test_reachable_scores_equal_brute_force(seed):
    rng = random.Random(seed)
    sizes = [rng.randint(1, 6) for _ in range(rng.randint(1, 5))]
    assert reachable_scores(sizes) == every_score(sizes)


@pytest.mark.parametrize("points", range(2, 8))
@pytest.mark.parametrize("seed", range(6))
def test_reachable_scores_on_every_scale_length_equal_brute_force(points, seed):
    rng = random.Random(seed * 10 + points)
    sizes = [rng.randint(1, 3) for _ in range(rng.randint(1, 3))]
    assert reachable_scores(sizes, points) == every_score(sizes, points)


def test_a_two_point_scale_reaches_few_scores():
    # Two dimensions of two statements each on agree/disagree: quarters of 100 only.
    assert reachable_scores([2, 2], points=2) == {0, 25, 50, 75, 100}


def test_seven_points_sample_is_reachable():
    sizes = [319, 320, 321, 322, 318]
    assert reachable_scores(sizes, 7) == sampled_scores(sizes, 7) == set(range(101))


def test_a_narrow_band_can_be_out_of_reach():
    # Two dimensions of one statement each: means of two quarters, 0, 12.5 -> 13, 25, ...
    assert reachable_scores([1, 1]) == {0, 13, 25, 38, 50, 63, 75, 88, 100}


def test_huge_coprime_sizes_use_the_sample_and_it_is_all_reachable():
    sizes = [319, 320, 321, 322, 318]
    assert reachable_scores(sizes) == sampled_scores(sizes) == set(range(101))


def test_band_ranges():
    assert band_ranges([0, 35, 55, 75]) == [(0, 34), (35, 54), (55, 74), (75, 100)]
    assert band_ranges([0, 100]) == [(0, 99), (100, 100)]


def test_rounding_is_half_up():
    assert [rounded(Fraction(x, 2)) for x in (1, 3, 5, 199)] == [1, 2, 3, 100]
