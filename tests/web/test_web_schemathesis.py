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
from schemathesis.checks import not_a_server_error
from web_helpers import login

from cradlewatch.web import create_app
from cradlewatch.web.app import SESSION_COOKIE

EXAMPLES = 12


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


def _server_errors(operation: Any, mode: GenerationMode, headers: dict[str, str]) -> str | None:
    """None when no generated request to ``operation`` got a 5xx, else the failure."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        response = case.call(headers=headers)
        case.validate_response(response, checks=[not_a_server_error])

    try:
        run()
    except Unsatisfiable:
        return None  # nothing to make invalid (no parameters, or only free-form strings)
    except Exception as error:  # schemathesis raises a FailureGroup with the reproduction
        return f"{operation.method.upper()} {operation.path}: {error}"
    return None


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_server_errors(
    web_schema: Any, fuzzed_app: tuple[FastAPI, dict[str, str]], mode: GenerationMode
) -> None:
    """Valid (positive) and invalid (negative) path, query and form values alike get an
    answer below 500: bad input is the client's error (4xx), never a crash."""
    _, headers = fuzzed_app
    operations = [result.ok() for result in web_schema.get_all_operations()]
    assert len(operations) >= 20
    failures = [
        failure
        for operation in operations
        if (failure := _server_errors(operation, mode, headers)) is not None
    ]
    assert not failures, "\n\n".join(failures)
