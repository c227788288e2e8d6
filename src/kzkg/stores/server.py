"""``kzkg serve``: the graph behind a real Oxigraph server, with its query UI, on this machine.

The server is the PyPI ``oxigraph`` package's own binary, so what a user explores is what the
remote tests run against. The graph is bulk-loaded with ``oxigraph load`` (about twice as fast
as loading over HTTP) into a store folder, and served with ``oxigraph serve-read-only``: nobody
who can reach the port can change the data, and the query UI cannot drop it by mistake. The
default graph is the union of all graphs, so ``kzkg.trig``'s per-article graphs read as one.
"""

from __future__ import annotations

import contextlib
import ctypes
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

from kzkg.runtime import StoreError

START_TIMEOUT = 30.0  # seconds for the server to answer after the store is loaded


def oxigraph_binary() -> str:
    """The ``oxigraph`` command installed with this Python (the ``oxigraph`` PyPI package)."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise StoreError("the Oxigraph server is not installed — run `pip install oxigraph`")
    return found


def check_port(host: str, port: int) -> None:
    """Refuse a busy port before anything starts, instead of a server that dies on startup."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        # The server itself sets SO_REUSEADDR, so a port in TIME_WAIT is not busy for it either.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise StoreError(
                f"cannot listen on {host}:{port}: {exc.strerror or exc} — another server "
                f"(perhaps an earlier `kzkg serve`) is using it; stop it or pass --port"
            ) from None


def load_store(graph_files: Sequence[Path], location: Path) -> None:
    """Bulk-load the graph files into a new store folder; the loader's own error on failure."""
    for path in graph_files:
        if not Path(path).is_file():
            raise StoreError(f"{path}: graph file not found — run `kzkg build` first")
    command = [oxigraph_binary(), "load", "--location", str(location)]
    for path in graph_files:
        command += ["--file", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        errors = [line for line in done.stderr.splitlines() if line.startswith("Error while")]
        raise StoreError(
            f"oxigraph load failed: {'; '.join(errors) or done.stderr.strip()[-500:]} — "
            "check the file, or rebuild it with `kzkg build`"
        )


def _die_with_parent() -> None:
    """In the child: Linux sends it SIGTERM if kzkg dies without cleaning up (even SIGKILL)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


def _wait_ready(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace").strip()[-500:]
            raise StoreError(f"oxigraph serve stopped at once: {tail}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except urllib.error.HTTPError:
            return  # it answers HTTP: it is up
        except OSError:
            time.sleep(0.05)
    raise StoreError(f"oxigraph serve did not answer at {url} within {START_TIMEOUT:.0f} s")


def stop_process(process: subprocess.Popen) -> None:  # type: ignore[type-arg]
    """Terminate a child, then kill it if it has not gone within ten seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def serve(
    graph_files: Sequence[Path],
    host: str = "127.0.0.1",
    port: int = 7878,
    front: Callable[[str, int, str], contextlib.AbstractContextManager[str]] | None = None,
    *,
    location: Path | None = None,
    echo: Callable[[str], None] = print,
) -> None:
    """Load the graph, serve it until Ctrl-C (or SIGTERM), then stop the server and clean up.

    ``location`` keeps the store in that folder: it is loaded only when the folder does not exist
    yet, and served as it is otherwise (delete it to reload). Without it the store lives in a
    temporary folder removed on exit. ``front`` starts a server beside it on the next port (the
    explorer: given host, port and this server's URL, it yields its own URL) for as long as this
    one runs. Raises StoreError for a busy port, a missing or bad graph
    file, or a server that does not start.
    """
    check_port(host, port)
    scratch = Path(tempfile.mkdtemp(prefix="kzkg-serve-"))
    process: subprocess.Popen[bytes] | None = None
    # Both signals stop the server, even where SIGINT was inherited as ignored (a shell's
    # background job), in which case Python installs no KeyboardInterrupt handler of its own.
    stop_signals = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.getsignal(sig) for sig in stop_signals}
    try:
        store = location or scratch / "store"
        if location is None or not location.exists():
            started = time.perf_counter()
            load_store(graph_files, store)
            echo(
                f"loaded {', '.join(map(str, graph_files))} in {time.perf_counter() - started:.1f} s"
            )
        else:
            echo(f"serving the existing store at {store} (delete it to reload the graph)")
        log = scratch / "oxigraph.log"
        command = [
            oxigraph_binary(),
            "serve-read-only",
            "--location",
            str(store),
            "--bind",
            f"{host}:{port}",
            "--union-default-graph",
        ]
        with log.open("wb") as sink:
            process = subprocess.Popen(
                command,
                stdout=sink,
                stderr=sink,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        if threading.current_thread() is threading.main_thread():
            for sig in stop_signals:
                signal.signal(sig, _interrupt)
        url = f"http://{host}:{port}/"
        _wait_ready(process, url, log)
        beside = front(host, port + 1, url) if front else contextlib.nullcontext("")
        with beside as site_url:
            if site_url:
                echo(f"query page: {site_url}query.html  (kzkg's prefixes and canned queries)")
                echo(f"static site: {site_url}")
            echo(f"Oxigraph query UI: {url}  (SPARQL endpoint {url}query, read-only)")
            echo("press Ctrl-C to stop")
            code = process.wait()
        tail = log.read_text(errors="replace").strip()[-500:]
        raise StoreError(f"oxigraph serve stopped by itself (status {code}): {tail}")
    except KeyboardInterrupt:
        echo("stopping the server")
    finally:
        if process is not None:
            stop_process(process)
        if threading.current_thread() is threading.main_thread():
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        shutil.rmtree(scratch, ignore_errors=True)
