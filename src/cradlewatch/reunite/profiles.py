"""Validated inputs: STR profiles (long CSV) and the samples sheet (who is whose relative).

A bad row is reported on stderr as ``file:line: reason`` and skipped; the rest is still read
(CONTRACTS: nothing accepted is lost). Only an unreadable file or a sheet without its required
columns is a usage error (exit 2). A case whose structure is contradictory (two mothers, two
fathers) is dropped as a whole with one message naming both lines: guessing which mother is
right could send a child to the wrong family.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cradlewatch.errors import UsageError
from cradlewatch.reunite.freqs import FrequencyTable
from cradlewatch.reunite.loci import canonical_allele, canonical_locus

ROLES = ("mother", "father", "full_sibling", "child")
ATTRIBUTE_COLUMNS = ("sex", "birth_date", "age_years", "event_date", "province")
_PROFILE_HEADERS = {
    "sample_id": ("sample_id", "sample name", "sample_name", "samplename"),
    "locus": ("locus", "marker"),
    "allele1": ("allele1", "allele 1", "allele_1"),
    "allele2": ("allele2", "allele 2", "allele_2"),
}

Genotype = tuple[str, str]
Warn = Callable[[str], None]


def warn_stderr(message: str) -> None:
    """Default sink for row-level problems: one line on stderr, processing goes on."""
    sys.stderr.write(f"cradlewatch: {message}\n")


@dataclass(slots=True)
class Case:
    """The relatives of one missing child, as typed references (sample ids)."""

    case_id: str
    mother: str | None = None
    father: str | None = None
    siblings: list[str] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)

    def references(self) -> list[tuple[str, str]]:
        """``(role, sample_id)`` pairs, mother then father then siblings."""
        out = [("mother", self.mother)] if self.mother else []
        out += [("father", self.father)] if self.father else []
        return out + [("full_sibling", s) for s in self.siblings]


@dataclass(slots=True)
class Dataset:
    """Everything ``reunite`` compares: genotypes, cases and the unidentified children."""

    genotypes: dict[str, dict[str, Genotype]]
    cases: dict[str, Case]
    children: list[str]
    child_attributes: dict[str, dict[str, str]]


def _open_csv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise UsageError(f"{path}:0: cannot read ({error.strerror})") from None
    with handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None:
            raise UsageError(f"{path}:1: empty file, expected a CSV header")
        for row in reader:
            yield (
                reader.line_num,
                {
                    (k or "").strip().lower(): (v or "").strip() if isinstance(v, str) else ""
                    for k, v in row.items()
                },
            )


def _header_map(path: Path) -> dict[str, str]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}:0: cannot read ({error})") from None
    present = {cell.strip().lower() for cell in header}
    mapping: dict[str, str] = {}
    for name, spellings in _PROFILE_HEADERS.items():
        found = [s for s in spellings if s in present]
        if not found:
            raise UsageError(
                f"{path}:1: missing column {name} (or GeneMapper's "
                f"'{spellings[1].title()}'); header is {','.join(header)}"
            )
        mapping[name] = found[0]
    return mapping


def read_profiles(
    path: Path, freqs: FrequencyTable, warn: Warn = warn_stderr
) -> dict[str, dict[str, Genotype]]:
    """Genotypes per sample and canonical locus; rows at loci absent from ``freqs`` are skipped."""
    columns = _header_map(path)
    out: dict[str, dict[str, Genotype]] = {}
    unknown_reported: set[str] = set()
    for line, row in _open_csv(path):
        where = f"{path}:{line}"
        sample = row.get(columns["sample_id"], "")
        locus_raw = row.get(columns["locus"], "")
        raw1, raw2 = row.get(columns["allele1"], ""), row.get(columns["allele2"], "")
        if not sample or not locus_raw:
            warn(f"{where}: row without sample id or locus; skipped")
            continue
        if not raw1 and not raw2:
            continue  # an untyped locus (CONTRACTS §4)
        locus = canonical_locus(locus_raw)
        if locus not in freqs.loci:
            if locus not in unknown_reported:
                warn(f"{where}: unknown locus {locus_raw!r} (not in the frequency table); ignored")
                unknown_reported.add(locus)
            continue
        if not raw1 or not raw2:
            warn(f"{where}: only one allele at {locus}; write a homozygote as A,A; row skipped")
            continue
        a1, a2 = canonical_allele(raw1), canonical_allele(raw2)
        if a1 is None or a2 is None:
            bad = raw1 if a1 is None else raw2
            warn(f"{where}: malformed allele {bad!r} at {locus}; row skipped")
            continue
        genotype: Genotype = (a1, a2) if _allele_order(a1) <= _allele_order(a2) else (a2, a1)
        loci = out.setdefault(sample, {})
        if locus in loci and loci[locus] != genotype:
            warn(f"{where}: {sample} typed twice at {locus} with different alleles; row skipped")
            continue
        loci[locus] = genotype
    return out


def _allele_order(allele: str) -> tuple[int, float, str]:
    try:
        return (0, float(allele), "")
    except ValueError:
        return (1, 0.0, allele)


def read_samples(
    path: Path, warn: Warn = warn_stderr
) -> tuple[dict[str, Case], list[str], dict[str, dict[str, str]]]:
    """Cases (references by role), children in input order, and the children's attributes."""
    cases: dict[str, Case] = {}
    lines: dict[tuple[str, str], int] = {}
    seen: dict[str, int] = {}
    broken: set[str] = set()
    children: list[str] = []
    child_attributes: dict[str, dict[str, str]] = {}
    header_checked = False
    for line, row in _open_csv(path):
        if not header_checked:
            missing = [c for c in ("sample_id", "case_id", "role") if c not in row]
            if missing:
                raise UsageError(f"{path}:1: missing column(s) {','.join(missing)}")
            header_checked = True
        where = f"{path}:{line}"
        sample, case_id, role = row["sample_id"], row["case_id"], row["role"].lower()
        attributes = {k: row[k] for k in ATTRIBUTE_COLUMNS if row.get(k)}
        if not sample:
            warn(f"{where}: row without sample_id; skipped")
            continue
        if sample in seen:
            warn(f"{where}: sample {sample} already listed on line {seen[sample]}; skipped")
            continue
        if not role:
            warn(f"{where}: sample {sample} has no role; skipped")
            continue
        if role not in ROLES:
            warn(f"{where}: unknown role {role!r} (expected {', '.join(ROLES)}); skipped")
            continue
        seen[sample] = line
        if role == "child":
            if case_id:
                warn(
                    f"{where}: {sample} is an unidentified child but has case_id {case_id}; "
                    "a child cannot be a reference; skipped"
                )
                continue
            children.append(sample)
            child_attributes[sample] = attributes
            continue
        if not case_id:
            warn(f"{where}: reference {sample} ({role}) has no case_id; skipped")
            continue
        case = cases.setdefault(case_id, Case(case_id))
        for key, value in attributes.items():
            case.attributes.setdefault(key, value)
        if role == "full_sibling":
            case.siblings.append(sample)
        elif getattr(case, role) is not None:
            warn(
                f"{where}: case {case_id} has a second {role} ({sample}; first on line "
                f"{lines[(case_id, role)]}); case dropped"
            )
            broken.add(case_id)
        else:
            setattr(case, role, sample)
            lines[(case_id, role)] = line
    for case_id in broken:
        del cases[case_id]
    return cases, children, child_attributes


def read_dataset(
    profiles: Path, samples: Path, freqs: FrequencyTable, warn: Warn = warn_stderr
) -> Dataset:
    """Read and cross-check both sheets; profiles of samples not in the sheet are reported."""
    genotypes = read_profiles(profiles, freqs, warn)
    cases, children, child_attributes = read_samples(samples, warn)
    known = set(children) | {s for c in cases.values() for _, s in c.references()}
    for sample in sorted(set(genotypes) - known):
        warn(f"{profiles}: profile of {sample} has no row in {samples}; ignored")
    for child in children:
        if child not in genotypes:
            warn(f"{samples}: child {child} has no profile in {profiles}; nothing to compare")
    return Dataset(genotypes, cases, children, child_attributes)
