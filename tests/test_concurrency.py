from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
import time
from typing import Any

import anyio
import anyio.to_thread
import pytest
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.routing import Route
from starlette.testclient import TestClient

from examples.concurrency import (
    detect_blocking_calls,
    dont_blocking_call_in_async,
    run_in_threadpool_hashing,
    sync_and_async_endpoints,
    task_group_fan_out,
    thread_limiter_lifespan,
)
from examples.concurrency.detect_blocking_calls import lifespan as detect_lifespan


async def asgi_get(app: Any, path: str) -> int:
    """One GET straight through the ASGI interface; returns the status code."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"testserver")],
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 50000),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent[0]["status"]


def run_concurrently(app: Any, path: str, count: int, thread_tokens: int | None = None) -> None:
    async def main() -> None:
        if thread_tokens is not None:
            anyio.to_thread.current_default_thread_limiter().total_tokens = thread_tokens
        async with anyio.create_task_group() as tg:
            for _ in range(count):
                tg.start_soon(asgi_get, app, path)

    anyio.run(main)


class RecordingSleep:
    """Replaces a module's `time` to record when each blocking call starts and ends."""

    def __init__(self, seconds: float = 0.02) -> None:
        self.seconds = seconds
        self.events: list[str] = []
        self.threads: set[str] = set()

    def sleep(self, _: float) -> None:
        self.threads.add(threading.current_thread().name)
        self.events.append("start")
        time.sleep(self.seconds)
        self.events.append("end")


# --- sync and async endpoints -----------------------------------------------------------


def test_sync_and_async_endpoints_respond() -> None:
    with TestClient(sync_and_async_endpoints.app) as client:
        assert client.get("/reports/3").json() == {"report_id": 3}
        assert client.get("/health").json() == {"status": "ok"}
        assert client.get("/reports/abc").status_code == 404
        assert client.post("/health").status_code == 405


def test_sync_endpoint_runs_in_a_worker_thread_and_overlaps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorder = RecordingSleep()
    monkeypatch.setattr(sync_and_async_endpoints, "time", recorder)
    run_concurrently(sync_and_async_endpoints.app, "/reports/1", count=2)
    assert recorder.threads == {"AnyIO worker thread"}
    assert recorder.events == ["start", "start", "end", "end"]


def test_sync_endpoints_share_the_thread_limiter(monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = RecordingSleep(seconds=0.005)
    monkeypatch.setattr(sync_and_async_endpoints, "time", recorder)
    run_concurrently(sync_and_async_endpoints.app, "/reports/1", count=3, thread_tokens=1)
    assert recorder.events == ["start", "end"] * 3


def test_dont_blocking_call_in_async_serializes_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = RecordingSleep()
    monkeypatch.setattr(dont_blocking_call_in_async, "time", recorder)
    run_concurrently(dont_blocking_call_in_async.app, "/report", count=2)
    assert recorder.threads == {threading.current_thread().name}  # the event loop's thread
    assert recorder.events == ["start", "end", "start", "end"]


# --- run_in_threadpool ------------------------------------------------------------------


def test_hash_is_computed_in_a_worker_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[str] = []
    original = run_in_threadpool_hashing.hash_password

    def recording_hash(password: str, *, salt: bytes) -> str:
        threads.append(threading.current_thread().name)
        return original(password, salt=salt)

    monkeypatch.setattr(run_in_threadpool_hashing, "hash_password", recording_hash)
    with TestClient(run_in_threadpool_hashing.app) as client:
        response = client.post("/hashes", json={"password": "correct horse"})
    assert response.status_code == 201
    scheme, salt, digest = response.json()["hash"].split("$")
    expected = hashlib.scrypt(b"correct horse", salt=bytes.fromhex(salt), n=2**14, r=8, p=1)
    assert (scheme, digest) == ("scrypt", expected.hex())
    assert threads == ["AnyIO worker thread"]


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"content": b"{oops"}, 400),
        ({"json": ["password"]}, 422),
        ({"json": {}}, 422),
        ({"json": {"password": 12345678}}, 422),
        ({"json": {"password": "short"}}, 422),
        ({"json": {"password": "x" * 1025}}, 422),
    ],
)
def test_hash_rejects_bad_input(kwargs: dict[str, Any], status: int) -> None:
    with TestClient(run_in_threadpool_hashing.app) as client:
        assert client.post("/hashes", **kwargs).status_code == status


def test_hash_unknown_route_and_method_are_4xx() -> None:
    with TestClient(run_in_threadpool_hashing.app) as client:
        assert client.get("/hashes").status_code == 405
        assert client.post("/nope").status_code == 404


def test_run_in_threadpool_passes_keyword_arguments_anyio_run_sync_does_not() -> None:
    def add(a: int, *, b: int) -> int:
        return a + b

    async def main() -> int:
        with pytest.raises(TypeError):
            await anyio.to_thread.run_sync(add, 1, b=2)  # type: ignore[call-arg]
        return await run_in_threadpool(add, 1, b=2)

    assert anyio.run(main) == 3


# --- thread limiter ---------------------------------------------------------------------


def test_default_thread_limiter_has_40_tokens() -> None:
    async def total() -> float:
        return anyio.to_thread.current_default_thread_limiter().total_tokens

    assert anyio.run(total) == 40


