"""Pages behind the sensitive permissions: Reunite matches, their DNA detail, the audit log.

Matches without genetic detail need ``view_matches``; the per-locus DNA detail needs
``view_dna`` (reunification and admin only), so an analyst reviewing posts never sees a
family's genetics.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form
from fastapi.responses import RedirectResponse, Response

from cradlewatch.errors import UsageError
from cradlewatch.store.results import list_matches
from cradlewatch.web.context import DecideMatches, ViewAudit, ViewDna, ViewMatches, dumps, respond
from cradlewatch.web.errors import bad_request, not_found
from cradlewatch.web.security import check_csrf
from cradlewatch.workspace import audit
from cradlewatch.workspace.decisions import ACTIONS, match_subject, record_decision

router = APIRouter()


@router.get("/matches", summary="Reunite candidate matches (no genetic detail)")
def matches_page(ctx: ViewMatches) -> Response:
    data = {"items": list_matches(ctx.db), "child_id": None, "actions": ACTIONS["match"]}
    return respond(ctx, "matches.html", "page:matches", data)


@router.get("/matches/{child_id}/dna", summary="A child's matches with per-locus DNA detail")
def match_dna_page(child_id: str, ctx: ViewDna) -> Response:
    try:
        items = list_matches(ctx.db, child_id, with_detail=True)
    except UsageError as error:
        raise bad_request(str(error)) from error
    if not items:
        raise not_found(f"no matches for child {child_id!r}")
    return respond(
        ctx,
        "matches.html",
        f"dna:{child_id}",
        {"items": items, "child_id": child_id, "actions": ACTIONS["match"]},
    )


@router.post(
    "/matches/decision",
    summary="Confirm or reject a candidate match",
    dependencies=[Depends(check_csrf)],
)
def decide_match(
    ctx: DecideMatches,
    child_id: Annotated[str, Form()],
    case_id: Annotated[str, Form()],
    action: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
) -> Response:
    try:
        decision = record_decision(
            ctx.db, ctx.user, "match", match_subject(child_id, case_id), action, note.strip()
        )
    except UsageError as error:
        raise bad_request(str(error)) from error
    if ctx.json:
        return Response(dumps(decision), media_type="application/json", status_code=201)
    return RedirectResponse("/matches", status_code=303)


@router.get("/audit", summary="The audit log, newest first")
def audit_page(
    ctx: ViewAudit,
    target: str | None = None,
    user: str | None = None,
    limit: int = 100,
) -> Response:
    rows = audit.events(ctx.db, target or None, user or None, max(1, min(limit, 1000)))
    intact = audit.verify(ctx.db).intact
    data = {"items": rows, "intact": intact, "target": target or "", "user_filter": user or ""}
    return respond(ctx, "audit.html", "page:audit", data)
