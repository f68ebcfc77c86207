"""A clinician's alert page: CUSUM charts and funnel plot from the imported Watch series, the
alerts' reasons, and decisions taken from the page. Synthetic clinicians only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import orjson
import pytest
from fastapi.testclient import TestClient
from web_helpers import login, password

from cradlewatch.model import Reject
from cradlewatch.store import Store
from cradlewatch.store.results import watch_series
from cradlewatch.watch.alerts import Alert
from cradlewatch.watch.funnel import adjusted_limits
from cradlewatch.web import create_app
from cradlewatch.workspace.imports import import_watch
from cradlewatch.workspace.permissions import roles
from cradlewatch.workspace.users import add_user

SVG = "{http://www.w3.org/2000/svg}"
ALERTS = """clinician,hospital,signal,outcome,alert_date,alert_birth_id,births_seen,events_seen,expected_events,statistic,threshold,reason,q_value
Dr-X,HX1,cusum,custody_loss,2013-01-06,BX3,3,2,0.4,2.6,2.5,risk-adjusted CUSUM of custody_loss reached 2.600 >= 2.5000,
Dr-X,HX1,rule,custody_loss,2013-01-10,BX4,4,2,0.5,0.01,,unconfirmed_custody_loss: <i>never confirmed</i>,
"""
SERIES = {
    "cusum": {
        "Dr-X": {
            "start": "2013-01-01",
            "days": [0, 3, 5, 9, 12, 20],
            "odds_ratio": 2.0,
            "charts": [
                {
                    "outcome": "severe_diagnosis",
                    "threshold": 3.0,
                    "values": [0.0, 0.5, 0.4, 0.9, 0.2, 0.0],
                    "signals": [],
                    "signal_births": [],
                },
                {
                    "outcome": "custody_loss",
                    "threshold": 2.5,
                    "values": [0.0, 1.2, 2.6, 0.0, 0.8, 1.1],
                    "signals": [2],
                    "signal_births": ["BX3"],
                },
            ],
        }
    },
    "funnels": [
        {
            "year": 2013,
            "outcome": "custody_loss",
            "coverage": 0.998,
            "tau2": 0.0,
            "phi": 0.9,
            "clinicians": ["Dr-A", "Dr-B", "Dr-X", "<b>Dr-Y</b>"],
            "observed": [2, 3, 14, 1],
            "expected": [2.1, 2.9, 2.0, 1.2],
        }
    ],
}


@pytest.fixture(scope="module")
def series_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("CRADLEWATCH_DATABASE_URL", raising=False)
        root = tmp_path_factory.mktemp("alerts")
        (root / "alerts.csv").write_text(ALERTS)
        (root / "report").mkdir()
        (root / "report" / "series.json").write_bytes(orjson.dumps(SERIES))
        store = Store.open(root / "ws", create=True)
        rejects: list[object] = []
        assert import_watch(store, root / "alerts.csv", root / "report", rejects.append) == 2
        assert rejects == []
        with store.session() as session:
            for role in roles():
                add_user(session, role, role, password(role))
        store.close()
        app = create_app(root / "ws", secret_key="test-secret-key")
        with TestClient(app, follow_redirects=False) as client:
            yield client
        app.state.store.close()


def _svgs(html: str) -> list[ElementTree.Element]:
    out = []
    rest = html
    while "<svg" in rest:
        start = rest.index("<svg")
        end = rest.index("</svg>", start) + len("</svg>")
        out.append(ElementTree.fromstring(rest[start:end]))
        rest = rest[end:]
    return out


def _role(root: ElementTree.Element, role: str) -> list[ElementTree.Element]:
    return [e for e in root.iter() if e.get("data-role") == role]


def test_json_twin_carries_the_cusum_series_alarm_and_funnel(series_client: TestClient) -> None:
    login(series_client, "viewer")
    data = series_client.get("/alerts/Dr-X.json").json()
    loss, severe = data["cusum"]  # the chart that alarmed comes first
    assert loss["outcome"] == "custody_loss" and severe["outcome"] == "severe_diagnosis"
    assert loss["threshold"] == 2.5 and loss["values"][2] == 2.6
    assert loss["dates"][:3] == ["2013-01-01", "2013-01-04", "2013-01-06"]
    assert loss["alarms"] == [{"index": 2, "date": "2013-01-06", "birth_id": "BX3", "value": 2.6}]
    funnel = data["funnel"]
    assert funnel["year"] == 2013 and data["funnel_years"] == ["2013"]
    me = funnel["clinician"]
    _, upper = adjusted_limits(2.0, 0.0, 0.998)
    assert me["observed"] == 14 and me["expected"] == 2.0 and me["upper"] == pytest.approx(upper)
    assert me["outside"] is True
    assert [p["outside"] for p in funnel["points"]] == [False, False, True, False]
    assert [c["coverage"] for c in funnel["limits"]] == [0.95, 0.998]
    grid = np.array(funnel["limits"][0]["expected"])
    assert funnel["limits"][0]["upper"] == pytest.approx(
        adjusted_limits(grid, 0.0, 0.95)[1], abs=1e-4
    )
    rule = next(a for a in data["items"] if a["signal"] == "rule")
    assert rule["threshold"] is None and rule["reason"].startswith("unconfirmed_custody_loss")


def test_page_draws_alarm_limit_and_highlighted_clinician(series_client: TestClient) -> None:
    login(series_client, "viewer")
    html = series_client.get("/alerts/Dr-X").text
    loss, severe, funnel = _svgs(html)
    (alarm,) = _role(loss, "alarm")
    assert "BX3" in (alarm.find(f"{SVG}title").text or "")
    assert _role(loss, "limit") and not _role(severe, "alarm")
    (chosen,) = _role(funnel, "highlight")
    assert chosen.get("data-clinician") == "Dr-X"
    assert len(_role(funnel, "clinician")) == 3
    assert "&lt;b&gt;Dr-Y&lt;/b&gt;" in html and "<b>Dr-Y" not in html
    assert "&lt;i&gt;never confirmed&lt;/i&gt;" in html  # the reason, escaped
    assert 'action="/alerts/decision"' not in html  # a viewer does not decide


def test_a_supervisor_escalates_from_the_clinicians_page(series_client: TestClient) -> None:
    token = login(series_client, "supervisor")
    page = series_client.get("/alerts/Dr-X").text
    assert 'name="back" value="clinician"' in page
    response = series_client.post(
        "/alerts/decision",
        data={
            "alert": "Dr-X|cusum|custody_loss|2013-01-06|BX3",
            "action": "escalate",
            "back": "clinician",
            "csrf_token": token,
        },
    )
    assert response.status_code == 303 and response.headers["location"] == "/alerts/Dr-X"
    items = series_client.get("/alerts/Dr-X.json").json()["items"]
    assert [a["decision"] for a in items if a["signal"] == "cusum"] == ["escalate"]


def test_unknown_clinician_or_year_is_404(series_client: TestClient) -> None:
    login(series_client, "viewer")
    assert series_client.get("/alerts/Dr-Nobody.json").status_code == 404
    assert series_client.get("/alerts/Dr-X.json?year=1999").status_code == 404
    assert series_client.get("/alerts/Dr-X.json?year=2013").status_code == 200


def test_without_imported_series_the_page_says_so(client: TestClient) -> None:
    login(client, "viewer")
    data = client.get("/alerts/Dr-W.json").json()
    assert data["cusum"] == [] and data["funnel"] is None
    assert "No chart data imported" in client.get("/alerts/Dr-W").text


@pytest.fixture(scope="module")
def watched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, list[Alert]]]:
    """A real Watch run on small synthetic births, its alerts and series imported."""
    from cradlewatch.scenario.births import write_births
    from cradlewatch.watch.alerts import write_alerts
    from cradlewatch.watch.births import read_births
    from cradlewatch.watch.monitor import watch
    from cradlewatch.watch.series import write_series

    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("CRADLEWATCH_DATABASE_URL", raising=False)
        root = tmp_path_factory.mktemp("watched")
        births, _ = write_births(root / "births", seed=11, scale=0.05)
        result = watch(read_births(births)[0])
        write_alerts(result.alerts, root / "alerts.csv")
        (root / "report").mkdir()
        write_series(result, {a.clinician for a in result.alerts}, root / "report" / "series.json")
        store = Store.open(root / "ws", create=True)
        rejects: list[object] = []
        stored = import_watch(store, root / "alerts.csv", root / "report", rejects.append)
        assert stored == len(result.alerts) and rejects == []
        with store.session() as session:
            add_user(session, "viewer", "viewer", password("viewer"))
        store.close()
        app = create_app(root / "ws", secret_key="test-secret-key")
        with TestClient(app, follow_redirects=False) as client:
            yield client, result.alerts
        app.state.store.close()


def test_alarm_points_are_watchs_cusum_alerts(watched: tuple[TestClient, list[Alert]]) -> None:
    client, alerts = watched
    login(client, "viewer")
    cusum = [a for a in alerts if a.signal == "cusum"]
    assert cusum, "the scenario should contain a CUSUM alert"
    for clinician in {a.clinician for a in alerts}:
        data = client.get(f"/alerts/{clinician}.json").json()
        drawn = {
            (chart["outcome"], alarm["birth_id"], alarm["date"]): alarm["value"]
            for chart in data["cusum"]
            for alarm in chart["alarms"]
        }
        expected = {
            (a.outcome, a.alert_birth_id, a.alert_date): a.statistic
            for a in cusum
            if a.clinician == clinician
        }
        assert drawn.keys() == expected.keys(), clinician
        for key, value in expected.items():
            assert drawn[key] == pytest.approx(value, abs=1e-4)
        html = client.get(f"/alerts/{clinician}").text
        assert html.count('data-role="alarm"') == len(expected)
        assert data["funnel"] is not None and data["funnel"]["clinician"]["clinician"] == clinician


def test_an_unreadable_series_file_is_rejected_and_the_alerts_still_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CRADLEWATCH_DATABASE_URL", raising=False)
    (tmp_path / "alerts.csv").write_text(ALERTS)
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "series.json").write_text('{"cusum": [1, 2]}')
    store = Store.open(tmp_path / "ws", create=True)
    rejects: list[Reject] = []
    assert import_watch(store, tmp_path / "alerts.csv", tmp_path / "report", rejects.append) == 2
    assert [(Path(r.source).name, r.line) for r in rejects] == [("series.json", 1)]
    assert "not a Watch series file" in rejects[0].reason
    with store.session() as session:
        assert watch_series(session, "cusum", "Dr-X") is None
    store.close()
