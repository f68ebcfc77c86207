"""Validated inputs: frequency tables, profiles and samples (CONTRACTS §4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cradlewatch.errors import UsageError
from cradlewatch.reunite.freqs import read_frequencies
from cradlewatch.reunite.loci import canonical_allele, canonical_locus
from cradlewatch.reunite.profiles import read_dataset, read_samples

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "str"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_locus_names_and_alleles_normalise() -> None:
    assert canonical_locus("Penta D") == canonical_locus("PENTA_D") == canonical_locus("pentad")
    assert canonical_locus("THO1") == "TH01"
    assert canonical_allele("9.30") == canonical_allele("9.3") == "9.3"
    assert canonical_allele("10.0") == canonical_allele("10") == "10"
    assert canonical_allele("x") == "X"
    assert canonical_allele("9/10") is None


def test_block_layout_reads_the_shared_table() -> None:
    path = SHARED / "OstAsiaDB_v2023.txt"
    if not path.exists():
        pytest.skip("../shared/data/str/OstAsiaDB_v2023.txt is not present in this checkout")
    table = read_frequencies(path)
    assert table.loci["TPOX"]["8"] == pytest.approx(0.529882)
    assert "Penta E" in table.loci and "Penta D" in table.loci
    assert len(table.loci["D1S1656"]) == 18


def test_csv_table_and_its_errors(tmp_path: Path) -> None:
    good = write(tmp_path / "f.csv", "locus,allele,frequency\nTH01,9.3,0.3\nTH01,6,0.7\n")
    assert read_frequencies(good).loci["TH01"] == {"9.3": 0.3, "6": 0.7}
    twice = write(tmp_path / "t.csv", "locus,allele,frequency\nTH01,9.3,0.3\nTH01,9.30,0.2\n")
    with pytest.raises(UsageError, match=r"t.csv:3: allele 9.30 listed twice"):
        read_frequencies(twice)
    zero = write(tmp_path / "z.csv", "locus,allele,frequency\nTH01,6,0\n")
    with pytest.raises(UsageError, match=r"z.csv:2: frequency '0'"):
        read_frequencies(zero)
    with pytest.raises(UsageError, match="cannot read"):
        read_frequencies(tmp_path / "missing.csv")


def test_block_layout_inline(tmp_path: Path) -> None:
    path = write(tmp_path / "b.txt", "TH01\n6\t0.2\n9.3\t0.8\n\nPenta D\n9\t1.0\n")
    table = read_frequencies(path)
    assert table.loci["TH01"] == {"6": 0.2, "9.3": 0.8}
    assert table.loci["Penta D"] == {"9": 1.0}


def test_profiles_and_samples_report_bad_rows(tmp_path: Path) -> None:
    freqs = read_frequencies(
        write(tmp_path / "f.csv", "locus,allele,frequency\nTH01,6,0.5\nTH01,7,0.5\n")
    )
    profiles = write(
        tmp_path / "p.csv",
        "Sample Name,Marker,Allele 1,Allele 2\n"
        "M1,tho1,6,7\n"  # alias, GeneMapper headers
        "M1,D99S1,6,7\n"  # unknown locus
        "F1,TH01,6,x/y\n"  # malformed allele
        "C1,TH01,7.0,6\n"
        "S9,TH01,6,6\n",  # not in the samples sheet
    )
    samples = write(
        tmp_path / "s.csv",
        "sample_id,case_id,role\n"
        "M1,K1,mother\n"
        "F1,K1,father\n"
        "C1,,child\n"
        "X1,K2,\n"  # no role
        "M2,K3,mother\n"
        "M3,K3,mother\n"  # second mother
        "C2,K1,child\n",  # a child listed as a reference
    )
    messages: list[str] = []
    data = read_dataset(profiles, samples, freqs, messages.append)
    text = "\n".join(messages)
    assert "p.csv:3: unknown locus 'D99S1'" in text
    assert "p.csv:4: malformed allele 'x/y'" in text
    assert "s.csv:5: sample X1 has no role" in text
    assert "s.csv:7: case K3 has a second mother (M3; first on line 6); case dropped" in text
    assert "s.csv:8: C2 is an unidentified child but has case_id K1" in text
    assert "profile of S9 has no row" in text
    assert data.genotypes["M1"] == {"TH01": ("6", "7")}
    assert data.genotypes["C1"] == {"TH01": ("6", "7")}
    assert set(data.cases) == {"K1"} and data.cases["K1"].father == "F1"
    assert data.children == ["C1"]


def test_samples_without_required_columns(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="missing column"):
        read_samples(write(tmp_path / "s.csv", "sample_id,role\nA,child\n"))
