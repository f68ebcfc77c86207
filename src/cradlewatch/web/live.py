"""The Workbench served from a background thread, and how the project starts Chromium.

The browser tests (``tests/browser/``) and the screenshots (``scripts/screenshots.py``) drive
the real application over HTTP the way an analyst's browser does, so both need the server
running beside them in the same process (a thread: no second interpreter to start, and the
port is chosen by the kernel, so parallel runs never collide) and the same browser settings.

The browser is Debian's Chromium (``scripts/install-browser``), never Playwright's download:
the machines this runs on reach Debian's package registry and nothing else. The switches turn
off everything that would try the network or a GPU in a headless container.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI

if TYPE_CHECKING:  # Playwright is a development dependency, used by the callers only
    from playwright.sync_api import ViewportSize

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}  # the screenshots' size too
START_SECONDS = 30.0


@contextmanager
def serve_in_thread(app: FastAPI, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free port of ``host``; yields the base URL.

    The socket is bound here and handed to uvicorn, so the port is known before the server
    starts and no other process can take it in between. The server stops on exit.
    """
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError(f"the Workbench did not start on {host}:{port}")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
