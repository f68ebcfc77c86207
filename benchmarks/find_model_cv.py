"""How much the text model gains from posts written by people, measured honestly.

Leave-one-set-out cross-validation over the development sets in tests/data/dev*: for each
set, Find scans it twice, once with a model trained on the scenario's training split alone
and once with a model trained on that split plus every *other* development set (as
``make model`` trains the shipped one). The set scanned is never among the model's training
posts, so the second column is what the shipped model should do on posts by a new writer.
The hand-written held-out set is not read here.

    .venv/bin/python benchmarks/find_model_cv.py [--size 40000] [--label-weight 20] [--sets dev dev2 …]

The lexicon and rules were tuned on every development set, so both columns flatter Find a
little; the difference between them is the model's own gain.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from cradlewatch.find.evaluation import ScanReport, scan_and_score
from cradlewatch.find.labelled import labelled_posts, training_labels
from cradlewatch.find.scanner import Scanner
from cradlewatch.find.training import (
    LABEL_WEIGHT,
    Examples,
    generated_examples,
    labelled_examples,
    train_text_model,
)

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def development_sets(names: list[str]) -> list[Path]:
    found = [DATA / name for name in names] if names else DATA.glob("dev*")
    return sorted(found, key=lambda p: (len(p.name), p.name))


def evaluate(directory: Path, scanner: Scanner) -> ScanReport:
    corpus = labelled_posts(
        [str(directory / "posts.jsonl")], str(directory / "truth.jsonl"), 0, 0, ""
    )
    return scan_and_score(corpus, scanner)


def counts(report: ScanReport) -> tuple[int, int, int, int]:
    """Misses, positives, hard-negative false flags, hard negatives."""
    positives = sum(n for (truth, _), n in report.confusion.items() if truth != "benign")
    flagged = sum(v[0] for v in report.hard_negatives.values())
    total = sum(v[1] for v in report.hard_negatives.values())
    return len(report.misses), positives, flagged, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=40000, help="generated training posts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--label-weight", type=float, default=LABEL_WEIGHT)
    parser.add_argument("--sets", nargs="*", default=[], help="development sets (default: all)")
    args = parser.parse_args()

    started = time.perf_counter()
    generated = generated_examples(args.seed, args.size, "train")
    sets = development_sets(args.sets)
    people: dict[str, Examples] = {d.name: labelled_examples(training_labels(str(d))) for d in sets}
    meta = {"version": "cross-validation", "seed": args.seed, "size": args.size}
    alone = Scanner(model=train_text_model(generated, {}, meta))
    print(
        f"{'held out':9s} {'posts':>5s} | {'recall':>13s} {'missed':>9s} | "
        f"{'false flags':>17s} | trafficking precision"
    )
    print(f"{'':9s} {'':5s} | {'gen → +people':>13s} {'':>9s} | {'gen → +people':>17s} |")
    totals = [0] * 6
    for directory in sets:
        others = {name: ex for name, ex in people.items() if name != directory.name}
        with_people = train_text_model(generated, others, meta, args.label_weight)
        before = evaluate(directory, alone)
        after = evaluate(directory, Scanner(model=with_people))
        missed_before, positives, flags_before, negatives = counts(before)
        missed_after, _, flags_after, _ = counts(after)
        for i, value in enumerate(
            (missed_before, missed_after, positives, flags_before, flags_after, negatives)
        ):
            totals[i] += value
        print(
            f"{directory.name:9s} {before.posts:5d} | {before.flag_recall:.3f} → "
            f"{after.flag_recall:.3f} {missed_before:3d} → {missed_after:3d} | "
            f"{flags_before:3d} → {flags_after:3d} of {negatives:3d} | "
            f"{before.trafficking_precision:.3f} → {after.trafficking_precision:.3f}"
        )
    mb, ma, pos, fb, fa, neg = totals
    print(
        f"{'all':9s} {'':5s} | {1 - mb / pos:.3f} → {1 - ma / pos:.3f} {mb:3d} → {ma:3d} | "
        f"{fb:3d} → {fa:3d} of {neg:3d} |"
    )
    print(
        f"{len(sets)} folds, {args.size} generated posts, label weight {args.label_weight:g}, "
        f"{time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
