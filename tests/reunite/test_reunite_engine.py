"""The exact engine against published values, Brenner's closed forms and a brute force."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reunite_bruteforce import likelihood_ratio as brute_lr
from reunite_bruteforce import probability as brute_probability

from cradlewatch.reunite.engine import Model, pedigree_probability

Genotype = tuple[int, int]


def _one(g: Genotype | None) -> np.ndarray | None:
    return None if g is None else np.array([g], dtype=np.int64)


def fast_probability(
    freqs: list[float],
    mother: Genotype | None,
    father: Genotype | None,
    children: list[Genotype],
    extra: Genotype | None,
    theta: float,
    mu: float,
) -> float:
    kids = np.array([children], dtype=np.int64).reshape(1, len(children), 2)
    return float(
        pedigree_probability(
            np.array(freqs),
            np.array([len(freqs)]),
            np.array([sum(freqs)]),
            _one(mother),
            _one(father),
            kids,
            _one(extra),
            Model(theta, mu),
        )[0]
    )


def fast_lr(
    freqs: list[float],
    child: Genotype,
    mother: Genotype | None = None,
    father: Genotype | None = None,
    siblings: tuple[Genotype, ...] = (),
    theta: float = 0.0,
    mu: float = 0.0,
) -> float:
    h1 = fast_probability(freqs, mother, father, [child, *siblings], None, theta, mu)
    h2 = fast_probability(freqs, mother, father, list(siblings), child, theta, mu)
    return h1 / h2


# Published values: forrel (duo), Familias (trio PI, full siblings), Balding–Nichols θ.
@pytest.mark.parametrize(("p", "expected"), [(0.05, 20.0), (0.1, 10.0)])
def test_duo_homozygote_matches_forrel(p: float, expected: float) -> None:
    assert fast_lr([p, 1 - p], (0, 0), mother=(0, 0)) == pytest.approx(expected, rel=1e-12)


def test_two_loci_duo_multiply_to_200() -> None:
    lr = fast_lr([0.05, 0.95], (0, 0), father=(0, 0)) * fast_lr([0.1, 0.9], (0, 0), father=(0, 0))
    assert lr == pytest.approx(200.0, rel=1e-12)


def test_trio_paternity_index_matches_familias() -> None:
    freqs = [0.2, 0.3, 0.5]  # A, B, C
    # H1: alleged father A/B is the father; H2: he is unrelated (mother A/C typed in both).
    h1 = fast_probability(freqs, (0, 2), (0, 1), [(0, 0)], None, 0.0, 0.0)
    h2 = fast_probability(freqs, (0, 2), None, [(0, 0)], (0, 1), 0.0, 0.0)
    assert h1 / h2 == pytest.approx(2.5, rel=1e-12)


def test_full_siblings_homozygote_matches_familias() -> None:
    assert fast_lr([0.2, 0.8], (0, 0), siblings=((0, 0),)) == pytest.approx(9.0, rel=1e-12)


@pytest.mark.parametrize(("theta", "expected"), [(0.01, 7.9069767442), (0.03, 5.6684491979)])
def test_duo_with_theta(theta: float, expected: float) -> None:
    lr = fast_lr([0.1, 0.9], (0, 0), mother=(0, 0), theta=theta)
    assert lr == pytest.approx(expected, abs=1e-9)


def test_siblings_with_theta() -> None:
    lr = fast_lr([0.1, 0.9], (0, 0), siblings=((0, 0),), theta=0.01)
    assert lr == pytest.approx(20.98089701, abs=1e-8)


# Brenner's closed forms (θ = 0, no mutation, frequencies summing to 1).
FREQS = [0.1, 0.2, 0.3, 0.4]


@pytest.mark.parametrize(
    ("child", "parent", "expected"),
    [
        ((0, 0), (0, 0), 1 / 0.1),
        ((0, 0), (0, 1), 1 / (2 * 0.1)),
        ((0, 1), (0, 0), 1 / (2 * 0.1)),
        ((0, 1), (0, 1), (0.1 + 0.2) / (4 * 0.1 * 0.2)),
        ((0, 1), (0, 2), 1 / (4 * 0.1)),
        ((0, 1), (2, 3), 0.0),
    ],
)
def test_duo_index_brenner(child: Genotype, parent: Genotype, expected: float) -> None:
    assert fast_lr(FREQS, child, father=parent) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("child", "mother", "father", "expected"),
    [
        ((0, 1), (0, 2), (1, 3), 1 / (2 * 0.2)),  # obligate paternal B, AF heterozygous: 1/2p
        ((0, 1), (0, 2), (1, 1), 1 / 0.2),  # AF homozygous for the obligate allele: 1/p
        ((0, 1), (0, 1), (0, 3), 1 / (2 * (0.1 + 0.2))),  # ambiguous obligate: 1/(2(p+q))
        ((0, 0), (0, 2), (0, 1), 1 / (2 * 0.1)),
    ],
)
def test_trio_index_brenner(
    child: Genotype, mother: Genotype, father: Genotype, expected: float
) -> None:
    h1 = fast_probability(FREQS, mother, father, [child], None, 0.0, 0.0)
    h2 = fast_probability(FREQS, mother, None, [child], father, 0.0, 0.0)
    assert h1 / h2 == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("child", "sib", "expected"),
    [
        ((0, 0), (0, 0), (1 + 0.1) ** 2 / (4 * 0.1**2)),
        ((0, 1), (0, 1), (1 + 0.1 + 0.2 + 2 * 0.1 * 0.2) / (8 * 0.1 * 0.2)),
        ((0, 0), (0, 1), (1 + 0.1) / (4 * 0.1)),
        ((0, 1), (0, 2), (1 + 2 * 0.1) / (8 * 0.1)),
        ((0, 1), (2, 3), 0.25),
    ],
)
def test_sibling_index_brenner(child: Genotype, sib: Genotype, expected: float) -> None:
    assert fast_lr(FREQS, child, siblings=(sib,)) == pytest.approx(expected, rel=1e-12)


def test_mutation_keeps_exclusion_finite() -> None:
    lr = fast_lr(FREQS, (0, 1), father=(2, 3), mu=0.002)
    # Only a mutation explains it: of order μ/(n−1) over the allele frequency.
    assert 0 < lr < 0.01


@st.composite
def cases(draw: st.DrawFn) -> tuple:
    n = draw(st.integers(1, 4))
    freqs = [draw(st.floats(0.01, 0.6)) for _ in range(n)]
    allele = st.integers(0, n - 1)
    genotype = st.tuples(allele, allele).map(lambda g: (min(g), max(g)))
    mother = draw(st.none() | genotype)
    father = draw(st.none() | genotype)
    siblings = tuple(draw(st.lists(genotype, max_size=2 if (mother and father) else 1)))
    if mother is None and father is None and not siblings:
        siblings = (draw(genotype),)
    theta = draw(st.sampled_from([0.0, 0.01, 0.05, 0.2]))
    mu = draw(st.sampled_from([0.0, 0.002, 0.1]))
    return freqs, draw(genotype), mother, father, siblings, theta, mu


@settings(max_examples=150, deadline=None)
@given(cases())
def test_engine_agrees_with_brute_force(case: tuple) -> None:
    freqs, child, mother, father, siblings, theta, mu = case
    for kids, extra in (([child, *siblings], None), (list(siblings), child)):
        fast = fast_probability(freqs, mother, father, kids, extra, theta, mu)
        slow = brute_probability(freqs, mother, father, kids, extra, theta, mu)
        assert fast == pytest.approx(slow, rel=1e-9, abs=1e-300)
    if brute_probability(freqs, mother, father, list(siblings), child, theta, mu) > 0:
        assert fast_lr(freqs, child, mother, father, siblings, theta, mu) == pytest.approx(
            brute_lr(freqs, child, mother, father, siblings, theta, mu), rel=1e-9
        )


def test_unlisted_alleles_join_the_allele_set_of_each_comparison() -> None:
    """Rows through the allele coder: rare frequency, n and S include only the pair's unlisted."""
    from cradlewatch.reunite.alleles import AlleleCoder
    from cradlewatch.reunite.freqs import FrequencyTable
    from cradlewatch.reunite.likelihood import Rows, evaluate_rows

    table = FrequencyTable()
    for allele, p in (("10", "0.05"), ("11", "0.5"), ("12", "0.3")):  # S = 0.85
        table.add("L", allele, p, "test")
    coder = AlleleCoder.from_table(table, 0.001, ["L"])
    g = {name: coder.global_id(0, name) for name in ("10", "11", "12", "99", "98")}
    rows = Rows(
        locus=np.zeros(2, dtype=np.int64),
        child=np.array([[g["10"], g["99"]], [g["10"], g["11"]]]),
        mother=np.array([[g["11"], g["99"]], [g["98"], g["12"]]]),
        father=np.full((2, 2), -1),
        siblings=np.full((2, 0, 2), -1),
    )
    model = Model(theta=0.02, mutation_rate=0.01)
    result = evaluate_rows(rows, coder, model)
    # Row 0 carries one unlisted allele (99): allele set 10, 11, 12, 99.
    freqs0 = [0.05, 0.5, 0.3, 0.001]
    expected0 = brute_lr(freqs0, (0, 3), mother=(1, 3), theta=0.02, mu=0.01)
    # Row 1 carries 98 only (99 belongs to the other comparison): allele set 10, 11, 12, 98.
    expected1 = brute_lr(freqs0, (0, 1), mother=(2, 3), theta=0.02, mu=0.01)
    assert result.h1 / result.h2 == pytest.approx([expected0, expected1], rel=1e-9)
    assert result.consistent.tolist() == [True, False]  # row 0 shares 99
