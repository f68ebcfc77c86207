"""Power figures, non-genetic evidence, output formatting and the demo."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from rich.console import Console

from cradlewatch.reunite.engine import Model
from cradlewatch.reunite.evidence import combined_log10, evidence_factors, posterior
from cradlewatch.reunite.freqs import FrequencyTable, read_frequencies
from cradlewatch.reunite.loci import CODIS20
from cradlewatch.reunite.power import exact_tail, simulate_pairs
from cradlewatch.reunite.report import conclusion, format_log10, verbal_strength
from cradlewatch.reunite.search import Match

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "str"


def small_table() -> FrequencyTable:
    table = FrequencyTable()
    for locus, freqs in {"A": [0.5, 0.3, 0.2], "B": [0.4, 0.4, 0.1, 0.1]}.items():
        for i, p in enumerate(freqs):
            table.add(locus, str(i + 10), str(p), "test")
    return table


def test_exact_tail_matches_a_direct_sum_on_one_locus() -> None:
    table = small_table()
    tail = exact_tail(table, ["A"], "parent", Model(0.0, 0.0), math.log10(2.5), 0.0001)
    # Direct sum over every unrelated genotype pair of Brenner's duo index (no mutation).
    p = [0.5, 0.3, 0.2]
    total = 0.0
    genotypes = [(a, b) for a in range(3) for b in range(a, 3)]

    def hw(g: tuple[int, int]) -> float:
        return p[g[0]] ** 2 if g[0] == g[1] else 2 * p[g[0]] * p[g[1]]

    for child in genotypes:
        for parent in genotypes:
            x, y = child
            tx = 0.5 * ((parent[0] == x) + (parent[1] == x))
            ty = 0.5 * ((parent[0] == y) + (parent[1] == y))
            both = tx * p[y] + ty * p[x]
            lr = tx / p[x] if x == y else both / (2 * p[x] * p[y])
            if lr >= 2.5 - 1e-12:
                total += hw(child) * hw(parent)
    assert tail.false_rate == pytest.approx(total, rel=1e-9)


def test_simulation_agrees_with_the_exact_tail() -> None:
    table = small_table()
    true_lr, false_lr = simulate_pairs(table, ["A", "B"], "parent", Model(), 20000, seed=3)
    tail = exact_tail(table, ["A", "B"], "parent", Model(), 0.5)
    assert np.mean(false_lr >= 0.5) == pytest.approx(tail.false_rate, abs=0.01)
    assert np.mean(true_lr >= 0.5) == pytest.approx(tail.true_rate, abs=0.01)


def test_published_false_candidate_order_with_codis20() -> None:
    path = SHARED / "OstAsiaDB_v2023.txt"
    if not path.exists():
        pytest.skip("../shared/data/str/OstAsiaDB_v2023.txt is not present in this checkout")
    tail = exact_tail(read_frequencies(path), list(CODIS20), "parent", Model(), 4.0)
    per_million = tail.false_rate * 1e6
    # Published: about one false single-parent candidate per child per million parents at
    # LR ≥ 10,000 with the 20 CODIS loci. The East Asian table gives the same order (3.4).
    assert 0.3 <= per_million <= 10
    assert tail.true_rate > 0.95


def test_evidence_is_stated_capped_and_never_decides() -> None:
    child = {"sex": "male", "age_years": "6", "event_date": "2020-06-01", "province": "广东省"}
    case = {
        "sex": "male",
        "birth_date": "2014-05-01",
        "event_date": "2016-01-01",
        "province": "广东省",
    }
    factors = {f.attribute: f.ratio for f in evidence_factors(child, case)}
    assert factors["sex"] == pytest.approx(0.99 / 0.5)
    assert factors["province"] == pytest.approx(0.3 * 31)
    assert factors["age"] > 1  # 6 y estimate vs 6.1 y expected
    assert combined_log10(evidence_factors(child, case)) == pytest.approx(2.0)  # capped at 100
    wrong = {"sex": "female", "event_date": "2015-01-01"}
    against = evidence_factors(wrong, case)
    assert {f.attribute for f in against} == {"sex", "dates"}
    assert combined_log10(against) == -2.0
    m = Match("C", "K", 0, "mother", 1.0, 20, 0)  # DNA LR 10 with strong non-DNA support
    assert conclusion(m).startswith("inconclusive")


def test_posterior_and_wording() -> None:
    assert posterior(4.0, 0.5) == pytest.approx(10_000 / 10_001)
    assert posterior(-math.inf, 0.5) == 0.0 and math.isnan(posterior(math.nan, 0.5))
    assert conclusion(Match("C", "K", 0, "father", 4.0, 20, 0)).startswith("supports")
    assert conclusion(Match("C", "K", 0, "father", 9.0, 20, 3)).startswith("exclusion")
    assert verbal_strength(4.5) == "very strong support"
    assert verbal_strength(-2.5).endswith("against the relationship")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0"),
        (1.5, "1.5"),
        (-math.inf, "-inf"),
        (math.nan, "nan"),
        (2.0, "2"),
        (math.log10(200), "2.3010299956639813"),
        (0.1, "0.10000000000000001"),  # "0.1" would not be the double's exact value
        (-0.25, "-0.25"),
    ],
)
def test_log10_formatting(value: float, text: str) -> None:
    assert format_log10(value) == text


def test_demo_runs_and_reports(tmp_path: Path) -> None:
    from cradlewatch.reunite.demo import run_demo

    figures = run_demo(tmp_path, Console(record=True, width=160))
    assert figures["rank1_all"] >= 0.95
    assert (tmp_path / "reunite" / "matches.csv").exists()
    assert (tmp_path / "reunite" / "index" / "codes.npy").exists()
