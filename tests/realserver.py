"""Run a real server for a test: free loopback port, readiness by polling, always stopped.

`start_server(command)` takes a command exactly as references/deployment.md shows it
(`uvicorn ...`, `gunicorn ...`, `VAR=value python -m ...`) and runs it with this venv's
interpreter (`sys.executable -m uvicorn`). The literal port 8000 in the command becomes a
free port; the host must already be 127.0.0.1. Output goes to a log file (a pipe could fill
and block the server). `launch` + `stop_all` start several servers in parallel (startup is
most of the cost). Stopping sends SIGTERM to the server process only, as an orchestrator
does, then SIGKILL to its whole process group after a timeout, even when the test fails.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READY_TIMEOUT = 15.0
STOP_TIMEOUT = 10.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log_path: Path
    ready_path: str = "/"
    terminated: bool = False

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def connection(self, timeout: float = 5.0, **kwargs: object) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout, **kwargs)

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        conn = self.connection()
        try:
            conn.request("GET", path, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        """Poll GET ready_path until any HTTP answer; fail fast if the process exits."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log}")
            try:
                self.get(self.ready_path)
                return
            except OSError:
                time.sleep(0.02)
        raise TimeoutError(f"server not ready in {timeout}s:\n{self.log}")

    def terminate(self) -> None:
        """Send SIGTERM once: a second one can land after the server restored default
        handlers while exiting and kill it (gunicorn's master then exits -15, not 0)."""
        if not self.terminated and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.terminated = True

    def stop(self, timeout: float = STOP_TIMEOUT) -> int:
        """SIGTERM to the server (a graceful shutdown), SIGKILL to its group after `timeout`."""
        self.terminate()
        if self.process.poll() is None:
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout)
        with contextlib.suppress(ProcessLookupError):
            # Workers left behind by a killed parent.
            os.killpg(self.process.pid, signal.SIGKILL)
        return self.process.returncode


def argv_for(command: str, port: int) -> tuple[list[str], dict[str, str]]:
    words = shlex.split(command.replace("8000", str(port)))
    env = {}
    while "=" in words[0]:
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    program, *args = words
    if program in ("uvicorn", "gunicorn"):
        return [sys.executable, "-m", program, *args], env
    assert program == "python", command
    return [sys.executable, *args], env


def launch(
    command: str, log_dir: Path, env: dict[str, str] | None = None, ready_path: str = "/"
) -> Server:
    """Start `command` without waiting; call `server.wait_ready()` before using it."""
    port = free_port()
    argv, command_env = argv_for(command, port)
    log_path = log_dir / f"server-{port}.log"
    full_env = {**os.environ, **command_env, **(env or {})}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=full_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Server(process, port, log_path, ready_path)


def stop_all(servers: list[Server], timeout: float = STOP_TIMEOUT) -> None:
    """SIGTERM every server at once, then wait for each (SIGKILL after `timeout`)."""
    for server in servers:
        server.terminate()
    for server in servers:
        server.stop(timeout)


@contextlib.contextmanager
def start_server(
    command: str, log_dir: Path, env: dict[str, str] | None = None, ready_path: str = "/"
) -> Iterator[Server]:
    server = launch(command, log_dir, env, ready_path)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()
