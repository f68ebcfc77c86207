"""Case pages: rings and posts gathered for one investigation, with notes, status, assignee.

Cases are investigation material, so reading them needs ``manage_cases`` like changing them;
every change is audited by :mod:`cradlewatch.workspace.cases` in the same transaction.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form
from fastapi.responses import RedirectResponse, Response

from cradlewatch.errors import UsageError
from cradlewatch.store.records import CaseRecord
from cradlewatch.web.context import ManageCases, dumps, respond
from cradlewatch.web.errors import bad_request, not_found
from cradlewatch.web.params import CaseId, CaseIdField
from cradlewatch.web.security import check_csrf
from cradlewatch.workspace import cases
from cradlewatch.workspace.users import list_users

router = APIRouter()


def _done(ctx: ManageCases, case: CaseRecord, status: int = 200) -> Response:
    """After a change: the case as JSON for scripts, else back to the case page."""
    if ctx.json:
        return Response(dumps(case), media_type="application/json", status_code=status)
    return RedirectResponse(f"/cases/{case.id}", status_code=303)


@router.get("/cases", summary="Cases, newest first")
def cases_page(ctx: ManageCases, status: str | None = None) -> Response:
    data = {
        "items": cases.list_cases(ctx.db, status or None),
        "status": status or "",
        "statuses": cases.STATUSES,
    }
    return respond(ctx, "cases.html", "page:cases", data)


@router.post("/cases", summary="Create a case", dependencies=[Depends(check_csrf)])
def create_case(
    ctx: ManageCases,
    title: Annotated[str, Form()],
    notes: Annotated[str, Form()] = "",
) -> Response:
    try:
        case = cases.create_case(ctx.db, ctx.user, title, None, notes)
    except UsageError as error:
        raise bad_request(str(error)) from error
    return _done(ctx, case, 201)


@router.get("/cases/{case_id}", summary="A case with its rings and posts")
def case_page(case_id: CaseId, ctx: ManageCases) -> Response:
    case = cases.get_case(ctx.db, case_id)
    if case is None:
        raise not_found(f"no case {case_id}")
    data = {
        "case": case,
        "statuses": cases.STATUSES,
        "users": [u.name for u in list_users(ctx.db) if u.active],
    }
    return respond(ctx, "case.html", f"case:{case_id}", data)


@router.post("/cases/items", summary="Add a ring or post", dependencies=[Depends(check_csrf)])
def add_item(
    ctx: ManageCases,
    case_id: CaseIdField,
    kind: Annotated[str, Form()],
    ref: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
) -> Response:
    try:
        case = cases.add_item(ctx.db, ctx.user, case_id, kind, ref.strip(), note.strip())
    except UsageError as error:
        raise bad_request(str(error)) from error
    return _done(ctx, case)


@router.post(
    "/cases/{case_id}/update",
    summary="Change status, assignee or notes",
    dependencies=[Depends(check_csrf)],
)
def update_case(
    case_id: CaseId,
    ctx: ManageCases,
    status: Annotated[str, Form()] = "",
    assignee: Annotated[str, Form()] = "",
    notes: Annotated[str | None, Form()] = None,
) -> Response:
    try:
        case = cases.update_case(
            ctx.db,
            ctx.user,
            case_id,
            status=status or None,
            assignee=assignee or None,
            notes=notes,
        )
    except UsageError as error:
        raise bad_request(str(error)) from error
    return _done(ctx, case)
