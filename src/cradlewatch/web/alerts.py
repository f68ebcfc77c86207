"""Watch alerts: per clinician, with the signal's statistic against its threshold, and the
acknowledge / escalate decisions (``decide_alerts``); one clinician's page adds the CUSUM
charts and the funnel plot (``watch_views``)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form
from fastapi.responses import RedirectResponse, Response

from cradlewatch.errors import UsageError
from cradlewatch.store.records import AlertRecord
from cradlewatch.store.results import alert_key, list_alerts
from cradlewatch.web.context import DecideAlerts, ViewAlerts, dumps, respond
from cradlewatch.web.errors import bad_request, not_found
from cradlewatch.web.security import check_csrf
from cradlewatch.web.watch_views import clinician_view, cusum_svgs, funnel_svg
from cradlewatch.workspace.decisions import ACTIONS, record_decision

router = APIRouter()


def subject(alert: AlertRecord) -> str:
    """The decision subject of an alert: its natural key, as the store defines it."""
    return alert_key(alert)


@router.get("/alerts", summary="Watch alerts by clinician and date")
def alerts_page(ctx: ViewAlerts, clinician: str | None = None) -> Response:
    items = list_alerts(ctx.db, clinician or None)
    data = {
        "items": [{"subject": subject(a), **_fields(a)} for a in items],
        "clinician": clinician or "",
        "actions": ACTIONS["alert"],
    }
    return respond(ctx, "alerts.html", "page:alerts", data)


@router.get(
    "/alerts/{clinician}",
    summary="One clinician's alerts with their reasons, CUSUM charts and funnel plot",
)
def clinician_page(clinician: str, ctx: ViewAlerts, year: int | None = None) -> Response:
    items = list_alerts(ctx.db, clinician)
    if not items:
        raise not_found(f"no alerts on clinician {clinician!r}")
    data = clinician_view(ctx.db, clinician, items, None if year is None else str(year))
    if year is not None and data["funnel"] is None:
        raise not_found(f"no funnel plot imported for {year}")
    data["items"] = [{"subject": subject(a), **_fields(a)} for a in items]
    data["actions"] = ACTIONS["alert"]
    if not ctx.json:
        data["cusum_svgs"] = cusum_svgs(data["cusum"], clinician)
        data["funnel_svg"] = funnel_svg(data["funnel"], clinician) if data["funnel"] else None
    return respond(ctx, "alert.html", f"clinician:{clinician}", data)


def _fields(alert: AlertRecord) -> dict[str, object]:
    """The alert's fields without the chart's file path (a server path is no one's business)."""
    return {name: getattr(alert, name) for name in AlertRecord.__slots__ if name != "chart"}


@router.post(
    "/alerts/decision",
    summary="Acknowledge or escalate an alert",
    dependencies=[Depends(check_csrf)],
)
def decide_alert(
    ctx: DecideAlerts,
    alert: Annotated[str, Form()],
    action: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
) -> Response:
    """Record the decision; ``back`` (a clinician's page) is where the browser returns."""
    try:
        decision = record_decision(ctx.db, ctx.user, "alert", alert, action, note.strip())
    except UsageError as error:
        raise bad_request(str(error)) from error
    if ctx.json:
        return Response(dumps(decision), media_type="application/json", status_code=201)
    clinician = alert.split("|", 1)[0]
    target = f"/alerts/{quote(clinician, safe='')}" if back == "clinician" else "/alerts"
    return RedirectResponse(target, status_code=303)
