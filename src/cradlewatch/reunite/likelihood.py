"""Per-locus likelihood ratios of child–case comparisons, batched by pedigree shape.

A *row* is one (child, case, locus) comparison: the child's genotype and the case's typed
references at that locus as global allele ids (−1 = untyped). Rows are grouped by shape
(mother typed, father typed, number of typed siblings) so that one engine call serves
thousands of rows; H1 and H2 are the two pedigrees of CONTRACTS §4.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from cradlewatch.reunite.alleles import AlleleCoder, allele_set_facts
from cradlewatch.reunite.engine import Model, pedigree_probability

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]

_NO_MUTATION = Model(theta=0.0, mutation_rate=0.0)


@dataclass(slots=True)
class Rows:
    """A batch of comparisons at single loci: (R,) loci, (R, 2) genotypes, (R, k, 2) siblings."""

    locus: IntArray
    child: IntArray
    mother: IntArray
    father: IntArray
    siblings: IntArray


@dataclass(slots=True)
class RowResult:
    """P(genotypes | H1), P(genotypes | H2) and Mendelian consistency (without mutation)."""

    h1: FloatArray
    h2: FloatArray
    consistent: NDArray[np.bool_]


def evaluate_rows(
    rows: Rows, coder: AlleleCoder, model: Model, consistency: bool = True
) -> RowResult:
    """Exact H1/H2 probabilities of every row (the child must be typed in every row).

    ``consistency=False`` skips the mutation-free pass (the flags are then all False).
    """
    count = len(rows.locus)
    h1, h2 = np.zeros(count), np.zeros(count)
    consistent = np.zeros(count, dtype=bool)
    p, listed = coder.arrays()
    n_table = np.asarray(coder.n_table, dtype=np.int64)[rows.locus]
    s_table = np.asarray(coder.s_table, dtype=np.float64)[rows.locus]
    flat = np.concatenate(
        [rows.child, rows.mother, rows.father, rows.siblings.reshape(count, -1)], axis=1
    )
    n, total = allele_set_facts(flat, listed, coder.rare, n_table, s_table)

    sib_typed = rows.siblings[:, :, 0] >= 0
    order = np.argsort(~sib_typed, axis=1, kind="stable")
    siblings = np.take_along_axis(rows.siblings, order[:, :, None], axis=1)
    n_sibs = sib_typed.sum(axis=1)
    m_typed, f_typed = rows.mother[:, 0] >= 0, rows.father[:, 0] >= 0
    shape_key = m_typed.astype(np.int64) * 2 + f_typed + 4 * n_sibs
    for key in np.unique(shape_key):
        pick = np.flatnonzero(shape_key == key)
        k = int(key) // 4
        mother = rows.mother[pick] if m_typed[pick[0]] else None
        father = rows.father[pick] if f_typed[pick[0]] else None
        child = rows.child[pick][:, None, :]
        sibs = siblings[pick, :k]
        kids1 = np.concatenate([child, sibs], axis=1)
        args = (p, n[pick], total[pick])
        h1[pick] = pedigree_probability(*args, mother, father, kids1, None, model)
        h2[pick] = pedigree_probability(*args, mother, father, sibs, rows.child[pick], model)
        if consistency:
            plain = pedigree_probability(*args, mother, father, kids1, None, _NO_MUTATION)
            consistent[pick] = plain > 0
    return RowResult(h1, h2, consistent)
