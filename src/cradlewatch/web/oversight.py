"""Pages behind the sensitive permissions: Reunite matches, their DNA detail, the audit log.

Matches without genetic detail need ``view_matches``; the per-locus DNA detail needs
``view_dna`` (reunification and admin only), so an analyst reviewing posts never sees a
family's genetics.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from cradlewatch.errors import UsageError
from cradlewatch.store.results import list_matches
from cradlewatch.web.context import ViewAudit, ViewDna, ViewMatches, respond
from cradlewatch.web.errors import bad_request, not_found
from cradlewatch.workspace import audit

router = APIRouter()


@router.get("/matches", summary="Reunite candidate matches (no genetic detail)")
def matches_page(ctx: ViewMatches) -> Response:
    data = {"items": list_matches(ctx.db), "child_id": None}
    return respond(ctx, "matches.html", "page:matches", data)


@router.get("/matches/{child_id}/dna", summary="A child's matches with per-locus DNA detail")
def match_dna_page(child_id: str, ctx: ViewDna) -> Response:
    try:
        items = list_matches(ctx.db, child_id, with_detail=True)
    except UsageError as error:
        raise bad_request(str(error)) from error
    if not items:
        raise not_found(f"no matches for child {child_id!r}")
    return respond(ctx, "matches.html", f"dna:{child_id}", {"items": items, "child_id": child_id})


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
