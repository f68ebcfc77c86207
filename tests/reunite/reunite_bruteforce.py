"""An independent, deliberately naive implementation of the CONTRACTS §4 likelihood.

It enumerates everything explicitly: each child's pair of received positions, both orders of
every typed founder genotype, every allele of the whole allele set at each untyped position
that some child receives, the sequential Balding–Nichols urn over all founder alleles in
draw order, and each child's two ordered received alleles through an explicit n × n equal
mutation matrix. Slow (n^4 · 4^k) but obviously right; used only to check the fast engine.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

Genotype = tuple[int, int]


def _urn(sequence: Sequence[int], freqs: Sequence[float], theta: float) -> float:
    prob = 1.0
    for k, allele in enumerate(sequence, start=1):
        earlier = sum(1 for a in sequence[: k - 1] if a == allele)
        prob *= (earlier * theta + (1 - theta) * freqs[allele]) / (1 + (k - 2) * theta)
    return prob


def _mutation(n: int, mu: float) -> list[list[float]]:
    if n == 1:
        return [[1.0]]
    return [[1 - mu if i == j else mu / (n - 1) for j in range(n)] for i in range(n)]


def _orders(genotype: Genotype) -> list[Genotype]:
    a, b = genotype
    return [(a, b)] if a == b else [(a, b), (b, a)]


def probability(
    freqs: Sequence[float],
    mother: Genotype | None,
    father: Genotype | None,
    children: Sequence[Genotype],
    extra_founder: Genotype | None,
    theta: float,
    mu: float,
) -> float:
    """P(all genotypes) of two parents, their typed children and an unrelated founder."""
    n = len(freqs)
    t = _mutation(n, mu)
    total = 0.0
    for transmissions in itertools.product(itertools.product((0, 1), (0, 1)), repeat=len(children)):
        used_m = {m for m, _ in transmissions}
        used_f = {f for _, f in transmissions}
        mother_orders = _orders(mother) if mother else [None]
        father_orders = _orders(father) if father else [None]
        extra_orders = _orders(extra_founder) if extra_founder else [()]
        for mo, fo, eo in itertools.product(mother_orders, father_orders, extra_orders):
            free_m = [] if mo else sorted(used_m)
            free_f = [] if fo else sorted(used_f)
            for picks in itertools.product(range(n), repeat=len(free_m) + len(free_f)):
                mpos: dict[int, int] = (
                    dict(enumerate(mo))
                    if mo
                    else dict(zip(free_m, picks[: len(free_m)], strict=True))
                )
                fpos: dict[int, int] = (
                    dict(enumerate(fo))
                    if fo
                    else dict(zip(free_f, picks[len(free_m) :], strict=True))
                )
                sequence = list(mo or ()) + list(fo or ()) + list(eo)
                sequence += [mpos[i] for i in free_m] + [fpos[i] for i in free_f]
                prob = _urn(sequence, freqs, theta) * 0.25 ** len(children)
                for (m, f), genotype in zip(transmissions, children, strict=True):
                    got_m, got_f = mpos[m], fpos[f]
                    prob *= sum(t[got_m][x] * t[got_f][y] for x, y in _orders(genotype))
                total += prob
    return total


def likelihood_ratio(
    freqs: Sequence[float],
    child: Genotype,
    mother: Genotype | None = None,
    father: Genotype | None = None,
    siblings: Sequence[Genotype] = (),
    theta: float = 0.0,
    mu: float = 0.0,
) -> float:
    """LR of H1 (child of the case) against H2 (unrelated), by brute force."""
    h1 = probability(freqs, mother, father, [child, *siblings], None, theta, mu)
    h2 = probability(freqs, mother, father, list(siblings), child, theta, mu)
    return h1 / h2
