"""Search over posts and identifiers; obfuscated forms (一三八…, full-width digits, 薇信)
are normalised by :func:`cradlewatch.store.search.search` before matching."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from cradlewatch.store.search import search
from cradlewatch.web.context import ViewPosts, respond

router = APIRouter()


@router.get("/search", summary="Search posts and identifiers")
def search_page(ctx: ViewPosts, q: str = "", limit: int = 50) -> Response:
    result = search(ctx.db, q, max(1, min(limit, 200))) if q.strip() else None
    return respond(ctx, "search.html", "page:search", {"q": q, "result": result})
