"""Must-show: ranking on a simulated population with the East Asian table (20 CODIS loci)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from cradlewatch.reunite.engine import Model
from cradlewatch.reunite.evaluation import evaluate_matches
from cradlewatch.reunite.freqs import FrequencyTable, read_frequencies
from cradlewatch.reunite.index import build_index, load_index, save_index
from cradlewatch.reunite.profiles import Case, Dataset
from cradlewatch.reunite.rounds import run_round
from cradlewatch.reunite.search import Searcher, SearchSettings
from cradlewatch.scenario.families import Families, generate_families

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "str"


def east_asian() -> FrequencyTable:
    path = SHARED / "OstAsiaDB_v2023.txt"
    if not path.exists():
        pytest.skip("../shared/data/str/OstAsiaDB_v2023.txt is not present in this checkout")
    return read_frequencies(path)


def as_dataset(families: Families) -> Dataset:
    genotypes: dict[str, dict[str, tuple[str, str]]] = {}
    for sample, locus, a, b in families.profiles:
        genotypes.setdefault(sample, {})[locus] = (a, b) if float(a) <= float(b) else (b, a)
    cases: dict[str, Case] = {}
    children, attributes = [], {}
    for row in families.samples:
        if row["role"] == "child":
            children.append(row["sample_id"])
            attributes[row["sample_id"]] = {}
            continue
        case = cases.setdefault(row["case_id"], Case(row["case_id"]))
        if row["role"] == "full_sibling":
            case.siblings.append(row["sample_id"])
        else:
            setattr(case, row["role"], row["sample_id"])
    return Dataset(genotypes, cases, children, attributes)


def test_ranking_on_the_east_asian_population() -> None:
    table = east_asian()
    families = generate_families(table, cases=2000, found=400, unrelated=200, seed=2014)
    dataset = as_dataset(families)
    index = build_index(dataset, table, 0.001)
    settings = SearchSettings(top=1, min_log10_lr=-math.inf, shortlist=30)
    result = run_round(dataset, index, Model(), settings)
    figures = evaluate_matches(result.matches, families.truth, families.structure).summary()
    assert figures["rank1_both_parents"] >= 0.99
    assert figures["rank1_single_parent"] >= 0.95
    assert figures["unrelated_false_candidate_rate"] <= 0.05


def test_screen_equals_exact_for_single_references(tmp_path: Path) -> None:
    table = east_asian()
    families = generate_families(table, cases=60, found=10, unrelated=2, seed=3)
    dataset = as_dataset(families)
    save_index(build_index(dataset, table, 0.001), tmp_path / "index")
    index = load_index(tmp_path / "index")  # memory-mapped
    searcher = Searcher(index, Model(theta=0.01), SearchSettings(report_all=True))
    mother, father, siblings = index.case_structure()
    typed = (mother >= 0).astype(int) + (father >= 0) + (siblings >= 0).sum(axis=1)
    single = np.flatnonzero(typed == 1)
    assert len(single) > 5
    for child_id in dataset.children[:4]:
        child = searcher.child_alleles(dataset.genotypes[child_id])
        screen = searcher.screen(child)
        exact = searcher.exact(
            [child_id] * len(single), np.repeat(child[None], len(single), 0), single, details=False
        )
        assert [m.log10_lr for m in exact] == pytest.approx(screen[single].tolist(), abs=1e-4)


def test_shortlist_keeps_the_exhaustive_top_for_single_parent_cases() -> None:
    table = east_asian()
    families = generate_families(table, cases=300, found=20, unrelated=5, seed=5)
    dataset = as_dataset(families)
    index = build_index(dataset, table, 0.001)
    short = run_round(dataset, index, Model(), SearchSettings(top=3, shortlist=10)).matches
    full = run_round(dataset, index, Model(), SearchSettings(top=3, shortlist=0)).matches
    assert [(m.child_id, m.case_id, m.rank) for m in short] == [
        (m.child_id, m.case_id, m.rank) for m in full
    ]
