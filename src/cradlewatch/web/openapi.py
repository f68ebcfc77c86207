"""The Workbench's OpenAPI schema, with the JSON twins and error answers documented.

Every page route answers HTML, or the same data as JSON (its *twin*) when asked at the same
path plus ``.json`` or with ``Accept: application/json``. The routes return a plain
``Response`` (one function renders both), so FastAPI alone documents neither body. This adds,
per page: both media types; the twin's body, whose record fields are described by JSON
schemas pydantic derives from the frozen dataclasses of :mod:`cradlewatch.store.records`
(the objects the twin serialises); the twin's ``.json`` path in the description; and, on every
operation, the error answers with their JSON body ``{"error": message}``.
"""

from __future__ import annotations

from dataclasses import is_dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import TypeAdapter

from cradlewatch.store.records import (
    AccountDetail,
    CaseRecord,
    DecisionRecord,
    IdentifierDetail,
    MatchRecord,
    PostDetail,
    PostSummary,
    RingDetail,
    RingSummary,
    SearchResult,
)

REF = "#/components/schemas/{model}"
NEXT = str | None

#: The JSON twin of each page: its main keys and their types (further keys are allowed).
TWINS: dict[str, dict[str, Any]] = {
    "/queue": {"items": list[PostSummary], "next_cursor": NEXT},
    "/posts/{post_id}": {"post": PostDetail},
    "/identifiers/{kind}/{value}": {
        "identifier": IdentifierDetail,
        "items": list[PostSummary],
        "next_cursor": NEXT,
    },
    "/accounts/{account}": {
        "account": AccountDetail,
        "items": list[PostSummary],
        "next_cursor": NEXT,
    },
    "/rings": {"items": list[RingSummary], "next_cursor": NEXT},
    "/rings/{ring_id}": {"ring": RingDetail},
    "/search": {"q": str, "result": SearchResult | None},
    "/cases": {"items": list[CaseRecord]},
    "/cases/{case_id}": {"case": CaseRecord},
    "/matches": {"items": list[MatchRecord]},
    "/matches/{child_id}/dna": {"items": list[MatchRecord]},
    "/audit": {"items": list[dict[str, Any]], "intact": bool},
    "/alerts": {"items": list[dict[str, Any]]},
    "/alerts/{clinician}": {"items": list[dict[str, Any]]},
}

#: What each change answers when asked for JSON: its status and the record as stored. An HTML
#: form gets a 303 to the page that shows the change instead.
WRITES: dict[str, tuple[str, Any]] = {
    "/posts/{post_id}/decision": ("201", DecisionRecord),
    "/rings/{ring_id}/decision": ("201", DecisionRecord),
    "/rings/{ring_id}/join": ("201", DecisionRecord),
    "/matches/decision": ("201", DecisionRecord),
    "/alerts/decision": ("201", DecisionRecord),
    "/cases": ("201", CaseRecord),
    "/cases/items": ("200", CaseRecord),
    "/cases/{case_id}/update": ("200", CaseRecord),
}

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"error": {"type": "string", "description": "One line: what was wrong."}},
    "required": ["error"],
}
ERRORS = {
    "400": "The request's values were refused (a bad filter, cursor or decision).",
    "401": "Not signed in (pages redirect to the login form instead).",
    "403": "The user's role lacks the permission, or the CSRF token is missing or wrong.",
    "404": "No such post, ring, identifier, case, child or clinician.",
}


def _schema(annotation: Any, components: dict[str, Any]) -> dict[str, Any]:
    """The JSON schema of ``annotation``; records go to ``components``, referenced by name."""
    schema = TypeAdapter(annotation).json_schema(ref_template=REF, mode="serialization")
    components.update(schema.pop("$defs", {}))
    if isinstance(annotation, type) and is_dataclass(annotation):
        components[annotation.__name__] = schema
        return {"$ref": REF.format(model=annotation.__name__)}
    return schema


def _twin(path: str, keys: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {key: _schema(annotation, components) for key, annotation in keys.items()},
        "required": list(keys),
        "additionalProperties": True,
        "description": f"The page's data: GET {path}.json, or send Accept: application/json.",
    }


def build_schema(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema of ``app`` plus the twins and error answers (see the module)."""
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description="Every page is also JSON: append .json to its path.",
        routes=app.routes,
    )
    components: dict[str, Any] = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    error_content = {"application/json": {"schema": {"$ref": REF.format(model="Error")}}}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for status, description in ERRORS.items():
                responses.setdefault(status, {"description": description, "content": error_content})
            if method == "get" and path in TWINS:
                responses["200"]["content"] = {
                    "text/html": {"schema": {"type": "string"}},
                    "application/json": {"schema": _twin(path, TWINS[path], components)},
                }
            elif method == "post" and path in WRITES:
                status, record = WRITES[path]
                if status != "200":
                    responses.pop("200", None)
                responses[status] = {
                    "description": "Recorded; the record as stored (asked for JSON).",
                    "content": {"application/json": {"schema": _schema(record, components)}},
                }
                responses["303"] = {"description": "Recorded (HTML form): to the page."}
    return schema


def document(app: FastAPI) -> None:
    """Make ``app.openapi()`` return :func:`build_schema`'s schema (built once, cached)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build_schema(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
