"""Reunite: match rescued children to the families who reported a child missing.

The capability ranks candidate families for each unidentified child by the autosomal STR
kinship likelihood ratio of CONTRACTS.md §4. Modules by concept: ``loci`` and ``freqs`` (names,
alleles and frequency tables), ``profiles`` (validated inputs), ``engine`` (the exact
likelihood, vectorised over many comparisons), ``index`` (the memory-mapped reference index),
``search`` (screen + exact stage), ``evidence`` (non-genetic attributes), ``report`` (wording
and output), ``power`` (simulation of likelihood ratio distributions).
"""
