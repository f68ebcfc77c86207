"""Watch: surveillance of clinicians' birth outcomes for fabricated diagnoses.

An obstetrician who tells parents their newborn has a grave defect, keeps the baby from them
and sells it leaves a trace in ordinary birth records: severe diagnoses that are never
confirmed, on babies whose covariates say they were healthy, followed by relinquishment, a
transfer out or a reported death. Watch looks for that trace three ways (CONTRACTS §5):
record-level ``rule`` checks, a per-clinician risk-adjusted Bernoulli ``cusum`` (Steiner et
al. 2000) with thresholds designed by Markov-chain run length, and yearly overdispersion-
adjusted ``funnel`` plots (Spiegelhalter 2005).
"""

from cradlewatch.watch.births import BirthTable, read_births
from cradlewatch.watch.monitor import WatchResult, watch

__all__ = ["BirthTable", "WatchResult", "read_births", "watch"]
