"""Deployment: the examples in-process (coverage) and the commands of deployment.md for real.

Every command in COMMANDS appears verbatim in references/deployment.md and is started here
on 127.0.0.1 (port 8000 replaced by a free port) by tests/realserver.py.
"""

from __future__ import annotations

import importlib
import inspect
import json
import logging
import re
import signal
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import anyio
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.httpsredirect import HTTPSRedirectMiddleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient
from websockets.sync.client import connect

from examples.deployment import behind_proxy, live_updates, serve_programmatically
from tests.realserver import ROOT, Server, launch, stop_all

DEPLOYMENT_MD = (ROOT / "references" / "deployment.md").read_text(encoding="utf-8")
COMMANDS = {
    "production": (
        "uvicorn examples.deployment.production_app:app --host 127.0.0.1 --port 8000"
        " --no-access-log --log-config examples/deployment/log_config.json"
        " --timeout-graceful-shutdown 10"
    ),
    "uvicorn_workers": (
        "uvicorn examples.deployment.production_app:app --host 127.0.0.1 --port 8000 --workers 2"
    ),
    "gunicorn": (
        "gunicorn examples.deployment.production_app:app -k uvicorn_worker.UvicornWorker"
        " -w 2 -b 127.0.0.1:8000 --log-config-json examples/deployment/log_config.json"
    ),
    "live": (
        "uvicorn examples.deployment.live_updates:app --host 127.0.0.1 --port 8000"
        " --limit-concurrency 3"
    ),
    "proxy": (
        "uvicorn examples.deployment.behind_proxy:app --host 127.0.0.1 --port 8000"
        " --proxy-headers --forwarded-allow-ips 127.0.0.1 --root-path /api"
    ),
    "programmatic": "PORT=8000 python -m examples.deployment.serve_programmatically",
}
READY_PATHS = {"live": "/stream?chunks=1", "proxy": "/whoami", "programmatic": "/"}
FORWARDED = {"Host": "example.com", "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
SERVER_COMMAND_RE = re.compile(r"^(?:\w+=\S+ )*(?:uvicorn|gunicorn|python -m) .*$", re.MULTILINE)


def fresh_production_app(monkeypatch: pytest.MonkeyPatch, audit_log: Path) -> ModuleType:
    monkeypatch.setenv("AUDIT_LOG", str(audit_log))
    sys.modules.pop("examples.deployment.production_app", None)
    return importlib.import_module("examples.deployment.production_app")


def audit_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def json_log_lines(log: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.splitlines() if line.startswith("{")]


# --- the commands in deployment.md are the commands tested ------------------------------


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_tested_command_appears_verbatim_in_deployment_md(name: str) -> None:
    assert COMMANDS[name] in DEPLOYMENT_MD.splitlines()


def test_every_server_command_in_deployment_md_is_tested() -> None:
    shown = set(SERVER_COMMAND_RE.findall(DEPLOYMENT_MD))
    assert shown == set(COMMANDS.values())


# --- production_app in-process -----------------------------------------------------------


def test_health_and_readiness_after_startup(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    production_app = fresh_production_app(monkeypatch, tmp_path / "audit.jsonl")
    with TestClient(production_app.app) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        assert client.get("/readyz").json() == {"status": "ready"}


def test_readiness_is_503_when_lifespan_did_not_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # As with `uvicorn --lifespan off`, or TestClient without `with`.
    production_app = fresh_production_app(monkeypatch, tmp_path / "audit.jsonl")
    client = TestClient(production_app.app)
    assert client.get("/healthz").status_code == 200
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "starting"}


def test_lifespan_shutdown_flushes_the_buffer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    audit_log = tmp_path / "audit.jsonl"
    production_app = fresh_production_app(monkeypatch, audit_log)
    with TestClient(production_app.app) as client:
        assert client.post("/audit/login").status_code == 202
        assert client.post("/audit/logout").json()["recorded"] == "logout"
        assert not audit_log.exists()
    assert [entry["audit"] for entry in audit_lines(audit_log)] == [["login", "logout"]]


def test_production_app_rejects_unknown_routes_and_methods(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    production_app = fresh_production_app(monkeypatch, tmp_path / "audit.jsonl")
    with TestClient(production_app.app) as client:
        assert client.get("/audit/login").status_code == 405
        assert client.post("/audit/").status_code == 404
        assert client.get("/nope").status_code == 404


def test_missing_audit_log_setting_fails_at_import(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUDIT_LOG", raising=False)
    sys.modules.pop("examples.deployment.production_app", None)
    with pytest.raises(KeyError, match="AUDIT_LOG"):
        importlib.import_module("examples.deployment.production_app")


def test_access_log_is_one_json_line_per_request(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    production_app = fresh_production_app(monkeypatch, tmp_path / "audit.jsonl")
    caplog.set_level(logging.INFO, logger="app.access")
    with TestClient(production_app.app) as client:
        client.get("/healthz")
    (record,) = [r for r in caplog.records if r.name == "app.access"]
    line = json.loads(production_app.JsonFormatter().format(record))
    assert line.items() >= {"message": "request", "method": "GET", "path": "/healthz"}.items()
    assert line["status"] == 200 and line["client"] == "testclient" and line["ms"] >= 0


def test_access_log_records_500_when_the_app_raises(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    production_app = fresh_production_app(monkeypatch, tmp_path / "audit.jsonl")

    async def boom(request: Request) -> JSONResponse:
        raise RuntimeError("boom")

    app = Starlette(
        routes=[Route("/boom", boom)], middleware=[Middleware(production_app.AccessLogMiddleware)]
    )
    caplog.set_level(logging.INFO, logger="app.access")
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.get("/boom").status_code == 500
    (record,) = [r for r in caplog.records if r.name == "app.access"]
    assert record.fields["status"] == 500  # type: ignore[attr-defined]


# --- live_updates in-process --------------------------------------------------------------


def test_stream_sends_the_requested_chunks() -> None:
    with TestClient(live_updates.app) as client:
        assert client.get("/stream?chunks=3").text == "chunk 0\nchunk 1\nchunk 2\n"


@pytest.mark.parametrize("query", ["chunks=x", "chunks=0", "chunks=101"])
def test_stream_rejects_bad_chunk_counts(query: str) -> None:
    with TestClient(live_updates.app) as client:
        response = client.get(f"/stream?{query}")
    assert response.status_code == 400
    assert response.text == "'chunks' must be an integer from 1 to 100."


@pytest.mark.parametrize("query", ["limit=x", "limit=0", "limit=1001"])
def test_events_rejects_bad_limits(query: str) -> None:
    with TestClient(live_updates.app) as client:
        assert client.get(f"/events?{query}").status_code == 400


@pytest.mark.parametrize("body", [b"", b"a\nb", b"x" * 1001])
def test_publish_rejects_empty_multiline_and_oversized_messages(body: bytes) -> None:
    with TestClient(live_updates.app) as client:
        response = client.post("/publish", content=body)
    assert response.status_code == 400


def test_publish_without_subscribers_reaches_nobody() -> None:
    with TestClient(live_updates.app) as client:
        assert client.post("/publish", content=b"hi").json() == {"subscribers": 0}


def test_websocket_echoes_until_the_client_leaves() -> None:
    with TestClient(live_updates.app) as client, client.websocket_connect("/ws") as ws:
        ws.send_text("hi")
        assert ws.receive_text() == "echo: hi"


def test_events_deliver_published_messages_to_subscribers_in_this_process() -> None:
    """Driven at the ASGI level: the 1.0 TestClient buffers whole responses."""
    received: list[bytes] = []

    async def main() -> None:
        subscribed = anyio.Event()

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                received.append(message.get("body", b""))
                subscribed.set()

        async def receive() -> dict[str, Any]:
            await anyio.sleep_forever()
            raise AssertionError  # pragma: no cover

        scope = {
            "type": "http", "method": "GET", "path": "/events", "raw_path": b"/events",
            "query_string": b"limit=2", "headers": [], "root_path": "", "scheme": "http",
            "server": ("test", 80), "client": ("test", 1), "http_version": "1.1",
            "asgi": {"version": "3.0"},
        }  # fmt: skip
        async with anyio.create_task_group() as tg:
            tg.start_soon(live_updates.app, scope, receive, send)
            with anyio.fail_after(5):
                await subscribed.wait()
                for text in ("one", "two", "three"):
                    await publish(text)
                    await anyio.sleep(0)
                while received[-1:] != [b""]:
                    await anyio.sleep(0.001)
        assert not live_updates.subscribers

    async def publish(text: str) -> None:
        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": text.encode(), "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            pass

        scope = {
            "type": "http", "method": "POST", "path": "/publish", "raw_path": b"/publish",
            "query_string": b"", "headers": [], "root_path": "", "scheme": "http",
            "server": ("test", 80), "client": ("test", 1), "http_version": "1.1",
            "asgi": {"version": "3.0"},
        }  # fmt: skip
        await live_updates.app(scope, receive, send)

    anyio.run(main)
    assert b"".join(received) == b": subscribed\n\ndata: one\n\ndata: two\n\n"


def test_slow_subscriber_misses_messages_instead_of_blocking_publish() -> None:
    async def main() -> None:
        send, receive = anyio.create_memory_object_stream[str](max_buffer_size=16)
        live_updates.subscribers.add(send)
        try:
            with TestClient(live_updates.app) as client:
                for number in range(20):
                    assert client.post("/publish", content=str(number)).status_code == 200
            assert receive.statistics().current_buffer_used == 16
        finally:
            live_updates.subscribers.discard(send)
            send.close()
            receive.close()

    anyio.run(main)


# --- behind_proxy and serve_programmatically in-process -----------------------------------


def test_without_a_proxy_server_url_and_client_are_the_direct_ones() -> None:
    with TestClient(behind_proxy.app) as client:
        assert client.get("/whoami").json() == {
            "url": "http://testserver/whoami",
            "client": "testclient",
            "root_path": "",
            "url_for": "http://testserver/whoami",
        }


def test_programmatic_app_answers() -> None:
    with TestClient(serve_programmatically.app) as client:
        assert client.get("/").text == "hello"


def test_uvicorn_run_with_app_object_and_workers_exits(caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(SystemExit) as exc:
        uvicorn.run(serve_programmatically.app, workers=2, log_config=None)
    assert exc.value.code == 3
    message = "You must pass the application as an import string to enable 'reload' or 'workers'."
    assert message in caplog.text


def test_uvicorn_defaults_trust_proxy_headers_from_loopback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    config = uvicorn.Config(behind_proxy.app)
    assert config.proxy_headers is True
    assert config.forwarded_allow_ips == "127.0.0.1,::1"
    assert (config.timeout_keep_alive, config.timeout_graceful_shutdown) == (5, None)
    assert (config.limit_concurrency, config.lifespan, config.workers) == (None, "auto", 1)
    assert (config.host, config.port, config.root_path) == ("127.0.0.1", 8000, "")


def test_lifespan_off_uses_uvicorns_no_op_lifespan() -> None:
    config = uvicorn.Config(behind_proxy.app, lifespan="off")
    config.load()
    assert config.lifespan_class.__name__ == "LifespanOff"


def test_uvicorn_workers_module_is_deprecated() -> None:
    sys.modules.pop("uvicorn.workers", None)
    message = (
        "The `uvicorn.workers` module is deprecated. Please use `uvicorn-worker` package instead."
    )
    with pytest.warns(DeprecationWarning, match=re.escape(message)):
        importlib.import_module("uvicorn.workers")


def test_uvicorn_worker_passes_gunicorn_proxy_and_keep_alive_settings() -> None:
    import uvicorn_worker

    source = inspect.getsource(uvicorn_worker.UvicornWorker.__init__)
    assert '"forwarded_allow_ips": self.cfg.forwarded_allow_ips' in source
    assert '"timeout_keep_alive": self.cfg.keepalive' in source
    assert "proxy_headers" not in source  # uvicorn's default (on) applies


def test_log_config_names_root_because_gunicorn_merges_key_by_key() -> None:
    from gunicorn.glogging import CONFIG_DEFAULTS

    ours = json.loads((ROOT / "examples/deployment/log_config.json").read_text(encoding="utf-8"))
    merged = {**CONFIG_DEFAULTS, **ours}
    assert CONFIG_DEFAULTS["root"]["handlers"] == ["console"]
    assert "console" not in merged["handlers"]
    assert merged["root"]["handlers"] == ["stderr"]


def test_https_redirect_middleware_redirects_every_plain_http_request() -> None:
    """Behind a TLS proxy whose headers are not trusted, the scheme stays http: a loop."""
    app = Starlette(
        routes=[Route("/whoami", behind_proxy.whoami, name="whoami")],
        middleware=[Middleware(HTTPSRedirectMiddleware)],
    )
    with TestClient(app, base_url="http://example.com", follow_redirects=False) as client:
        response = client.get("/whoami")
    assert response.status_code == 307
    assert response.headers["location"] == "https://example.com/whoami"


def test_sessions_signed_with_another_secret_are_ignored() -> None:
    """Workers must share one secret_key: a cookie from another key is dropped, not an error."""

    async def counter(request: Request) -> JSONResponse:
        request.session["n"] = request.session.get("n", 0) + 1
        return JSONResponse(request.session)

    def app_with(key: str) -> Starlette:
        middleware = [Middleware(SessionMiddleware, secret_key=key, https_only=False)]
        return Starlette(routes=[Route("/", counter)], middleware=middleware)

    worker_a, worker_b = app_with("key-a" * 8), app_with("key-b" * 8)
    with TestClient(worker_a) as a, TestClient(worker_b) as b:
        cookie = a.get("/").cookies["session"]
        b.cookies.set("session", cookie)
        assert b.get("/").json() == {"n": 1}


# --- real servers: every command started once, in parallel, stopped at module end -------


@pytest.fixture(scope="module", autouse=True)
def launched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Server]]:
    """Start every command when the module starts: they boot while in-process tests run."""
    log_dir = tmp_path_factory.mktemp("servers")
    started: dict[str, Server] = {}
    try:
        for name, command in COMMANDS.items():
            # XDG_RUNTIME_DIR: gunicorn's control socket goes to log_dir, not ~/.gunicorn.
            env = {
                "AUDIT_LOG": str(log_dir / f"{name}-audit.jsonl"),
                "XDG_RUNTIME_DIR": str(log_dir),
            }
            ready_path = READY_PATHS.get(name, "/healthz")
            started[name] = launch(command, log_dir, env=env, ready_path=ready_path)
        yield started
    finally:
        stop_all(list(started.values()))


@pytest.fixture(scope="module")
def servers(launched: dict[str, Server]) -> dict[str, Server]:
    for server in launched.values():
        server.wait_ready()
    return launched


def post(server: Server, path: str) -> tuple[int, dict[str, Any]]:
    conn = server.connection()
    try:
        conn.request("POST", path)
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


@pytest.fixture(scope="module")
def sigterm_run(servers: dict[str, Server]) -> dict[str, Any]:
    """Requests to the three production_app servers, then SIGTERM to all three at once.

    One fixture so their graceful shutdowns overlap (they are most of these tests' time).
    """
    production, gunicorn = servers["production"], servers["gunicorn"]
    names = ("production", "uvicorn_workers", "gunicorn")
    run: dict[str, Any] = {
        "readyz": {name: servers[name].get("/readyz") for name in names},
        "deploy": post(production, "/audit/deploy"),
        "gunicorn_pids": {post(gunicorn, "/audit/hit")[1]["pid"] for _ in range(4)},
        "flushed_before_sigterm": (production.log_path.parent / "production-audit.jsonl").exists(),
    }
    stop_all([servers[name] for name in names])
    run["returncode"] = {name: servers[name].process.returncode for name in names}
    run["audit"] = {
        name: audit_lines(servers[name].log_path.parent / f"{name}-audit.jsonl") for name in names
    }
    return run


def test_production_command_serves_json_logs_and_flushes_on_sigterm(
    servers: dict[str, Server], sigterm_run: dict[str, Any]
) -> None:
    assert sigterm_run["readyz"]["production"] == (200, b'{"status":"ready"}')
    assert sigterm_run["deploy"][0] == 202
    assert not sigterm_run["flushed_before_sigterm"]
    # uvicorn re-raises the signal after a clean shutdown.
    assert sigterm_run["returncode"]["production"] == -signal.SIGTERM
    assert [entry["audit"] for entry in sigterm_run["audit"]["production"]] == [["deploy"]]
    log = servers["production"].log
    lines = json_log_lines(log)
    access = {"logger": "app.access", "method": "GET", "path": "/readyz", "status": 200}
    assert any(access.items() <= line.items() for line in lines)
    shutdown = {"logger": "uvicorn.error", "message": "Application shutdown complete."}
    assert any(shutdown.items() <= line.items() for line in lines)
    assert '"GET /readyz HTTP/1.1" 200' not in log  # --no-access-log


def test_uvicorn_workers_run_the_lifespan_once_per_worker(sigterm_run: dict[str, Any]) -> None:
    assert sigterm_run["readyz"]["uvicorn_workers"][0] == 200
    assert sigterm_run["returncode"]["uvicorn_workers"] == 0
    assert len({entry["pid"] for entry in sigterm_run["audit"]["uvicorn_workers"]}) == 2


def test_gunicorn_with_uvicorn_worker_runs_two_workers(
    servers: dict[str, Server], sigterm_run: dict[str, Any]
) -> None:
    assert sigterm_run["readyz"]["gunicorn"][0] == 200
    assert sigterm_run["returncode"]["gunicorn"] == 0
    entries = sigterm_run["audit"]["gunicorn"]
    # Each worker has its own lifespan and its own buffer: the hits are split between them.
    assert len({entry["pid"] for entry in entries}) == 2
    assert sum(len(entry["audit"]) for entry in entries) == 4
    assert sigterm_run["gunicorn_pids"] <= {entry["pid"] for entry in entries}
    log = servers["gunicorn"].log
    assert len(re.findall(r"Booting worker with pid", log)) == 2
    control_socket = servers["gunicorn"].log_path.parent / "gunicorn.ctl"
    assert f"Control socket listening at {control_socket}" in log
    assert any(line.get("logger") == "app.access" for line in json_log_lines(log))


def test_programmatic_command_serves(servers: dict[str, Server]) -> None:
    assert servers["programmatic"].get("/") == (200, b"hello")


# --- live_updates over a real socket -----------------------------------------------------


@pytest.fixture
def live_server(servers: dict[str, Server]) -> Server:
    return servers["live"]


@pytest.fixture
def proxy_server(servers: dict[str, Server]) -> Server:
    return servers["proxy"]


def test_streaming_response_arrives_in_chunks(live_server: Server) -> None:
    conn = live_server.connection()
    conn.request("GET", "/stream?chunks=5")
    response = conn.getresponse()
    assert response.getheader("Transfer-Encoding") == "chunked"
    assert response.read1() == b"chunk 0\n"  # the first chunk, before the rest is produced
    assert response.read() == b"".join(f"chunk {n}\n".encode() for n in range(1, 5))
    conn.close()


def test_sse_subscriber_receives_a_message_published_by_another_request(
    live_server: Server,
) -> None:
    events = live_server.connection()
    events.request("GET", "/events?limit=1")
    stream = events.getresponse()
    assert stream.getheader("Content-Type") == "text/event-stream; charset=utf-8"
    # Delivery is incremental: the stream is still open when the comment arrives.
    assert stream.read1() == b": subscribed\n\n"
    publisher = live_server.connection()
    publisher.request("POST", "/publish", body=b"deployed")
    assert json.loads(publisher.getresponse().read()) == {"subscribers": 1}
    assert stream.read() == b"data: deployed\n\n"
    events.close()
    publisher.close()


def test_websocket_conversation_over_a_real_socket(live_server: Server) -> None:
    with connect(f"ws://127.0.0.1:{live_server.port}/ws", open_timeout=5, close_timeout=2) as ws:
        for text in ("one", "two"):
            ws.send(text)
            assert ws.recv(timeout=5) == f"echo: {text}"


def test_limit_concurrency_refuses_with_503_counting_idle_connections(live_server: Server) -> None:
    idle = [socket.create_connection(("127.0.0.1", live_server.port), timeout=5) for _ in range(2)]
    try:
        time.sleep(0.05)  # let the server register the idle connections
        status, body = live_server.get("/stream?chunks=1")
        assert (status, body) == (503, b"Service Unavailable")
    finally:
        for sock in idle:
            sock.close()
    deadline = time.monotonic() + 5
    while live_server.get("/stream?chunks=1")[0] != 200:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert "Exceeded concurrency limit." in live_server.log


def test_sigterm_lets_an_in_flight_stream_finish(live_server: Server) -> None:
    conn = live_server.connection()
    conn.request("GET", "/stream?chunks=5")
    response = conn.getresponse()
    assert response.read1() == b"chunk 0\n"
    live_server.terminate()
    assert response.read() == b"".join(f"chunk {n}\n".encode() for n in range(1, 5))
    conn.close()
    assert live_server.process.wait(10) == -signal.SIGTERM
    with pytest.raises(ConnectionRefusedError):
        live_server.get("/stream?chunks=1")


# --- behind_proxy over a real socket -----------------------------------------------------


def whoami(server: Server, headers: dict[str, str], **conn_kwargs: Any) -> dict[str, Any]:
    conn = server.connection(**conn_kwargs)
    conn.request("GET", "/whoami", headers=headers)
    response = conn.getresponse()
    assert response.status == 200
    result = json.loads(response.read())
    conn.close()
    return result


def test_without_forwarded_headers_url_shows_the_direct_connection(proxy_server: Server) -> None:
    assert whoami(proxy_server, {"Host": "example.com"}) == {
        "url": "http://example.com/api/whoami",
        "client": "127.0.0.1",
        "root_path": "/api",
        "url_for": "http://example.com/api/whoami",
    }


def test_trusted_forwarded_headers_set_scheme_and_client(proxy_server: Server) -> None:
    assert whoami(proxy_server, FORWARDED) == {
        "url": "https://example.com/api/whoami",
        "client": "203.0.113.7",
        "root_path": "/api",
        "url_for": "https://example.com/api/whoami",
    }


def test_client_is_the_nearest_untrusted_forwarded_address(proxy_server: Server) -> None:
    headers = {**FORWARDED, "X-Forwarded-For": "198.51.100.1, 203.0.113.7, 127.0.0.1"}
    assert whoami(proxy_server, headers)["client"] == "203.0.113.7"


def test_forwarded_headers_from_an_untrusted_address_are_ignored(proxy_server: Server) -> None:
    try:
        result = whoami(proxy_server, FORWARDED, source_address=("127.0.0.2", 0))
    except OSError:  # pragma: no cover - only Linux routes all of 127/8 to loopback
        pytest.skip("127.0.0.2 is not a loopback address here")
    assert result["client"] == "127.0.0.2"
    assert result["url"] == "http://example.com/api/whoami"


def test_forwarded_and_x_forwarded_host_are_not_read(proxy_server: Server) -> None:
    headers = {
        "Host": "internal",
        "X-Forwarded-Host": "example.com",
        "Forwarded": "proto=https;host=example.com;for=203.0.113.9",
    }
    result = whoami(proxy_server, headers)
    assert (result["url"], result["client"]) == ("http://internal/api/whoami", "127.0.0.1")


def test_root_path_expects_the_proxy_to_strip_the_prefix(proxy_server: Server) -> None:
    assert proxy_server.get("/api/whoami", FORWARDED)[0] == 404
