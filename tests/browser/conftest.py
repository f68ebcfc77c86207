"""Fixtures of the browser tests: Debian's Chromium driven by Playwright against the real
Workbench (uvicorn in a thread) over the web tests' small workspace.

Chromium comes from ``scripts/install-browser`` (``make test`` runs it first); when it is absent
and this process could install it (root with apt-get) the fixture runs the script itself, and
only when it cannot (no root, no apt) are the tests skipped, saying so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

WEB_TESTS = Path(__file__).resolve().parents[1] / "web"
if str(WEB_TESTS) not in sys.path:  # the web tests' helpers build the same small workspace
    sys.path.insert(0, str(WEB_TESTS))

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402
from web_helpers import DEV_POSTS, build_workspace  # noqa: E402

from cradlewatch.web import create_app  # noqa: E402
from cradlewatch.web.live import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, serve_in_thread  # noqa: E402
from cradlewatch.workspace.imports import import_reunite  # noqa: E402

INSTALL = Path(__file__).resolve().parents[2] / "scripts" / "install-browser"
# Per-locus detail of the web tests' first match (invented genotypes), so that the DNA page
# has something only the reunification role may see.
DETAILS = (
    '{"child_id": "CW01", "case_id": "KW07", "loci": ['
    '{"locus": "D3S1358", "child": "15/17", "references": {"KW07-1": "15/16"}, '
    '"log10_lr": "0.61", "consistent": true}]}\n'
)


def _chromium() -> str:
    if not os.access(CHROMIUM, os.X_OK) and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run([str(INSTALL)], check=False)
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(
            f"{CHROMIUM} is missing and cannot be installed here (scripts/install-browser "
            "needs root and apt-get)"
        )
    return CHROMIUM


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The Workbench over a fresh small workspace, served on a free port of 127.0.0.1."""
    if not DEV_POSTS.exists():
        pytest.skip(f"dev posts not found at {DEV_POSTS}")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("CRADLEWATCH_DATABASE_URL", raising=False)
        root = tmp_path_factory.mktemp("browser")
        directory = build_workspace(root)
        details = root / "details.jsonl"
        details.write_text(DETAILS)
        from cradlewatch.store import Store

        store = Store.open(directory)
        import_reunite(store, root / "matches.csv", details, lambda r: None)
        store.close()
        app = create_app(directory, secret_key="browser-test-secret")
        with serve_in_thread(app) as url:
            yield url
        app.state.store.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = _chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A fresh browser context per test: its own cookies, so every test signs in itself.

    A script error on any page (an uncaught exception, e.g. a script the Content-Security-
    Policy broke), or a style sheet, script, image or icon the server could not give, fails the
    test even when the step it broke was not asserted. (Pages themselves may answer 403 or 404:
    the tests ask for some on purpose.)
    """
    context = browser.new_context(base_url=base_url, viewport=VIEWPORT, accept_downloads=True)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    script_errors: list[str] = []
    tab.on("pageerror", lambda error: script_errors.append(f"{tab.url}: {error}"))
    missing: list[str] = []
    tab.on(
        "response",
        lambda response: missing.append(f"{response.status} {response.url}")
        if response.status >= 400
        and response.request.resource_type not in ("document", "fetch", "xhr")
        else None,
    )
    yield tab
    context.close()
    assert not script_errors, script_errors
    assert not missing, missing
