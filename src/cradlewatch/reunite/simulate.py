"""Mendelian simulation of STR genotypes, vectorised: founders, transmissions, mutations.

Used by ``reunite power`` and by the scenario's families. Founders are drawn in
Hardy–Weinberg equilibrium from a table's frequencies renormalised to sum to 1 (a sampler
needs a distribution; the likelihood keeps them as given). Each transmission passes one of
the parent's two alleles with probability ½ and then mutates with probability μ to one of
the locus's other alleles, uniformly: the same "equal" model the likelihood assumes, so that
power figures are not flattered by a mismatch between simulator and model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from cradlewatch.reunite.freqs import FrequencyTable

IntArray = NDArray[np.int64]


@dataclass(slots=True)
class LocusSampler:
    """Frequencies of one locus as arrays: allele names and the sampling distribution."""

    locus: str
    alleles: list[str]
    probabilities: NDArray[np.float64]

    def founders(self, rng: np.random.Generator, count: int) -> IntArray:
        """(count, 2) allele indices drawn independently (Hardy–Weinberg)."""
        return rng.choice(len(self.alleles), size=(count, 2), p=self.probabilities)

    def transmit(
        self, rng: np.random.Generator, parents: IntArray, mutation_rate: float
    ) -> IntArray:
        """(count,) alleles passed by each parent genotype, after the equal mutation model."""
        count = len(parents)
        picked = parents[np.arange(count), rng.integers(0, 2, size=count)]
        n = len(self.alleles)
        if n < 2 or mutation_rate <= 0:
            return picked
        mutate = rng.random(count) < mutation_rate
        shift = rng.integers(1, n, size=count)  # uniform over the n − 1 other alleles
        return np.where(mutate, (picked + shift) % n, picked)

    def child(
        self, rng: np.random.Generator, mother: IntArray, father: IntArray, mutation_rate: float
    ) -> IntArray:
        """(count, 2) genotypes of children of ``mother`` × ``father`` (rows paired)."""
        return np.stack(
            [self.transmit(rng, mother, mutation_rate), self.transmit(rng, father, mutation_rate)],
            axis=1,
        )


def samplers(freqs: FrequencyTable, loci: list[str]) -> list[LocusSampler]:
    """One sampler per locus, frequencies renormalised for sampling only."""
    out = []
    for locus in loci:
        table = freqs.loci[locus]
        values = np.asarray(list(table.values()), dtype=np.float64)
        out.append(LocusSampler(locus, list(table), values / values.sum()))
    return out
