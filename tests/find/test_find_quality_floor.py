"""Quality floors on the hand-written development sets, so that a change to the lexicon, the
rules, the extractors or the text model (which learns from these sets) that loses what they
taught fails here, not in the field.

The floors sit a little under the figures in README.md; the held-out sets
(``tests/data/handwritten`` and the generator's held-out phrasings) are measured by
``cradlewatch evaluate scan`` only, never asserted in a test (a test would invite tuning on them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cradlewatch.find.evaluation import scan_and_score
from cradlewatch.find.labelled import labelled_posts

DATA = Path(__file__).resolve().parents[1] / "data"

# set: (flag recall, trafficking precision, hard-negative false flags, identifier F1, price recall)
FLOORS = {
    "dev": (0.97, 0.95, 0.04, 0.95, 0.90),
    "dev2": (0.97, 0.95, 0.06, 0.95, 0.88),
    "dev3": (0.92, 0.92, 0.05, 0.93, 0.85),
    "dev4": (0.95, 0.92, 0.06, 0.90, 0.80),
    "dev5": (0.97, 0.92, 0.04, 0.93, 0.90),
    "dev6": (0.92, 0.92, 0.10, 0.95, 0.92),
    "dev7": (0.92, 0.90, 0.12, 0.95, 0.89),
    "dev8": (0.89, 0.87, 0.08, 0.95, 0.92),
    "dev9": (0.86, 0.93, 0.10, 0.97, 0.93),
    "dev10": (0.92, 0.94, 0.05, 0.93, 0.77),
    "dev11": (0.94, 0.87, 0.08, 0.93, 0.88),
    "dev12": (0.93, 0.93, 0.05, 0.88, 0.80),
    "dev13": (0.94, 0.94, 0.04, 0.97, 0.83),
    "dev14": (0.95, 0.90, 0.08, 0.93, 0.68),
    "dev15": (0.92, 0.94, 0.04, 0.83, 0.69),
    "dev16": (0.92, 0.84, 0.08, 0.88, 0.92),
    "dev17": (0.89, 0.97, 0.08, 0.92, 0.86),
    "dev18": (0.88, 0.81, 0.05, 0.90, 0.80),
    "dev19": (0.88, 0.92, 0.04, 0.94, 0.79),
    "dev20": (0.84, 0.85, 0.04, 0.84, 0.80),
    "dev21": (0.75, 0.91, 0.07, 0.88, 0.82),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_find_keeps_its_quality_on_the_development_sets(name: str) -> None:
    folder = DATA / name
    corpus = labelled_posts(
        [str(folder / "posts.jsonl")], str(folder / "truth.jsonl"), 0, 0, "train"
    )
    report = scan_and_score(corpus)
    recall, precision, false_flags, identifier_f1, price_recall = FLOORS[name]
    assert report.flag_recall >= recall, report.misses
    assert report.trafficking_precision >= precision
    assert report.hard_negative_false_flag_rate <= false_flags, report.false_flags
    assert report.identifier_f1 >= identifier_f1
    assert report.price_recall >= price_recall
