"""Two-stage search of a reference index: a vectorised screen, then exact likelihood ratios.

Stage 1 (screen). For one child, per locus, a lookup table over every genotype code holds
the exact log10 LR of a single reference of that genotype: the parent–child (duo) index for
mothers and fathers, the full-sibling index for siblings, with θ, mutation and the rare
allele rule of CONTRACTS §4. A reference's score is a sum of one gather per locus over the
memory-mapped codes; a case's score is the sum over its references. For a case with one
typed reference this *is* the exact log10 LR; for several references it is a ranking proxy.

Stage 2 (exact). The best ``shortlist`` cases by screen score (all of them with ``--all``)
are evaluated exactly with every reference jointly (:mod:`cradlewatch.reunite.likelihood`).
Ranks are therefore exact whenever a child has at most ``shortlist`` cases with a locus in
common, and otherwise exact among the shortlist.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from cradlewatch.reunite.alleles import decode_codes
from cradlewatch.reunite.engine import Model
from cradlewatch.reunite.index import ROLE_NAMES, ReferenceIndex
from cradlewatch.reunite.likelihood import Rows, evaluate_rows
from cradlewatch.reunite.profiles import Genotype

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]

# References per screen chunk: 128k float32 scores (512 kB) stay in cache across loci.
_CHUNK = 1 << 17
# Cached per-locus lookup tables before the cache is reset (a few MB).
_TABLE_CACHE = 20_000


@dataclass(frozen=True, slots=True)
class SearchSettings:
    """How many candidates to keep and report (CONTRACTS §4 options)."""

    top: int = 5
    min_log10_lr: float = 0.0
    report_all: bool = False
    shortlist: int = 100


@dataclass(slots=True)
class LocusDetail:
    """One locus of one child–case comparison: the evidence behind a combined LR."""

    locus: str
    child: str
    references: dict[str, str]
    log10_lr: float
    consistent: bool


@dataclass(slots=True)
class Match:
    """One reported child–case pair (a row of the CONTRACTS §4 output) with its reasons."""

    child_id: str
    case_id: str
    case_number: int
    references: str
    log10_lr: float
    loci_used: int
    inconsistent_loci: int
    rank: int = 0
    loci: list[LocusDetail] = field(default_factory=list)


class Searcher:
    """Searches children against one :class:`ReferenceIndex` under one :class:`Model`."""

    def __init__(self, index: ReferenceIndex, model: Model, settings: SearchSettings) -> None:
        self.index = index
        self.model = model
        self.settings = settings
        self.mother, self.father, self.siblings = index.case_structure()
        self.n_parents = index.n_parents
        self._table_cache: dict[tuple[int, str, int, int], NDArray[np.float32]] = {}
        self._codes = np.asarray(index.codes)
        self._pool = ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1))
        ref_case = np.asarray(index.ref_case)
        # One reference per case, in case order (e.g. a single-parent database): no aggregation.
        self._one_per_case = len(ref_case) == len(index.case_ids) and bool(
            np.array_equal(ref_case, np.arange(len(ref_case)))
        )

    # -- inputs ------------------------------------------------------------------------
    def child_alleles(self, genotypes: dict[str, Genotype]) -> IntArray:
        """(L, 2) global allele ids of a child at the index's loci, −1 where untyped."""
        coder = self.index.coder
        out = np.full((len(coder.loci), 2), -1, dtype=np.int64)
        for row, locus in enumerate(coder.loci):
            if locus in genotypes:
                a, b = genotypes[locus]
                out[row] = (coder.global_id(row, a), coder.global_id(row, b))
        return out

    # -- stage 1 -----------------------------------------------------------------------
    def _tables(self, role: str, child: IntArray, loci: list[int]) -> list[NDArray[np.float32]]:
        """Per locus, log10 LR of a single ``role`` reference for every genotype code (0 → 0).

        Tables depend on the child's genotype at that locus only, so they are cached; the
        missing ones are computed in one batched engine call.
        """
        coder = self.index.coder
        keys = [(row, role, int(child[row, 0]), int(child[row, 1])) for row in loci]
        missing = [
            (row, key) for row, key in zip(loci, keys, strict=True) if key not in self._table_cache
        ]
        if missing:
            if len(self._table_cache) > _TABLE_CACHE:
                self._table_cache.clear()
            parts, sizes = [], []
            for row, _ in missing:
                size = len(coder.to_global[row])
                low, high = decode_codes(np.arange(1, size * (size + 1) // 2 + 1))
                globals_ = np.asarray(coder.to_global[row], dtype=np.int64)
                parts.append((row, np.stack([globals_[low], globals_[high]], axis=1)))
                sizes.append(len(low))
            ref = np.concatenate([r for _, r in parts])
            none = np.full(ref.shape, -1, dtype=np.int64)
            rows = Rows(
                locus=np.repeat([row for row, _ in parts], sizes).astype(np.int64),
                child=np.concatenate(
                    [
                        np.broadcast_to(child[row], (n, 2))
                        for (row, _), n in zip(parts, sizes, strict=True)
                    ]
                ),
                mother=ref if role == "parent" else none,
                father=none,
                siblings=(none if role == "parent" else ref)[:, None, :],
            )
            result = evaluate_rows(rows, coder, self.model, consistency=False)
            with np.errstate(divide="ignore", invalid="ignore"):
                values = (np.log10(result.h1) - np.log10(result.h2)).astype(np.float32)
            start = 0
            for (_, key), n in zip(missing, sizes, strict=True):
                table = np.zeros(n + 1, dtype=np.float32)
                table[1:] = values[start : start + n]
                self._table_cache[key] = table
                start += n
        return [self._table_cache[key] for key in keys]

    def screen(self, child: IntArray) -> NDArray[np.float32]:
        """Screen score of every case: the sum of its references' single-reference log10 LRs.

        The references are cut into cache-sized chunks shared between two threads (NumPy's
        gathers release the GIL); each chunk accumulates all loci while it is in cache.
        """
        total_refs = len(self.index.ref_ids)
        score = np.zeros(total_refs, dtype=np.float32)
        typed = [int(row) for row in np.flatnonzero(child[:, 0] >= 0)]
        jobs = []
        for role, start, stop in (
            ("parent", 0, self.n_parents),
            ("sibling", self.n_parents, total_refs),
        ):
            if stop <= start:
                continue
            tables = list(zip(typed, self._tables(role, child, typed), strict=True))
            jobs += [(tables, a, min(stop, a + _CHUNK)) for a in range(start, stop, _CHUNK)]

        def run(job: tuple[list[tuple[int, NDArray[np.float32]]], int, int]) -> None:
            tables, a, b = job
            out, gathered = score[a:b], np.empty(b - a, dtype=np.float32)
            for row, table in tables:
                np.take(table, self._codes[row, a:b], out=gathered)
                out += gathered

        list(self._pool.map(run, jobs))
        if self._one_per_case:
            return score
        cases = np.bincount(
            np.asarray(self.index.ref_case), weights=score, minlength=len(self.index.case_ids)
        )
        return cases.astype(np.float32)

    def shortlist(self, scores: NDArray[np.float32]) -> IntArray:
        """Case numbers to evaluate exactly: all with ``--all``, else the best ``shortlist``.

        Screen scores are never NaN (a single reference is always possible under H2), so a
        plain partial sort selects the best.
        """
        count = len(scores)
        size = self.settings.shortlist
        if self.settings.report_all or size <= 0 or size >= count:
            return np.arange(count)
        return np.argpartition(scores, count - size)[count - size :].astype(np.int64)

    # -- stage 2 -----------------------------------------------------------------------
    def exact(
        self, child_ids: list[str], children: IntArray, cases: IntArray, details: bool
    ) -> list[Match]:
        """Exact joint LR of each pair: child ``child_ids[q]`` (alleles ``children[q]``, (L, 2))
        against case number ``cases[q]``; unranked, in pair order."""
        index, coder = self.index, self.index.coder
        refs = np.concatenate(
            [self.mother[cases, None], self.father[cases, None], self.siblings[cases]], axis=1
        )
        n_loci, n_pairs = len(coder.loci), len(cases)
        gathered = self._codes[:, np.maximum(refs, 0)].transpose(1, 0, 2)
        codes = np.where(refs[:, None, :] >= 0, gathered, 0)
        typed = codes > 0  # (Q, L, slots)
        used = typed.any(axis=2) & (children[:, :, 0] >= 0)
        pair, locus = np.nonzero(used)
        widest = max((len(g) for g in coder.to_global), default=1)
        lookup = np.full((n_loci, widest), -1, dtype=np.int64)
        for row, globals_ in enumerate(coder.to_global):
            lookup[row, : len(globals_)] = globals_
        chosen = codes[pair, locus]  # (U, slots)
        low, high = decode_codes(np.maximum(chosen, 1))
        alleles = np.stack([lookup[locus[:, None], low], lookup[locus[:, None], high]], axis=2)
        alleles = np.where(chosen[:, :, None] > 0, alleles, -1)
        rows = Rows(locus, children[pair, locus], alleles[:, 0], alleles[:, 1], alleles[:, 2:])
        result = evaluate_rows(rows, coder, self.model) if len(locus) else None

        matches: list[Match] = []
        for q in range(n_pairs):
            case_number = int(cases[q])
            roles = sorted(
                {
                    ROLE_NAMES[min(slot, 2)]
                    for slot in range(refs.shape[1])
                    if refs[q, slot] >= 0 and (typed[q, :, slot] & used[q]).any()
                }
            )
            match = Match(
                child_ids[q], index.case_ids[case_number], case_number, "+".join(roles), 0.0, 0, 0
            )
            matches.append(match)
        if result is None:
            return matches
        h1, h2 = result.h1, result.h2
        with np.errstate(divide="ignore", invalid="ignore"):
            logs = np.log10(h1) - np.log10(h2)
        loci_used = np.bincount(pair, minlength=n_pairs)
        inconsistent = np.bincount(pair, weights=~result.consistent, minlength=n_pairs)
        impossible_h2 = np.bincount(pair, weights=h2 <= 0, minlength=n_pairs) > 0
        excluded = np.bincount(pair, weights=h1 <= 0, minlength=n_pairs) > 0
        finite = np.bincount(
            pair, weights=np.where(np.isfinite(logs), logs, 0.0), minlength=n_pairs
        )
        for q, match in enumerate(matches):
            match.loci_used = int(loci_used[q])
            match.inconsistent_loci = int(inconsistent[q])
            if impossible_h2[q]:
                match.log10_lr = math.nan
            elif excluded[q]:
                match.log10_lr = -math.inf
            else:
                match.log10_lr = float(finite[q])
        if details:
            self._attach_details(matches, rows, pair, logs, result.consistent, refs)
        return matches

    def _attach_details(
        self,
        matches: list[Match],
        rows: Rows,
        pair: IntArray,
        logs: FloatArray,
        consistent: NDArray[np.bool_],
        refs: IntArray,
    ) -> None:
        coder = self.index.coder
        name = coder.allele_name

        def genotype(g: IntArray) -> str:
            return f"{name(int(g[0]))}/{name(int(g[1]))}"

        for u, q in enumerate(pair):
            references: dict[str, str] = {}
            slots = [rows.mother[u], rows.father[u], *rows.siblings[u]]
            for slot, g in enumerate(slots):
                if g[0] >= 0:
                    label = ROLE_NAMES[min(slot, 2)]
                    if slot >= 2:
                        label = self.index.ref_ids[int(refs[q, slot])]
                    references[label] = genotype(g)
            matches[int(q)].loci.append(
                LocusDetail(
                    coder.loci[int(rows.locus[u])],
                    genotype(rows.child[u]),
                    references,
                    float(logs[u]),
                    bool(consistent[u]),
                )
            )

    # -- both stages -----------------------------------------------------------------
    def search(self, child_id: str, genotypes: dict[str, Genotype]) -> list[Match]:
        """Ranked, filtered matches of one child (CONTRACTS §4 ranking and options)."""
        return self.search_many([(child_id, genotypes)])

    def search_many(
        self,
        children: Iterable[tuple[str, dict[str, Genotype]]],
        advance: Callable[[], None] | None = None,
        batch: int = 64,
    ) -> list[Match]:
        """All children's matches, in input order of children; exact stage in batches."""
        out: list[Match] = []
        pending: list[tuple[str, IntArray, IntArray]] = []

        def flush() -> None:
            if not pending:
                return
            ids = [cid for cid, _, cases in pending for _ in range(len(cases))]
            alleles = np.concatenate([np.repeat(a[None], len(c), axis=0) for _, a, c in pending])
            cases = np.concatenate([c for _, _, c in pending])
            matches = self.exact(ids, alleles, cases, details=False)
            start = 0
            for _, _, c in pending:
                out.extend(rank(matches[start : start + len(c)], self.settings))
                start += len(c)
            pending.clear()

        for child_id, genotypes in children:
            child = self.child_alleles(genotypes)
            if len(self.index.case_ids):
                pending.append((child_id, child, self.shortlist(self.screen(child))))
            if len(pending) >= batch:
                flush()
            if advance is not None:
                advance()
        flush()
        return out


def _rank_key(match: Match) -> tuple[int, float, str]:
    value = match.log10_lr
    if math.isnan(value):
        return (2, 0.0, match.case_id)
    if value == -math.inf:
        return (1, 0.0, match.case_id)
    return (0, -value, match.case_id)


def rank(matches: list[Match], settings: SearchSettings) -> list[Match]:
    """Number ranks per child, then apply ``--top``/``--min-log10-lr`` (never renumbering)."""
    kept = matches if settings.report_all else [m for m in matches if m.loci_used > 0]
    kept.sort(key=_rank_key)
    for position, match in enumerate(kept, start=1):
        match.rank = position
    if settings.report_all:
        return kept
    return [m for m in kept if m.rank <= settings.top and m.log10_lr >= settings.min_log10_lr]
