"""The persistent reference index: families' profiles as memory-mapped genotype codes.

Layout of an index directory (all arrays ``.npy``, opened with ``mmap_mode="r"`` so a search
touches only the pages it reads and a new child is searched without reloading anything):

- ``codes.npy``      (L, R) uint16/uint32 genotype codes per locus and reference, 0 = untyped;
                     locus-major so one locus of the screen is one contiguous gather
- ``ref_case.npy``   (R,) int32 case number of each reference
- ``ref_role.npy``   (R,) uint8 role: 0 mother, 1 father, 2 full sibling
- ``meta.json``      loci, rare frequency, the allele vocabulary per locus (table alleles with
                     their frequencies, then unlisted ones), format version
- ``cases.txt``, ``references.txt``  case ids and reference sample ids, one per line
- ``case_attributes.jsonl``  optional non-genetic attributes of each case's missing child
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import orjson
from numpy.typing import NDArray

from cradlewatch.errors import UsageError
from cradlewatch.reunite.alleles import AlleleCoder, genotype_code
from cradlewatch.reunite.freqs import FrequencyTable
from cradlewatch.reunite.profiles import Case, Dataset

ROLE_CODES = {"mother": 0, "father": 1, "full_sibling": 2}
ROLE_NAMES = ("mother", "father", "full_sibling")
FORMAT = "cradlewatch-reunite-index/1"


@dataclass(slots=True)
class ReferenceIndex:
    """References of all cases, as compact arrays plus the allele coder that reads them."""

    coder: AlleleCoder
    codes: NDArray[np.unsignedinteger]
    ref_case: NDArray[np.int32]
    ref_role: NDArray[np.uint8]
    case_ids: list[str]
    ref_ids: list[str]
    case_attributes: list[dict[str, str]]

    @property
    def loci(self) -> list[str]:
        """The loci of the index, in code-row order."""
        return self.coder.loci

    @property
    def n_parents(self) -> int:
        """References ``[0, n_parents)`` are parents; the rest are full siblings."""
        return int(np.count_nonzero(np.asarray(self.ref_role) != 2))

    def case_structure(self) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
        """Per case: mother's and father's reference number (−1 if none) and siblings (C, k)."""
        count = len(self.case_ids)
        mother = np.full(count, -1, dtype=np.int64)
        father = np.full(count, -1, dtype=np.int64)
        refs = np.arange(len(self.ref_case))
        role = np.asarray(self.ref_role)
        case = np.asarray(self.ref_case)
        mother[case[role == 0]] = refs[role == 0]
        father[case[role == 1]] = refs[role == 1]
        sib_refs = refs[role == 2]
        sib_case = case[role == 2]
        order = np.argsort(sib_case, kind="stable")
        sib_refs, sib_case = sib_refs[order], sib_case[order]
        per_case = np.bincount(sib_case, minlength=count)
        width = int(per_case.max(initial=0))
        siblings = np.full((count, width), -1, dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(per_case)[:-1]])
        slot = np.arange(len(sib_refs)) - starts[sib_case]
        siblings[sib_case, slot] = sib_refs
        return mother, father, siblings


def build_index(dataset: Dataset, freqs: FrequencyTable, rare: float) -> ReferenceIndex:
    """An in-memory index of every case's references (children are not stored)."""
    typed_loci = {
        locus
        for case in dataset.cases.values()
        for _, sample in case.references()
        for locus in dataset.genotypes.get(sample, {})
    }
    loci = [locus for locus in freqs.loci if locus in typed_loci]
    empty = ReferenceIndex(
        coder=AlleleCoder.from_table(freqs, rare, loci),
        codes=np.zeros((len(loci), 0), dtype=np.uint16),
        ref_case=np.zeros(0, dtype=np.int32),
        ref_role=np.zeros(0, dtype=np.uint8),
        case_ids=[],
        ref_ids=[],
        case_attributes=[],
    )
    return merge_cases(empty, dataset)


