"""B-cubed and pairwise scores on hand-computed cases."""

from __future__ import annotations

import pytest

from cradlewatch.link.evaluate import score


def test_perfect_clustering_scores_one() -> None:
    truth = {"a": "1", "b": "1", "c": "2"}
    scores = score({"a": "x", "b": "x", "c": "y"}, truth)
    assert scores.bcubed_f1 == 1.0 and scores.pairwise_f1 == 1.0
    assert scores.largest_share == pytest.approx(2 / 3)


def test_one_giant_cluster_has_full_recall_and_low_precision() -> None:
    truth = {"a": "1", "b": "1", "c": "2", "d": "3"}
    scores = score(dict.fromkeys(truth, "x"), truth)
    assert scores.bcubed_recall == 1.0
    # precision per post: a,b -> 2/4; c,d -> 1/4
    assert scores.bcubed_precision == pytest.approx((0.5 + 0.5 + 0.25 + 0.25) / 4)
    assert scores.pairwise_precision == pytest.approx(1 / 6)
    assert scores.largest_share == 1.0


def test_singletons_have_full_precision() -> None:
    truth = {"a": "1", "b": "1", "c": "1"}
    scores = score({"a": "x", "b": "y", "c": "z"}, truth)
    assert scores.bcubed_precision == 1.0
    assert scores.bcubed_recall == pytest.approx(1 / 3)
    assert scores.pairwise_recall == 0.0


def test_only_posts_in_both_labelings_count() -> None:
    scores = score({"a": "x", "zz": "x"}, {"a": "1", "b": "1"})
    assert scores.posts == 1
