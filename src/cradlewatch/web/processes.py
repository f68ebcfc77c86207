"""``serve --workers N``: N server processes, each with its own listening socket on one port.

Pages are CPU-bound Python, so a process serves one core. uvicorn's own ``--workers`` shares
one listening socket among its processes, and whichever process wakes first accepts every
connection waiting (asyncio and libuv accept in a loop): a browser's, or twenty clients',
keep-alive connections opened together all landed in one process, which then served all of
them on one core while the other idled (measured at a million posts: 1.03 and 0.04 cores
busy). Here each process binds the port with ``SO_REUSEPORT`` and the kernel spreads new
connections over the processes by a hash of their addresses.

The parent restarts a process that dies, and stops them all on SIGINT or SIGTERM.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import time
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import FrameType

from cradlewatch.errors import UsageError

#: A process that dies sooner than this after its start is not restarted (it would only die
#: again: a broken workspace, say); the parent stops with an error instead.
MIN_UPTIME = 10.0


def listening_socket(host: str, port: int, shared: bool = True) -> socket.socket:
    """A socket bound to ``host:port``; ``shared``: other processes may bind it too
    (``SO_REUSEPORT``)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if shared:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise UsageError(f"{host}:{port}:0: cannot listen: {error.strerror}") from error
    return sock


def _worker(directory: str, host: str, port: int, secret: str) -> None:
    """One server process: its own socket on the shared port, the app, uvicorn."""
    import uvicorn

    from cradlewatch.web.app import create_app

    sock = listening_socket(host, port)
    sock.listen(2048)
    config = uvicorn.Config(create_app(Path(directory), secret_key=secret), host=host, port=port)
    uvicorn.Server(config).run(sockets=[sock])


def serve_processes(directory: Path, host: str, port: int, workers: int, secret: str) -> None:
    """Run ``workers`` server processes on ``host:port`` until interrupted.

    The parent first binds the port alone (no ``SO_REUSEPORT``) and lets it go: a port in use
    is one clear error before any process starts, even when the holder is another ``serve
    --workers`` (whose processes would otherwise share the port, and its connections, with
    these), and port 0 is resolved to one free port that every process then binds.
    """
    with listening_socket(host, port, shared=False) as probe:
        port = probe.getsockname()[1]
    context = multiprocessing.get_context("spawn")
    arguments = (str(directory), host, port, secret)
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    def start() -> None:
        process = context.Process(target=_worker, args=arguments, name="cradlewatch-serve")
        process.start()
        started[process] = time.monotonic()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    started: dict[BaseProcess, float] = {}
    try:
        for _ in range(workers):
            start()
        print(f"Serving on http://{host}:{port} with {workers} processes", flush=True)
        while not stopping:
            time.sleep(0.2)
            for dead, since in list(started.items()):
                if dead.is_alive() or stopping:
                    continue
                del started[dead]
                if time.monotonic() - since < MIN_UPTIME:
                    raise UsageError(
                        f"{directory}:0: a server process exited at start-up "
                        f"(exit code {dead.exitcode}); see its messages above"
                    )
                start()
    finally:
        for process in started:
            if process.is_alive():
                process.terminate()  # uvicorn shuts down gracefully on SIGTERM
        for process in started:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
