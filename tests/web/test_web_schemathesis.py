"""schemathesis against the Workbench's OpenAPI: generated requests to every operation, signed
in as an admin (session cookie, CSRF header on POSTs), must never get a server error.

The app runs in-process (ASGI) on a copy of the shared test workspace, because generated
POSTs record decisions, cases and audit rows the other Workbench tests must not see.
Examples per operation are bounded so that the whole run takes well under a minute.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance
from web_helpers import login

from cradlewatch.web import create_app
from cradlewatch.web.app import SESSION_COOKIE

EXAMPLES = 10
HTML = "text/html"
JSON = "application/json"


@pytest.fixture(scope="module")
def fuzzed_app(
    workspace_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[FastAPI, dict[str, str]]]:
    """The app on a private copy of the workspace, and the headers of a signed-in admin."""
    directory = tmp_path_factory.mktemp("fuzz") / "ws"
    shutil.copytree(workspace_dir, directory)
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("CRADLEWATCH_DATABASE_URL", raising=False)
        app = create_app(directory, secret_key="schemathesis-secret-key")
    with TestClient(app, follow_redirects=False) as client:
        token = login(client, "admin")
        cookie = client.cookies[SESSION_COOKIE]
    headers = {"cookie": f"{SESSION_COOKIE}={cookie}", "x-csrf-token": token}
    yield app, headers
    app.state.store.close()


@pytest.fixture(scope="module")
def web_schema(fuzzed_app: tuple[FastAPI, dict[str, str]]) -> Any:
    """The schema as the app serves it at /openapi.json to a signed-in user."""
    app, headers = fuzzed_app
    return schemathesis.openapi.from_asgi("/openapi.json", app, headers=headers)


def test_the_schema_covers_the_workbench(web_schema: Any) -> None:
    """Every page is an operation; a route missing here would escape the fuzzing below."""
    paths = set(web_schema.raw_schema["paths"])
    assert {"/queue", "/posts/{post_id}", "/rings/{ring_id}", "/search", "/cases"} <= paths
    assert {"/matches/{child_id}/dna", "/alerts/{clinician}", "/audit"} <= paths


def test_the_schema_documents_json_twins_and_errors(web_schema: Any) -> None:
    raw = web_schema.raw_schema
    post = raw["paths"]["/posts/{post_id}"]["get"]["responses"]
    twin = post["200"]["content"]["application/json"]["schema"]
    assert twin["properties"]["post"] == {"$ref": "#/components/schemas/PostDetail"}
    assert "text/html" in post["200"]["content"]
    assert {"400", "401", "403", "404", "422"} <= set(post)
    detail = raw["components"]["schemas"]["PostDetail"]
    assert {"summary", "text", "reasons", "identifiers", "captures"} <= set(detail["properties"])
    decide = raw["paths"]["/posts/{post_id}/decision"]["post"]["responses"]
    assert decide["201"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/DecisionRecord"
    }
    assert "303" in decide and "200" not in decide
    queue = raw["paths"]["/queue"]["get"]["responses"]["200"]["content"]["application/json"]
    assert queue["schema"]["properties"]["items"]["items"] == {
        "$ref": "#/components/schemas/PostSummary"
    }


@pytest.mark.parametrize(
    "method, url, data",
    [
        ("GET", "/alerts?clinician=%00", None),
        ("GET", "/posts/p%001", None),
        ("POST", "/cases", {"title": "a\x00b"}),
    ],
)
def test_nul_characters_are_refused(
    fuzzed_app: tuple[FastAPI, dict[str, str]], method: str, url: str, data: Any
) -> None:
    """PostgreSQL cannot hold NUL in text: it was a 500 there, it is a 400 everywhere."""
    app, headers = fuzzed_app
    with TestClient(app, follow_redirects=False) as client:
        response = client.request(method, url, headers=headers, data=data)
    assert response.status_code == 400, response.text
    assert "NUL" in response.text


def _failures(
    operation: Any, mode: GenerationMode, headers: dict[str, str], accept: str
) -> str | None:
    """None when every generated request to ``operation`` passed the checks, else why not.

    Asked for HTML, a page must render (no 5xx); asked for JSON, the twin must also match
    the schema the OpenAPI document gives it.
    """
    checks = [not_a_server_error]
    if accept == JSON:
        checks.append(response_schema_conformance)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        response = case.call(headers={**headers, "accept": accept})
        case.validate_response(response, checks=checks)

    try:
        run()
    except Unsatisfiable:
        return None  # nothing to make invalid (no parameters, or only free-form strings)
    except Exception as error:  # schemathesis raises a FailureGroup with the reproduction
        return f"{operation.method.upper()} {operation.path}: {error}"
    return None


@pytest.mark.parametrize(
    "mode, accept",
    [
        (GenerationMode.POSITIVE, HTML),
        (GenerationMode.POSITIVE, JSON),
        (GenerationMode.NEGATIVE, HTML),
    ],
)
def test_no_server_errors(
    web_schema: Any,
    fuzzed_app: tuple[FastAPI, dict[str, str]],
    mode: GenerationMode,
    accept: str,
) -> None:
    """Valid (positive) and invalid (negative) path, query and form values alike get an
    answer below 500: bad input is the client's error (4xx), never a crash."""
    _, headers = fuzzed_app
    operations = [result.ok() for result in web_schema.get_all_operations()]
    assert len(operations) >= 20
    failures = [
        failure
        for operation in operations
        if (failure := _failures(operation, mode, headers, accept)) is not None
    ]
    assert not failures, "\n\n".join(failures)