def merge_cases(index: ReferenceIndex, dataset: Dataset) -> ReferenceIndex:
    """``index`` with the cases of ``dataset`` added; a case id already present is replaced.

    Existing codes stay valid (allele ids only grow), so appending new families to a
    national index re-encodes only the new references; re-adding the same sheet changes
    nothing. Loci outside the index are ignored (the reader has reported them).
    """
    coder = index.coder
    row_of = {locus: row for row, locus in enumerate(coder.loci)}
    new_cases: list[Case] = sorted(dataset.cases.values(), key=lambda c: c.case_id)
    replaced = {c.case_id for c in new_cases}
    keep_case = np.array([c not in replaced for c in index.case_ids], dtype=bool)
    renumber = np.cumsum(keep_case) - 1
    old_case = np.asarray(index.ref_case)
    keep_ref = keep_case[old_case] if len(old_case) else np.zeros(0, dtype=bool)
    base = int(keep_case.sum())
    refs = [
        (base + i, role, sample)
        for i, case in enumerate(new_cases)
        for role, sample in case.references()
    ]
    raw = np.zeros((len(coder.loci), len(refs)), dtype=np.int64)
    for r, (_, _, sample) in enumerate(refs):
        for locus, (a, b) in dataset.genotypes.get(sample, {}).items():
            row = row_of.get(locus)
            if row is not None:
                raw[row, r] = genotype_code(coder.local_id(row, a), coder.local_id(row, b))
    codes = np.concatenate([np.asarray(index.codes)[:, keep_ref].astype(np.int64), raw], axis=1)
    ref_case = np.concatenate([renumber[old_case[keep_ref]], [r[0] for r in refs]])
    ref_role = np.concatenate(
        [np.asarray(index.ref_role)[keep_ref], [ROLE_CODES[r[1]] for r in refs]]
    )
    ref_ids = [s for s, k in zip(index.ref_ids, keep_ref, strict=True) if k]
    ref_ids += [r[2] for r in refs]
    # Parents first, then siblings: the screen reads each group as one contiguous slice.
    order = np.lexsort((ref_case, ref_role == 2))
    dtype = np.uint16 if codes.max(initial=0) < 2**16 else np.uint32
    kept_ids = [c for c, k in zip(index.case_ids, keep_case, strict=True) if k]
    kept_attributes = [a for a, k in zip(index.case_attributes, keep_case, strict=True) if k]
    return ReferenceIndex(
        coder=coder,
        codes=np.ascontiguousarray(codes[:, order].astype(dtype)),
        ref_case=ref_case[order].astype(np.int32),
        ref_role=ref_role[order].astype(np.uint8),
        case_ids=kept_ids + [c.case_id for c in new_cases],
        ref_ids=[ref_ids[i] for i in order],
        case_attributes=kept_attributes + [c.attributes for c in new_cases],
    )


def save_index(index: ReferenceIndex, directory: Path) -> None:
    """Write ``index`` to ``directory``, replacing any index there only once fully written."""
    target = directory
    directory = target.with_name(target.name + ".writing")
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    np.save(directory / "codes.npy", np.ascontiguousarray(index.codes))
    np.save(directory / "ref_case.npy", np.asarray(index.ref_case))
    np.save(directory / "ref_role.npy", np.asarray(index.ref_role))
    coder = index.coder
    vocabulary = [
        [[coder.names[g], coder.p[g], coder.listed[g]] for g in globals_]
        for globals_ in coder.to_global
    ]
    meta = {"format": FORMAT, "loci": coder.loci, "rare": coder.rare, "alleles": vocabulary}
    (directory / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    (directory / "cases.txt").write_text("".join(f"{c}\n" for c in index.case_ids), "utf-8")
    (directory / "references.txt").write_text("".join(f"{r}\n" for r in index.ref_ids), "utf-8")
    with (directory / "case_attributes.jsonl").open("wb") as handle:
        for attributes in index.case_attributes:
            handle.write(orjson.dumps(attributes) + b"\n")
    previous = target.with_name(target.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    directory.rename(target)
    shutil.rmtree(previous, ignore_errors=True)


def load_index(directory: Path) -> ReferenceIndex:
    """Open an index written by :func:`save_index`; the arrays stay memory-mapped."""
    try:
        meta = json.loads((directory / "meta.json").read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise UsageError(f"{directory}/meta.json:0: not a reunite index ({error})") from None
    if meta.get("format") != FORMAT:
        raise UsageError(f"{directory}/meta.json:1: unknown index format {meta.get('format')!r}")
    coder = AlleleCoder(loci=list(meta["loci"]), rare=float(meta["rare"]))
    for row, alleles in enumerate(meta["alleles"]):
        coder.local.append({})
        coder.to_global.append([])
        listed = [(name, p) for name, p, is_listed in alleles if is_listed]
        coder.n_table.append(len(listed))
        coder.s_table.append(float(sum(p for _, p in listed)))
        for name, p, is_listed in alleles:
            coder.add(row, name, float(p), listed=bool(is_listed))
    lines = (directory / "case_attributes.jsonl").read_bytes().splitlines()
    return ReferenceIndex(
        coder=coder,
        codes=np.load(directory / "codes.npy", mmap_mode="r"),
        ref_case=np.load(directory / "ref_case.npy", mmap_mode="r"),
        ref_role=np.load(directory / "ref_role.npy", mmap_mode="r"),
        case_ids=(directory / "cases.txt").read_text("utf-8").splitlines(),
        ref_ids=(directory / "references.txt").read_text("utf-8").splitlines(),
        case_attributes=[orjson.loads(line) for line in lines],
    )
