"""``serve --workers N``: every process takes connections (not the first to wake alone), a
busy port is one clear error, and SIGTERM stops the parent and every process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from cradlewatch.store import Store

CLI = [sys.executable, "-m", "cradlewatch.cli"]


def _children(parent: int) -> list[int]:
    """The server processes of ``parent`` (multiprocessing's helpers left out)."""
    found = subprocess.run(["pgrep", "-P", str(parent)], capture_output=True, text=True)
    pids = [int(pid) for pid in found.stdout.split()]
    return [
        pid
        for pid in pids
        if b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]


def _sockets(pid: int) -> int:
    count = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            count += os.readlink(fd).startswith("socket:")
        except OSError:  # closed meanwhile
            continue
    return count


def _wait_for_login(base: str) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(base + "/login").status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError("the server did not answer within 120 s")
        time.sleep(0.3)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("CRADLEWATCH_DATABASE_URL", raising=False)
    Store.open(tmp_path / "ws", create=True).close()
    return tmp_path / "ws"


def _serve(workspace: Path, port: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*CLI, "serve", str(workspace), "--port", str(port), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_every_process_takes_connections_and_sigterm_stops_all(workspace: Path) -> None:
    server = _serve(workspace, 0)
    try:
        assert server.stdout is not None
        banner = server.stdout.readline()
        assert "with 2 processes" in banner, banner
        base = banner.split()[2]
        _wait_for_login(base)
        workers = _children(server.pid)
        assert len(workers) == 2
        before = {pid: _sockets(pid) for pid in workers}
        # 16 keep-alive connections opened together, as a browser's or a load test's are
        clients = [httpx.Client(base_url=base) for _ in range(16)]
        for client in clients:
            assert client.get("/login").status_code == 200
        after = {pid: _sockets(pid) for pid in workers}
        # each process holds some of them (all 16 in one process: a chance of 2 in 65,536)
        assert all(after[pid] > before[pid] for pid in workers), (before, after)
        for client in clients:
            client.close()
        # a second server on the same port is refused, not let in to share its connections
        second = _serve(workspace, int(base.rsplit(":", 1)[1]))
        _, error = second.communicate(timeout=120)
        assert second.returncode == 2 and "cannot listen" in error, error
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
        assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
    finally:
        if server.poll() is None:
            server.kill()


def test_a_port_in_use_is_one_clear_error(workspace: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [*CLI, "serve", str(workspace), "--port", str(port), "--workers", "2"],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert f"127.0.0.1:{port}:0: cannot listen" in done.stderr
