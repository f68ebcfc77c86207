"""One reunification round as a Python API: what the CLI, the demo and the evaluation call.

A round reads (or is given) the references as a :class:`ReferenceIndex`, searches every
unidentified child, and attaches the reasons: per-locus details and the non-genetic
evidence of each reported pair.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cradlewatch.reunite.engine import Model
from cradlewatch.reunite.evidence import EvidenceFactor, combined_log10, evidence_factors, posterior
from cradlewatch.reunite.freqs import FrequencyTable
from cradlewatch.reunite.index import ReferenceIndex
from cradlewatch.reunite.profiles import Dataset
from cradlewatch.reunite.search import Match, Searcher, SearchSettings


@dataclass(slots=True)
class RoundResult:
    """Ranked matches of every child, with the non-genetic evidence of each pair."""

    matches: list[Match]
    factors: dict[tuple[str, str], list[EvidenceFactor]] = field(default_factory=dict)
    prior: float = 0.5

    def evidence_columns(self) -> dict[tuple[str, str], tuple[float, float]]:
        """(capped evidence log10 LR, posterior with DNA and evidence) per reported pair."""
        out = {}
        for m in self.matches:
            factors = self.factors.get((m.child_id, m.case_id), [])
            ev = combined_log10(factors)
            out[(m.child_id, m.case_id)] = (ev, posterior(m.log10_lr + ev, self.prior))
        return out


@contextmanager
def child_progress(total: int, description: str) -> Iterator[Callable[[], None]]:
    """A Rich bar on stderr, counting children, shown only when stderr is a terminal."""
    if not total or not sys.stderr.isatty():
        yield lambda: None
        return
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = progress.add_task(description, total=total)
    with progress:
        yield lambda: progress.advance(task)


def index_frequencies(index: ReferenceIndex) -> FrequencyTable:
    """The frequency table an index was built with (its listed alleles)."""
    coder = index.coder
    table = FrequencyTable(source="index")
    for row, locus in enumerate(coder.loci):
        table.loci[locus] = {
            coder.names[g]: coder.p[g] for g in coder.to_global[row] if coder.listed[g]
        }
    return table


def default_prior(index: ReferenceIndex) -> float:
    """P(H1) of one child–case pair when nothing else is known: one in the number of cases."""
    return 1.0 / max(len(index.case_ids), 2)


def run_round(
    dataset: Dataset,
    index: ReferenceIndex,
    model: Model,
    settings: SearchSettings,
    prior: float | None = None,
    details: bool = False,
) -> RoundResult:
    """Search every child of ``dataset`` against ``index``; evidence for each reported pair."""
    searcher = Searcher(index, model, settings)
    children = [(c, dataset.genotypes.get(c, {})) for c in dataset.children]
    with child_progress(len(children), "reunite") as advance:
        matches = searcher.search_many(children, advance)
    if details:
        by_child: dict[str, list[Match]] = {}
        for m in matches:
            by_child.setdefault(m.child_id, []).append(m)
        for child_id, group in by_child.items():
            alleles = searcher.child_alleles(dataset.genotypes.get(child_id, {}))
            cases = [m.case_number for m in group]
            detailed = searcher.exact(
                [child_id] * len(cases),
                np.repeat(alleles[None], len(cases), axis=0),
                np.asarray(cases),
                details=True,
            )
            for m, d in zip(group, detailed, strict=True):
                m.loci = d.loci
    result = RoundResult(matches, prior=prior if prior is not None else default_prior(index))
    for m in matches:
        result.factors[(m.child_id, m.case_id)] = evidence_factors(
            dataset.child_attributes.get(m.child_id, {}), index.case_attributes[m.case_number]
        )
    return result


def explain_pair(
    dataset: Dataset, index: ReferenceIndex, model: Model, child_id: str, case_id: str
) -> Match | None:
    """The full comparison of one child with one case (``--explain``), or None if unknown."""
    if child_id not in dataset.genotypes or case_id not in index.case_ids:
        return None
    searcher = Searcher(index, model, SearchSettings(report_all=True))
    alleles = searcher.child_alleles(dataset.genotypes[child_id])
    case_number = index.case_ids.index(case_id)
    return searcher.exact([child_id], alleles[None], np.asarray([case_number]), details=True)[0]
