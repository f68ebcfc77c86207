"""Request values checked at the edge, so that bad input is the client's error (4xx).

Found by schemathesis (``tests/web/test_web_schemathesis.py``): a generated case id of
2**63 reached the database, which answered with an overflow and the Workbench with a 500.
Numbers that become SQL values are bounded to the range both databases hold (SQL
``INTEGER`` is 64-bit on SQLite but 32-bit on PostgreSQL), and a NUL character, which
PostgreSQL cannot store or compare in text, is refused wherever a request can carry text.
The bounds are declared with the parameters, so the OpenAPI schema states them too.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, HTTPException, Path, Query, Request

#: The largest value of PostgreSQL's 32-bit ``integer``: the common range of both databases.
SQL_INT_MAX = 2**31 - 1

CaseId = Annotated[int, Path(ge=1, le=SQL_INT_MAX, description="A case number.")]
CaseIdField = Annotated[int, Form(ge=1, le=SQL_INT_MAX, description="A case number.")]
RingSize = Annotated[
    int, Query(ge=1, le=SQL_INT_MAX, description="Only rings with at least this many posts.")
]


async def no_nul_characters(request: Request) -> None:
    """Dependency of every route: 400 when the path, query or form holds a NUL character."""
    values: list[str] = [request.url.path, *request.query_params.values()]
    if request.method == "POST" and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        values += [value for value in form.values() if isinstance(value, str)]
    if any("\x00" in value for value in values):
        raise HTTPException(status_code=400, detail="request:0: NUL character in a value")
