"""Allele frequency tables: the CSV ``locus,allele,frequency`` and the block text layout.

The block layout (a marker line, then ``allele<TAB>frequency`` lines, blank lines between
markers) is how norSTR, Familias and many laboratories publish their tables; the CSV is the
project's own. Both become one :class:`FrequencyTable`. Nothing is renormalised: a table whose
frequencies do not add up to 1 (tables floored at 0.001 usually exceed 1) is used as given, as
CONTRACTS §4 fixes, so that every likelihood ratio can be recomputed by hand.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

from cradlewatch.errors import UsageError
from cradlewatch.reunite.loci import canonical_allele, canonical_locus


@dataclass(slots=True)
class FrequencyTable:
    """Allele frequencies per canonical locus, in the order the table lists them."""

    loci: dict[str, dict[str, float]] = field(default_factory=dict)
    source: str = "-"

    def frequency(self, locus: str, allele: str, rare: float) -> float:
        """The frequency of ``allele``, or ``rare`` for an allele the table does not list."""
        return self.loci[locus].get(allele, rare)

    def add(self, locus_raw: str, allele_raw: str, value_raw: str, where: str) -> None:
        """Add one entry, rejecting what CONTRACTS §4 calls a usage error."""
        locus = canonical_locus(locus_raw)
        if not locus:
            raise UsageError(f"{where}: empty locus name")
        allele = canonical_allele(allele_raw)
        if allele is None:
            raise UsageError(f"{where}: malformed allele {allele_raw!r} at locus {locus_raw}")
        try:
            value = float(value_raw)
        except ValueError:
            raise UsageError(f"{where}: frequency {value_raw!r} is not a number") from None
        if not math.isfinite(value) or value <= 0 or value > 1:
            raise UsageError(f"{where}: frequency {value_raw!r} must be in (0, 1]")
        alleles = self.loci.setdefault(locus, {})
        if allele in alleles:
            raise UsageError(f"{where}: allele {allele_raw} listed twice at locus {locus}")
        alleles[allele] = value


def read_frequencies(path: Path) -> FrequencyTable:
    """Read a CSV (header ``locus,allele,frequency``) or, for anything else, the block layout."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}:0: cannot read frequency table ({error})") from None
    table = FrequencyTable(source=str(path))
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    header = [cell.strip().lower() for cell in first.split(",")]
    if header == ["locus", "allele", "frequency"]:
        _read_csv(text, path, table)
    else:
        _read_blocks(text, path, table)
    if not table.loci:
        raise UsageError(f"{path}:1: no allele frequencies found")
    return table


def _read_csv(text: str, path: Path, table: FrequencyTable) -> None:
    reader = csv.reader(io.StringIO(text))
    next(reader)
    for row in reader:
        where = f"{path}:{reader.line_num}"
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != 3:
            raise UsageError(f"{where}: expected 3 columns locus,allele,frequency, got {len(row)}")
        table.add(row[0], row[1], row[2], where)


def _read_blocks(text: str, path: Path, table: FrequencyTable) -> None:
    locus: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"{path}:{number}"
        stripped = line.strip()
        if not stripped:
            locus = None
            continue
        cells = stripped.split("\t") if "\t" in stripped else stripped.split()
        if len(cells) == 2 and locus is not None:
            table.add(locus, cells[0], cells[1], where)
        elif locus is None:
            locus = stripped
        else:
            raise UsageError(f"{where}: expected 'allele<TAB>frequency' under marker {locus}")
