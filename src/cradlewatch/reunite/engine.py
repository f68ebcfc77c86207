"""The exact kinship likelihood of CONTRACTS §4, vectorised over many comparisons at once.

One call evaluates P(genotypes | pedigree) at one locus for N comparisons that share a
pedigree *shape* (which parents are typed, how many typed children, whether an extra
founder is present) but not their alleles. The pedigree is always "two parents and their
children": under H1 the children are the unidentified child and the typed full siblings;
under H2 the siblings only, with the unidentified child as one more founder.

Method. Sum over the transmission patterns of the typed children (which parental position
each child received, and which of its two alleles came from the mother: 8 patterns per
child, 1/4 each). A typed parent's positions hold its alleles; a heterozygous founder
genotype has two orders, equally likely under the exchangeable urn, so one order is used
and the result doubled. An untyped parent's position that no child received contributes a
factor 1 (CONTRACTS §4). A received position z is summed over the whole allele set, and the
equal mutation model T(z→x) = α·[z = x] + β with β = μ/(n−1), α = 1 − μ − β turns the
product over its receivers into a short sum (expand Π(α·δ + β)): either the position is
*fixed* to an allele y that some receiver carries, with weight β^(R−r)((α+β)^r − β^r), r the
receivers carrying y, or it is *free* with weight β^R and is summed over all alleles. The
Balding–Nichols urn is exchangeable, so the free draws can be moved to the end, where each
sums to r_k = ((k−1)θ + (1−θ)S)/(1 + (k−2)θ), S the sum of the allele set's frequencies,
k the draw's index. Only the alleles actually observed therefore need frequencies; the rest
of the allele set enters through n and S. With θ = 0 the founder draws are independent and
the sum over fixed/free choices factorises per position.

Cost: with θ > 0, 2^k orders × 4^k position choices (halved per untyped parent, whose
positions are exchangeable) × the fixed/free options of the used untyped positions; with
θ = 0 mother and father factorise given the orders, 2^k × 2·2^k. Each step is one NumPy
operation over all N comparisons, so k (typed children) is what costs, not N.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

# Orders × comparisons handled per NumPy pass; bounds memory for large batches.
_CHUNK_CELLS = 1 << 21


@dataclass(frozen=True, slots=True)
class Model:
    """The constants of one run: θ (Balding–Nichols) and the equal-model mutation rate."""

    theta: float = 0.0
    mutation_rate: float = 0.002


def pedigree_probability(
    p: FloatArray,
    n: IntArray,
    total: FloatArray,
    mother: IntArray | None,
    father: IntArray | None,
    children: IntArray,
    extra_founder: IntArray | None,
    model: Model,
) -> FloatArray:
    """P(all genotypes) for N comparisons of one pedigree shape at one locus.

    ``p`` holds the frequency of every allele id; ``n`` and ``total`` (N,) the size and the
    frequency sum of each comparison's allele set; ``mother``/``father``/``extra_founder``
    (N, 2) typed founder genotypes as allele ids or ``None`` when untyped/absent;
    ``children`` (N, k, 2) the typed children of mother and father.
    """
    count = len(n)
    out = np.empty(count, dtype=np.float64)
    patterns = 2 ** children.shape[1]
    step = max(1, _CHUNK_CELLS // patterns)
    for start in range(0, count, step):
        part = slice(start, start + step)
        out[part] = _probability(
            p,
            n[part],
            total[part],
            None if mother is None else mother[part],
            None if father is None else father[part],
            children[part],
            None if extra_founder is None else extra_founder[part],
            model,
        )
    return out


def _probability(
    p: FloatArray,
    n: IntArray,
    total: FloatArray,
    mother: IntArray | None,
    father: IntArray | None,
    children: IntArray,
    extra_founder: IntArray | None,
    model: Model,
) -> FloatArray:
    theta, mu = model.theta, model.mutation_rate
    count = children.shape[0]
    beta = np.where(n > 1, mu / np.maximum(n - 1, 1), 0.0)
    same = np.where(n > 1, 1.0 - mu, 1.0)  # T(x→x) = α + β

    typed = [g for g in (mother, father, extra_founder) if g is not None]
    typed_alleles = [g[:, i] for g in typed for i in (0, 1)]
    multiplicity = np.ones(count)
    for g in typed:
        multiplicity *= np.where(g[:, 0] != g[:, 1], 2.0, 1.0)
    founder_prob = _urn_sequence(p, typed_alleles, [], theta, 0)

    if theta == 0.0:
        summed = _independent_founders(p, total, mother, father, children, same, beta)
        return multiplicity * founder_prob * summed

    summed = _coupled_founders(p, total, mother, father, children, typed_alleles, same, beta, theta)
    return multiplicity * founder_prob * summed


def _received(children: IntArray, order: IntArray) -> list[tuple[IntArray, IntArray]]:
    """Per child, the (maternal, paternal) alleles under each order pattern, (P, N) each."""
    out = []
    for c in range(children.shape[1]):
        first, second = children[:, c, 0], children[:, c, 1]
        flip = order[c][:, None] == 1
        maternal = np.where(flip, second[None, :], first[None, :])
        paternal = np.where(flip, first[None, :], second[None, :])
        out.append((maternal, paternal))
    return out


def _order_allowed(genotype: IntArray, order: IntArray) -> FloatArray:
    """0 for the second order of a homozygote (the same assignment counted once), else 1."""
    flip = order[:, None] == 1
    return np.where(flip & (genotype[:, 0] == genotype[:, 1])[None, :], 0.0, 1.0)


def _independent_founders(
    p: FloatArray,
    total: FloatArray,
    mother: IntArray | None,
    father: IntArray | None,
    children: IntArray,
    same: FloatArray,
    beta: FloatArray,
) -> FloatArray:
    """θ = 0: given the children's allele orders, mother and father contribute independently.

    Σ over orders (2^k) of [Σ over the mother's position choices] × [Σ over the father's],
    instead of the 8^k joint patterns; each position's receivers are known per choice.
    """
    kids = children.shape[1]
    order = np.array(list(itertools.product((0, 1), repeat=kids)), dtype=np.int64)
    order = order.T if kids else np.zeros((0, 1), dtype=np.int64)
    received = _received(children, order)
    result = np.ones((order.shape[1], children.shape[0]))
    for c in range(kids):
        result *= _order_allowed(children[:, c], order[c])
    powers = np.stack([beta**j for j in range(kids + 1)])  # β^j, (k+1, N)
    same_powers = np.stack([same**j for j in range(kids + 1)])  # (1 − μ)^j
    for parent, side in ((mother, 0), (father, 1)):
        alleles = [received[c][side] for c in range(kids)]
        part = np.zeros_like(result)
        for choice in itertools.product((0, 1), repeat=kids):
            # An untyped parent's two positions are exchangeable: fix the first child's.
            if parent is None and kids and choice[0] == 1:
                continue
            term = np.full_like(result, 0.5**kids * (2.0 if parent is None and kids else 1.0))
            for position in (0, 1):
                receivers = [alleles[c] for c in range(kids) if choice[c] == position]
                if parent is not None:
                    for got in receivers:
                        term *= np.where(got == parent[:, position][None, :], same, beta)
                elif receivers:
                    term *= _untyped_position(receivers, p, total, powers, same_powers)
            part += term
        result *= part
    return result.sum(axis=0)


def _untyped_position(
    receivers: list[IntArray],
    p: FloatArray,
    total: FloatArray,
    powers: FloatArray,
    same_powers: FloatArray,
) -> FloatArray:
    """Σ_z p_z Π_receivers T(z → x): free (β^R · S) plus one term per distinct received allele."""
    size = len(receivers)
    value = powers[size] * total
    for c, got in enumerate(receivers):
        carrying = sum((other == got).astype(np.int64) for other in receivers)
        first = np.ones(got.shape, dtype=bool)
        for other in receivers[:c]:
            first &= other != got
        rest = np.take_along_axis(powers, size - carrying, axis=0)
        own = np.take_along_axis(powers, carrying, axis=0)
        kept = np.take_along_axis(same_powers, carrying, axis=0)
        value = value + np.where(first, rest * (kept - own) * p[got], 0.0)
    return value


def _urn_sequence(
    p: FloatArray,
    earlier: list[IntArray],
    draws: list[IntArray],
    theta: float,
    offset: int,
) -> FloatArray:
    """P(draws | earlier) under the sequential urn; ``offset`` counts draws not listed.

    With ``draws`` empty, the probability of the ``earlier`` sequence itself.
    """
    sequence = draws if draws else earlier
    before = earlier if draws else []
    result: FloatArray | None = None
    for j, allele in enumerate(sequence):
        k = offset + len(before) + j + 1
        matches = sum((b == allele for b in before), np.zeros(allele.shape))
        matches = matches + sum((sequence[i] == allele for i in range(j)), np.zeros(allele.shape))
        term = (matches * theta + (1.0 - theta) * p[allele]) / (1.0 + (k - 2) * theta)
        result = term if result is None else result * term
    if result is None:
        return np.ones(1)
    return result


def _coupled_founders(
    p: FloatArray,
    total: FloatArray,
    mother: IntArray | None,
    father: IntArray | None,
    children: IntArray,
    typed_alleles: list[IntArray],
    same: FloatArray,
    beta: FloatArray,
    theta: float,
) -> FloatArray:
    """θ > 0: all founder draws share one urn, so patterns are summed jointly.

    Python loops over the structural choices (allele orders, the mother's and the father's
    position per child; an untyped parent's first choice fixed by symmetry), then over the
    fixed/free options of each untyped position that has receivers; each step is one NumPy
    operation over the N comparisons.
    """
    count, kids = children.shape[0], children.shape[1]
    result = np.zeros(count)
    choices = list(itertools.product((0, 1), repeat=kids))
    for order in choices:
        allowed = np.ones(count)
        maternal, paternal = [], []
        for c, o in enumerate(order):
            genotype = children[:, c]
            if o == 1:
                allowed = allowed * (genotype[:, 0] != genotype[:, 1])
            maternal.append(genotype[:, o])
            paternal.append(genotype[:, 1 - o])
        if not allowed.any():
            continue
        for m_choice in _position_choices(mother, choices, kids):
            for f_choice in _position_choices(father, choices, kids):
                weight = allowed * 0.25**kids
                options: list[list[tuple[FloatArray, IntArray | None]]] = []
                for parent, choice, got in (
                    (mother, m_choice, maternal),
                    (father, f_choice, paternal),
                ):
                    if parent is None and kids:
                        weight = weight * 2.0
                    for position in (0, 1):
                        receivers = [got[c] for c in range(kids) if choice[c] == position]
                        if parent is not None:
                            for x in receivers:
                                weight = weight * np.where(x == parent[:, position], same, beta)
                        elif receivers:
                            options.append(_position_options(receivers, same, beta))
                result += weight * _sum_options(p, total, typed_alleles, options, theta)
    return result


def _position_choices(
    parent: IntArray | None, choices: list[tuple[int, ...]], kids: int
) -> list[tuple[int, ...]]:
    """Position choices of one parent; an untyped parent's two positions are exchangeable."""
    if parent is None and kids:
        return [c for c in choices if c[0] == 0]
    return choices


def _position_options(
    receivers: list[IntArray], same: FloatArray, beta: FloatArray
) -> list[tuple[FloatArray, IntArray | None]]:
    """Free (β^R) and fixed-to-y options of one untyped position with its receivers."""
    size = len(receivers)
    out: list[tuple[FloatArray, IntArray | None]] = [(beta**size, None)]
    for c, got in enumerate(receivers):
        carrying = sum((other == got).astype(np.int64) for other in receivers)
        first = np.ones(got.shape, dtype=bool)
        for other in receivers[:c]:
            first &= other != got
        weight = beta ** (size - carrying) * (same**carrying - beta**carrying)
        out.append((np.where(first, weight, 0.0), got))
    return out


def _sum_options(
    p: FloatArray,
    total: FloatArray,
    typed_alleles: list[IntArray],
    options: list[list[tuple[FloatArray, IntArray | None]]],
    theta: float,
) -> FloatArray:
    """Σ over the options of each used untyped position of weight × urn(fixed | typed) × r's."""
    base = len(typed_alleles)
    summed = np.zeros(len(total))
    for combination in itertools.product(*options):
        weight = np.ones(len(total))
        fixed = []
        for option_weight, value in combination:
            weight = weight * option_weight
            if value is not None:
                fixed.append(value)
        if fixed:
            weight = weight * _urn_sequence(p, typed_alleles, fixed, theta, 0)
        for j in range(1, len(combination) - len(fixed) + 1):
            k = base + len(fixed) + j
            weight = weight * ((k - 1) * theta + (1.0 - theta) * total) / (1.0 + (k - 2) * theta)
        summed += weight
    return summed
