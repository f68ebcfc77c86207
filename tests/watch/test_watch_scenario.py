"""Watch on the births scenario: the issue's acceptance criteria, on ground truth."""

from __future__ import annotations

import orjson
import pytest

from cradlewatch.scenario.births import generate_births, write_births
from cradlewatch.watch.alerts import flagged_clinicians
from cradlewatch.watch.births import read_births
from cradlewatch.watch.evaluate import evaluate
from cradlewatch.watch.monitor import WatchResult, watch


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[WatchResult, dict]:
    folder = tmp_path_factory.mktemp("births")
    csv_path, truth_path = write_births(folder, seed=20140217)
    births, rejects = read_births(csv_path)
    assert not rejects
    return watch(births), orjson.loads(truth_path.read_bytes())


def test_every_fraudulent_clinician_flagged_within_three_fabrications(run) -> None:
    result, truth = run
    score = evaluate(result, truth).scores[0]
    assert score.method == "watch (flagged)"
    assert score.detected == score.fraudulent == len(truth["fraudulent_clinicians"]) == 4
    assert all(delay is not None and delay <= 3 for delay in score.delays.values())


def test_at_most_one_percent_of_honest_clinicians_flagged(run) -> None:
    result, truth = run
    flagged = set(flagged_clinicians(result.alerts))
    honest = set(truth["clinicians"]) - set(truth["fraudulent_clinicians"])
    assert len(flagged & honest) <= 0.01 * len(honest)


def test_honest_cluster_of_confirmed_anomalies_not_flagged_by_cusum(run) -> None:
    result, truth = run
    cluster = truth["honest_cluster_clinician"]
    assert len(truth["cluster_birth_ids"]) == 6
    assert not [a for a in result.alerts if a.clinician == cluster and a.signal == "cusum"]


def test_case_mix_model_is_calibrated_and_discriminates(run) -> None:
    result, _ = run
    for name, model in result.models.items():
        assert model.converged, name
        assert model.calibration is not None
        assert model.calibration.o_over_e == pytest.approx(1.0, abs=1e-6)
    assert result.models["severe_diagnosis"].calibration.c_statistic > 0.75
    # gestation lowers the risk of a severe diagnosis, as the scenario's truth says
    terms = result.models["severe_diagnosis"].terms
    assert result.models["severe_diagnosis"].coefficients[terms.index("gestation_weeks")] < 0


def test_network_false_alarm_budget_follows_arl0(run) -> None:
    result, _ = run
    k = len(result.charts)
    for design in result.designs:
        assert design.target_arl == result.arl0 * k
        assert design.arl == pytest.approx(design.target_arl, rel=0.02)
    expected = result.births_per_year * sum(1 / d.arl for d in result.designs)
    assert result.expected_false_alarms_per_year == pytest.approx(expected)
    assert result.expected_false_alarms_per_year == pytest.approx(
        result.births_per_year / result.arl0, rel=0.02
    )


def test_alert_tallies_are_consistent(run) -> None:
    result, _ = run
    for alert in result.alerts:
        assert alert.reason
        assert 0 < alert.events_seen <= alert.births_seen
        if alert.signal == "cusum":
            assert alert.statistic >= alert.threshold
        if alert.signal == "funnel":
            assert alert.statistic > alert.threshold and alert.q_value is not None


def test_raw_rate_ranking_is_worse_than_watch(run) -> None:
    result, truth = run
    scores = {s.method: s for s in evaluate(result, truth).scores}
    raw = scores["raw-rate ranking (top 1%/year)"]
    assert len(raw.false_alarm_clinicians) > len(scores["watch (flagged)"].false_alarm_clinicians)


def test_scenario_is_reproducible_and_synthetic() -> None:
    first = generate_births(seed=3, scale=0.2)
    second = generate_births(seed=3, scale=0.2)
    assert first.births.equals(second.births)
    assert first.truth == second.truth
    ids = first.column("birth_id")
    assert ids[:3] == ["B0000001", "B0000002", "B0000003"]
    fraud_ids = {e["birth_id"] for e in first.truth["fraud_events"]}
    rows = [i for i, b in enumerate(ids) if b in fraud_ids]
    assert len(rows) == len(fraud_ids) > 0
    severe, confirmed = first.column("severe_diagnosis"), first.column("confirmed")
    gestation, dates = first.column("gestation_weeks"), first.column("date")
    relinquished, died = first.column("relinquished"), first.column("death_reported")
    by_id = {e["birth_id"]: e for e in first.truth["fraud_events"]}
    for i in rows:  # fabricated: healthy babies, never confirmed, then relinquished or dead
        assert severe[i] == 1 and confirmed[i] in (None, 0)
        assert gestation[i] >= 38
        assert 1 in (relinquished[i], died[i])
        assert by_id[ids[i]]["date"] == dates[i]
