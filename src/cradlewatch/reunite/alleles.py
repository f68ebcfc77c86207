"""Compact allele and genotype codes: the data layout of every fast path.

Each allele of each locus gets one *global id* (an index into one frequency array): the
table's alleles first, then alleles the table does not list, with frequency ``--rare-freq``,
as they are met. Per locus, an unordered genotype {a ≤ b} of *local* ids is stored as the
code ``b(b+1)/2 + a + 1`` (0 = untyped) in a ``uint16``, so a million references at 20 loci
take 40 MB and a per-child lookup table indexed by code turns a locus of the screen into one
gather.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from cradlewatch.reunite.freqs import FrequencyTable

IntArray = NDArray[np.int64]


def genotype_code(a: int, b: int) -> int:
    """The code of the unordered genotype of local ids ``a`` and ``b`` (never 0)."""
    low, high = (a, b) if a <= b else (b, a)
    return high * (high + 1) // 2 + low + 1


def decode_codes(codes: NDArray[np.integer]) -> tuple[IntArray, IntArray]:
    """Local ids (low, high) of genotype codes ≥ 1 (inverse of :func:`genotype_code`)."""
    t = codes.astype(np.int64) - 1
    high = ((np.sqrt(8.0 * t + 1.0) - 1.0) // 2).astype(np.int64)
    high -= (high * (high + 1) // 2 > t).astype(np.int64)
    high += ((high + 1) * (high + 2) // 2 <= t).astype(np.int64)
    return t - high * (high + 1) // 2, high


@dataclass(slots=True)
class AlleleCoder:
    """Global allele ids, frequencies and per-locus allele-set facts for one frequency table."""

    loci: list[str]
    rare: float
    p: list[float] = field(default_factory=list)
    listed: list[bool] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    local: list[dict[str, int]] = field(default_factory=list)
    to_global: list[list[int]] = field(default_factory=list)
    n_table: list[int] = field(default_factory=list)
    s_table: list[float] = field(default_factory=list)

    @classmethod
    def from_table(cls, freqs: FrequencyTable, rare: float, loci: list[str]) -> AlleleCoder:
        """A coder over ``loci`` (each present in ``freqs``), table alleles first."""
        coder = cls(loci=list(loci), rare=rare)
        for locus in loci:
            table = freqs.loci[locus]
            coder.local.append({})
            coder.to_global.append([])
            coder.n_table.append(len(table))
            coder.s_table.append(float(sum(table.values())))
            for allele, value in table.items():
                coder.add(len(coder.local) - 1, allele, value, listed=True)
        return coder

    def add(self, locus: int, allele: str, value: float, listed: bool) -> int:
        """Append ``allele`` to the vocabulary of locus index ``locus``; its global id."""
        gid = len(self.p)
        self.p.append(value)
        self.listed.append(listed)
        self.names.append(allele)
        self.local[locus][allele] = len(self.to_global[locus])
        self.to_global[locus].append(gid)
        return gid

    def local_id(self, locus: int, allele: str) -> int:
        """The local id of ``allele``; an unlisted allele is added with the rare frequency."""
        found = self.local[locus].get(allele)
        if found is None:
            self.add(locus, allele, self.rare, listed=False)
            return len(self.to_global[locus]) - 1
        return found

    def global_id(self, locus: int, allele: str) -> int:
        """The global id of ``allele`` at locus index ``locus`` (added if unlisted)."""
        return self.to_global[locus][self.local_id(locus, allele)]

    def arrays(self) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
        """Frequencies and listed-flags by global id, as arrays for the engine."""
        return np.asarray(self.p, dtype=np.float64), np.asarray(self.listed, dtype=bool)

    def allele_name(self, gid: int) -> str:
        """The allele designation of a global id (for reports)."""
        return self.names[gid]


def allele_set_facts(
    alleles: IntArray,
    listed: NDArray[np.bool_],
    rare: float,
    n_table: IntArray,
    s_table: NDArray[np.float64],
) -> tuple[IntArray, NDArray[np.float64]]:
    """n and S of each comparison: the table's alleles plus the distinct unlisted ones it carries.

    ``alleles`` is (N, m) global ids with −1 for absent entries.
    """
    unlisted = np.where((alleles >= 0) & ~listed[np.maximum(alleles, 0)], alleles, -1)
    ordered = np.sort(unlisted, axis=1)
    distinct = (ordered >= 0) & np.concatenate(
        [np.ones((len(ordered), 1), dtype=bool), ordered[:, 1:] != ordered[:, :-1]], axis=1
    )
    extra = distinct.sum(axis=1)
    return n_table + extra, s_table + rare * extra
