"""Identifier and account pages: every post that shares a phone, WeChat, QQ… or an account."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from cradlewatch.errors import UsageError
from cradlewatch.store import contacts
from cradlewatch.web.context import ViewPosts, respond
from cradlewatch.web.errors import bad_request, not_found

router = APIRouter()


@router.get("/identifiers/{kind}/{value:path}", summary="Every post sharing an identifier")
def identifier_page(
    kind: str,
    value: str,
    ctx: ViewPosts,
    cursor: str | None = None,
    limit: int = 50,
) -> Response:
    detail = contacts.get_identifier(ctx.db, kind, value)
    if detail is None:
        raise not_found(f"no identifier {kind}:{value}")
    try:
        posts = contacts.posts_with_identifier(ctx.db, kind, value, cursor or None, limit)
    except UsageError as error:
        raise bad_request(str(error)) from error
    data = {"identifier": detail, "items": posts.items, "next_cursor": posts.next_cursor}
    return respond(ctx, "identifier.html", f"identifier:{kind}:{value}", data)


@router.get("/accounts/{account:path}", summary="Every post of an account")
def account_page(
    account: str,
    ctx: ViewPosts,
    cursor: str | None = None,
    limit: int = 50,
) -> Response:
    detail = contacts.get_account(ctx.db, account)
    if detail is None:
        raise not_found(f"no account {account!r}")
    try:
        posts = contacts.posts_of_account(ctx.db, account, cursor or None, limit)
    except UsageError as error:
        raise bad_request(str(error)) from error
    data = {"account": detail, "items": posts.items, "next_cursor": posts.next_cursor}
    return respond(ctx, "account.html", f"account:{account}", data)
