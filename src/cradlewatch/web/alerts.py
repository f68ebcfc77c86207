"""Watch alerts: per clinician, with the signal's statistic against its threshold, and the
acknowledge / escalate decisions (``decide_alerts``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form
from fastapi.responses import RedirectResponse, Response

from cradlewatch.errors import UsageError
from cradlewatch.store.records import AlertRecord
from cradlewatch.store.results import alert_key, list_alerts
from cradlewatch.web.context import DecideAlerts, ViewAlerts, dumps, respond
from cradlewatch.web.errors import bad_request
from cradlewatch.web.security import check_csrf
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
) -> Response:
    try:
        decision = record_decision(ctx.db, ctx.user, "alert", alert, action, note.strip())
    except UsageError as error:
        raise bad_request(str(error)) from error
    if ctx.json:
        return Response(dumps(decision), media_type="application/json", status_code=201)
    return RedirectResponse("/alerts", status_code=303)
