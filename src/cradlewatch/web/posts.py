"""The review queue, the post page and decisions on a post."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query
from fastapi.responses import RedirectResponse, Response

from cradlewatch.errors import UsageError
from cradlewatch.store import repository
from cradlewatch.store.repository import QueueFilter
from cradlewatch.web.context import DecidePosts, ViewPosts, dumps, respond
from cradlewatch.web.errors import bad_request, not_found
from cradlewatch.web.highlight import segments
from cradlewatch.web.security import check_csrf
from cradlewatch.workspace.decisions import ACTIONS, record_decision

router = APIRouter()
VERDICTS = ("trafficking", "suspicious", "benign")


@router.get("/queue", summary="The review queue")
def queue_page(
    ctx: ViewPosts,
    verdict: Annotated[list[str], Query()] = [],  # noqa: B006 - FastAPI copies defaults
    reason: str | None = None,
    platform: str | None = None,
    province: str | None = None,
    posted_from: str | None = Query(default=None, alias="from"),
    posted_to: str | None = Query(default=None, alias="to"),
    undecided: bool = False,
    cursor: str | None = None,
    limit: int = 50,
) -> Response:
    """Flagged posts by risk, filtered, one keyset page at a time (``cursor`` from the last)."""
    unknown = [v for v in verdict if v not in VERDICTS]
    if unknown:
        raise bad_request(
            f"verdict:0: unknown verdict {unknown[0]!r} (one of {', '.join(VERDICTS)})"
        )
    filters = QueueFilter(
        reason=reason or None,
        platform=platform or None,
        province=province or None,
        posted_from=posted_from or None,
        posted_to=posted_to or None,
        undecided=undecided,
    )
    if verdict:
        filters = replace(filters, verdicts=tuple(verdict))
    try:
        result = repository.queue(ctx.db, filters, cursor or None, limit)
    except UsageError as error:
        raise bad_request(str(error)) from error
    query = {
        "verdict": list(filters.verdicts),
        "reason": reason or "",
        "platform": platform or "",
        "province": province or "",
        "from": posted_from or "",
        "to": posted_to or "",
        "undecided": undecided,
        "limit": limit,
    }
    data = {
        "filters": query,
        "items": result.items,
        "next_cursor": result.next_cursor,
        "facets": ctx.request.app.state.facets.get(ctx.db),
        "verdicts": VERDICTS,
    }
    return respond(ctx, "queue.html", "page:queue", data)


@router.get("/posts/{post_id}", summary="A post with its evidence and provenance")
def post_page(post_id: str, ctx: ViewPosts) -> Response:
    post = repository.get_post(ctx.db, post_id)
    if post is None:
        raise not_found(f"no post {post_id!r}")
    data = {
        "post": post,
        "text_segments": segments(post.text, "text", post.reasons, post.identifiers),
        "title_segments": segments(post.title or "", "title", post.reasons, post.identifiers),
        "actions": ACTIONS["post"],
    }
    return respond(ctx, "post.html", f"post:{post_id}", data)


@router.post(
    "/posts/{post_id}/decision",
    summary="Record a verdict on a post",
    dependencies=[Depends(check_csrf)],
)
def decide_post(
    post_id: str,
    ctx: DecidePosts,
    action: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
) -> Response:
    """Record ``confirmed`` / ``false_positive`` / ``unsure`` (or ``clear``) as the user, now."""
    if repository.get_post(ctx.db, post_id) is None:
        raise not_found(f"no post {post_id!r}")
    try:
        decision = record_decision(ctx.db, ctx.user, "post", post_id, action, note.strip())
    except UsageError as error:
        raise bad_request(str(error)) from error
    if ctx.json:
        return Response(dumps(decision), media_type="application/json", status_code=201)
    return RedirectResponse(f"/posts/{post_id}", status_code=303)