def test_thread_limiter_cannot_be_read_outside_an_event_loop() -> None:
    with pytest.raises(RuntimeError, match="Not currently running on any asynchronous event loop"):
        anyio.to_thread.current_default_thread_limiter()


def test_lifespan_raises_thread_tokens() -> None:
    with TestClient(thread_limiter_lifespan.app) as client:
        assert client.get("/limits").json() == {"total": 100, "in_use": 0}


def test_without_lifespan_the_limiter_keeps_the_default() -> None:
    client = TestClient(thread_limiter_lifespan.app)  # no `with`: lifespan does not run
    assert client.get("/limits").json()["total"] == 40


# --- task groups ------------------------------------------------------------------------


def test_fan_out_returns_both_results() -> None:
    with TestClient(task_group_fan_out.app) as client:
        response = client.get("/users/5/dashboard")
    assert response.json() == {"profile": {"id": 5}, "orders": [1, 2]}


def test_fan_out_failure_cancels_sibling_and_returns_502(monkeypatch: pytest.MonkeyPatch) -> None:
    cancelled: list[bool] = []

    async def slow_profile(user_id: int) -> dict[str, Any]:
        try:
            await anyio.sleep_forever()
        finally:
            cancelled.append(True)
        return {}  # pragma: no cover

    async def broken_orders(user_id: int) -> list[int]:
        raise ConnectionError("orders service down")

    monkeypatch.setattr(task_group_fan_out, "fetch_profile", slow_profile)
    monkeypatch.setattr(task_group_fan_out, "fetch_orders", broken_orders)
    with TestClient(task_group_fan_out.app) as client:
        response = client.get("/users/5/dashboard")
    assert (response.status_code, response.json()) == (502, {"error": "upstream unavailable"})
    assert cancelled == [True]


def test_fan_out_timeout_returns_504(monkeypatch: pytest.MonkeyPatch) -> None:
    async def hang(user_id: int) -> dict[str, Any]:
        await anyio.sleep_forever()
        return {}  # pragma: no cover

    monkeypatch.setattr(task_group_fan_out, "fetch_profile", hang)
    monkeypatch.setattr(task_group_fan_out, "TIMEOUT_SECONDS", 0.01)
    with TestClient(task_group_fan_out.app) as client:
        response = client.get("/users/5/dashboard")
    assert (response.status_code, response.json()) == (504, {"error": "upstream timed out"})


def test_fan_out_other_errors_propagate_as_exception_group(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def buggy(user_id: int) -> list[int]:
        raise KeyError("bug")

    monkeypatch.setattr(task_group_fan_out, "fetch_orders", buggy)
    with TestClient(task_group_fan_out.app) as client:
        with pytest.raises(ExceptionGroup) as exc_info:
            client.get("/users/5/dashboard")
    assert exc_info.group_contains(KeyError)
    with TestClient(task_group_fan_out.app, raise_server_exceptions=False) as client:
        assert client.get("/users/5/dashboard").status_code == 500


def test_fan_out_rejects_non_int_user() -> None:
    with TestClient(task_group_fan_out.app) as client:
        assert client.get("/users/x/dashboard").status_code == 404


# --- detecting blocking calls -----------------------------------------------------------


def test_loop_debug_is_off_by_default() -> None:
    with TestClient(detect_blocking_calls.app) as client:
        assert client.get("/").json() == {"debug": False}


def test_debug_mode_logs_the_blocking_task(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(detect_blocking_calls, "SLOW_CALLBACK_SECONDS", 0.005)
    app = Starlette(
        routes=[
            Route("/", detect_blocking_calls.homepage),
            Route("/report", dont_blocking_call_in_async.report),  # sleeps 10 ms on the loop
        ],
        lifespan=detect_lifespan,
    )
    with caplog.at_level(logging.WARNING, logger="asyncio"):
        with TestClient(app, backend_options={"debug": True}) as client:
            assert client.get("/").json() == {"debug": True}
            client.get("/report")
    slow = [r.getMessage() for r in caplog.records if r.name == "asyncio"]
    assert any(m.startswith("Executing <Task") and " took " in m for m in slow), slow


def test_pythonasynciodebug_turns_on_debug_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    async def debug() -> bool:
        return asyncio.get_running_loop().get_debug()

    monkeypatch.setenv("PYTHONASYNCIODEBUG", "1")
    assert asyncio.run(debug()) is True


def test_slow_callback_threshold_defaults_to_a_tenth_of_a_second() -> None:
    async def threshold() -> float:
        return asyncio.get_running_loop().slow_callback_duration

    assert asyncio.run(threshold()) == 0.1


def test_return_is_not_allowed_inside_except_star() -> None:
    source = "def f():\n    try:\n        pass\n    except* ValueError:\n        return 1\n"
    with pytest.raises(SyntaxError, match="cannot appear in an except\\* block"):
        compile(source, "<example>", "exec")


def test_run_until_first_complete_is_deprecated() -> None:
    from starlette.concurrency import run_until_first_complete

    async def done() -> None:
        pass

    async def main() -> None:
        await run_until_first_complete((done, {}))

    with pytest.warns(Warning, match="run_until_first_complete is deprecated"):
        anyio.run(main)
