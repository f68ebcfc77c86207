"""Synthetic families who reported a child missing, and rescued children, with ground truth.

Drives the Reunite demo, tests and evaluation: a made-up but realistically shaped allele
frequency table (``families.yaml``; real tables are supplied by users), cases typed as in
practice (both parents, one parent, parents and siblings, siblings only), each missing
child produced by Mendelian inheritance with the equal mutation model, and a set of rescued
children: some are missing children of the cases (the truth to recover), the others belong
to no case (the false-candidate control). Non-genetic attributes are drawn too: sex, birth
date, date and province of disappearance, and the rescued child's age estimate, rescue date
and province.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from cradlewatch.reunite.freqs import FrequencyTable
from cradlewatch.reunite.simulate import LocusSampler, samplers

ROLE_SLOTS = {
    "both_parents": ("mother", "father"),
    "mother": ("mother",),
    "father": ("father",),
    "mother_sibling": ("mother", "full_sibling"),
    "both_parents_sibling": ("mother", "father", "full_sibling"),
    "siblings": ("full_sibling", "full_sibling"),
}


@lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    """The scenario's stated parameters (``families.yaml``)."""
    text = resources.files("cradlewatch.scenario").joinpath("families.yaml").read_text("utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


def synthetic_frequencies(seed: int = 2014) -> FrequencyTable:
    """A synthetic table for the 20 CODIS loci: a discretised normal shape with Dirichlet noise.

    Shaped like published tables (a modal repeat, rare tails, some microvariants), floored at
    0.001 as norSTR floors its tables, but describing no real population.
    """
    rng = np.random.default_rng(seed)
    table = FrequencyTable(source=f"synthetic:{seed}")
    for locus, spec in settings()["loci"].items():
        alleles = [float(a) for a in range(spec["lo"], spec["hi"] + 1)] + spec["micro"]
        values = np.array(alleles)
        shape = np.exp(-0.5 * ((values - spec["mode"]) / spec["sd"]) ** 2)
        shape[len(alleles) - len(spec["micro"]) :] *= 0.15
        weights = rng.dirichlet(shape / shape.sum() * 60 + 0.05)
        weights = np.maximum(weights, 0.001)
        weights /= weights.sum()
        order = np.argsort(values)
        for i in order:
            name = f"{values[i]:g}"
            table.add(locus, name, f"{weights[i]:.6f}", f"synthetic:{locus}")
    return table


@dataclass(slots=True)
class Families:
    """Profiles and samples rows plus the truth: which case each rescued child belongs to."""

    profiles: list[tuple[str, str, str, str]] = field(default_factory=list)
    samples: list[dict[str, str]] = field(default_factory=list)
    truth: dict[str, str] = field(default_factory=dict)  # child_id -> case_id ("" = none)
    structure: dict[str, str] = field(default_factory=dict)  # case_id -> structure name


def generate_families(
    freqs: FrequencyTable,
    cases: int = 500,
    found: int = 200,
    unrelated: int = 100,
    seed: int = 7,
    mutation_rate: float = 0.002,
    loci: list[str] | None = None,
) -> Families:
    """Cases, their typed relatives and rescued children; ``found`` of the cases' children."""
    rng = np.random.default_rng(seed)
    conf = settings()
    loci = loci or [locus for locus in conf["loci"] if locus in freqs.loci] or list(freqs.loci)
    names = list(conf["structures"])
    shares = np.array([conf["structures"][n] for n in names], dtype=float)
    kinds = rng.choice(len(names), size=cases, p=shares / shares.sum())
    case_ids = [f"K{i + 1:05d}" for i in range(cases)]
    found_cases = rng.choice(cases, size=min(found, cases), replace=False)
    out = Families()
    child_ids = [f"R{i + 1:05d}" for i in rng.permutation(len(found_cases) + unrelated)]

    genotypes: dict[str, list[tuple[str, str]]] = {}
    for sampler in samplers(freqs, loci):
        _simulate_locus(
            rng,
            sampler,
            case_ids,
            kinds,
            names,
            found_cases,
            child_ids,
            unrelated,
            mutation_rate,
            genotypes,
        )
    for sample, per_locus in genotypes.items():
        for locus, (a, b) in zip(loci, per_locus, strict=True):
            out.profiles.append((sample, locus, a, b))

    attributes = _attributes(rng, cases, conf)
    for i, case_id in enumerate(case_ids):
        out.structure[case_id] = names[kinds[i]]
        for slot, role in enumerate(ROLE_SLOTS[names[kinds[i]]]):
            row = {"sample_id": f"{case_id}-{slot + 1}", "case_id": case_id, "role": role}
            out.samples.append({**row, **(attributes[i] if slot == 0 else {})})
    for j, case in enumerate(found_cases):
        child_id = child_ids[j]
        out.truth[child_id] = case_ids[case]
        out.samples.append(_rescued(rng, child_id, attributes[case], conf))
    for child_id in child_ids[len(found_cases) :]:
        out.truth[child_id] = ""
        stranger = _attributes(rng, 1, conf)[0]
        out.samples.append(_rescued(rng, child_id, stranger, conf))
    out.samples.sort(key=lambda r: (r["role"] == "child", r["sample_id"]))
    return out


def _simulate_locus(
    rng: np.random.Generator,
    sampler: LocusSampler,
    case_ids: list[str],
    kinds: np.ndarray,
    names: list[str],
    found_cases: np.ndarray,
    child_ids: list[str],
    unrelated: int,
    mu: float,
    genotypes: dict[str, list[tuple[str, str]]],
) -> None:
    count = len(case_ids)
    mother, father = sampler.founders(rng, count), sampler.founders(rng, count)
    missing = sampler.child(rng, mother, father, mu)
    sibs = [sampler.child(rng, mother, father, mu) for _ in range(2)]
    label = sampler.alleles

    def put(sample: str, g: np.ndarray) -> None:
        genotypes.setdefault(sample, []).append((label[int(g[0])], label[int(g[1])]))

    for i, case_id in enumerate(case_ids):
        sib = 0
        for slot, role in enumerate(ROLE_SLOTS[names[kinds[i]]]):
            if role == "mother":
                put(f"{case_id}-{slot + 1}", mother[i])
            elif role == "father":
                put(f"{case_id}-{slot + 1}", father[i])
            else:
                put(f"{case_id}-{slot + 1}", sibs[sib][i])
                sib += 1
    for j, case in enumerate(found_cases):
        put(child_ids[j], missing[case])
    strangers = sampler.founders(rng, unrelated)
    for j, child_id in enumerate(child_ids[len(found_cases) :]):
        put(child_id, strangers[j])


def _attributes(rng: np.random.Generator, count: int, conf: dict[str, Any]) -> list[dict[str, str]]:
    first, last = conf["birth_years"]
    out = []
    for _ in range(count):
        born = date(first, 1, 1) + timedelta(days=int(rng.integers(0, 365 * (last - first))))
        missing = born + timedelta(days=int(rng.integers(0, 365 * conf["missing_within_years"])))
        out.append(
            {
                "sex": "male" if rng.random() < 0.5 else "female",
                "birth_date": born.isoformat(),
                "event_date": missing.isoformat(),
                "province": str(rng.choice(conf["provinces"])),
            }
        )
    return out


def _rescued(
    rng: np.random.Generator, child_id: str, case: dict[str, str], conf: dict[str, Any]
) -> dict[str, str]:
    missing = date.fromisoformat(case["event_date"])
    rescue = missing + timedelta(days=int(rng.integers(0, 365 * conf["found_within_years"])))
    age = (rescue - date.fromisoformat(case["birth_date"])).days / 365.2425
    estimate = max(0.0, age + rng.normal(0.0, conf["age_estimate_sd"]))
    same = rng.random() < conf["same_province"]
    province = case["province"] if same else str(rng.choice(conf["provinces"]))
    return {
        "sample_id": child_id,
        "case_id": "",
        "role": "child",
        "sex": case["sex"],
        "age_years": f"{estimate:.1f}",
        "event_date": rescue.isoformat(),
        "province": province,
    }


def write_families(families: Families, freqs: FrequencyTable, directory: Path) -> dict[str, Path]:
    """Write ``freqs.csv``, ``profiles.csv``, ``samples.csv`` and ``truth.csv``; their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = {name: directory / f"{name}.csv" for name in ("freqs", "profiles", "samples", "truth")}
    with paths["freqs"].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["locus", "allele", "frequency"])
        for locus, alleles in freqs.loci.items():
            writer.writerows([locus, a, f"{p:.6f}"] for a, p in alleles.items())
    with paths["profiles"].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sample_id", "locus", "allele1", "allele2"])
        writer.writerows(families.profiles)
    columns = [
        "sample_id",
        "case_id",
        "role",
        "sex",
        "birth_date",
        "age_years",
        "event_date",
        "province",
    ]
    with paths["samples"].open("w", newline="", encoding="utf-8") as handle:
        dict_writer = csv.DictWriter(handle, fieldnames=columns)
        dict_writer.writeheader()
        dict_writer.writerows(families.samples)
    with paths["truth"].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["child_id", "case_id", "structure"])
        for child_id, case_id in sorted(families.truth.items()):
            writer.writerow([child_id, case_id, families.structure.get(case_id, "")])
    return paths
