from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import Any

import anyio
import pytest
from starlette.applications import Starlette
from starlette.background import BackgroundTask, BackgroundTasks
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from examples.background import background_task_signup, background_tasks_ordered
from examples.background import dont_background_task_raises as dont_raises


@pytest.fixture(autouse=True)
def empty_stand_ins() -> Iterator[None]:
    lists = [
        background_task_signup.outbox,
        background_tasks_ordered.warehouse,
        background_tasks_ordered.receipts,
        dont_raises.receipts,
    ]
    for stand_in in lists:
        stand_in.clear()
    yield


# --- signup -----------------------------------------------------------------------------


def test_signup_sends_welcome_email_in_background() -> None:
    with TestClient(background_task_signup.app) as client:
        response = client.post("/signup", json={"email": "ada@example.org"})
    assert response.status_code == 201
    assert response.json() == {"status": "signed up"}
    assert background_task_signup.outbox == ["ada@example.org"]


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"content": b"{not json"}, 400),
        ({"json": ["ada@example.org"]}, 422),
        ({"json": {}}, 422),
        ({"json": {"email": 42}}, 422),
        ({"json": {"email": "no-at-sign"}}, 422),
        ({"json": {"email": "a@" + "x" * 300}}, 422),
    ],
)
def test_signup_rejects_bad_input_and_sends_nothing(kwargs: dict[str, Any], status: int) -> None:
    with TestClient(background_task_signup.app) as client:
        assert client.post("/signup", **kwargs).status_code == status
    assert background_task_signup.outbox == []


def test_signup_unknown_route_and_method_are_4xx() -> None:
    with TestClient(background_task_signup.app) as client:
        assert client.get("/signup").status_code == 405
        assert client.post("/nope").status_code == 404


# --- ordered tasks ----------------------------------------------------------------------


def test_tasks_run_in_order_after_the_202() -> None:
    with TestClient(background_tasks_ordered.app) as client:
        response = client.post("/orders/7")
    assert (response.status_code, response.json()) == (202, {"order_id": 7})
    assert background_tasks_ordered.warehouse == [7]
    assert background_tasks_ordered.receipts == [7]


def test_guarded_task_failure_is_logged_and_later_tasks_still_run(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def unreachable(order_id: int) -> None:
        raise ConnectionError("warehouse unreachable")

    monkeypatch.setattr(background_tasks_ordered, "send_to_warehouse", unreachable)
    with TestClient(background_tasks_ordered.app) as client:
        assert client.post("/orders/7").status_code == 202
    assert background_tasks_ordered.receipts == [7]
    assert "warehouse notification failed for order 7" in caplog.messages


def test_orders_reject_non_int_id_and_wrong_method() -> None:
    with TestClient(background_tasks_ordered.app) as client:
        assert client.post("/orders/abc").status_code == 404
        assert client.get("/orders/7").status_code == 405
    assert background_tasks_ordered.receipts == []


# --- an unguarded failing task ----------------------------------------------------------


def test_dont_failing_task_skips_later_tasks_after_response_was_sent() -> None:
    with TestClient(dont_raises.app, raise_server_exceptions=False) as client:
        response = client.post("/orders/7")
    assert response.status_code == 202  # the client already has its response
    assert response.json() == {"order_id": 7}
    assert dont_raises.receipts == []  # write_receipt never ran


def test_dont_failing_task_exception_reaches_the_server() -> None:
    with TestClient(dont_raises.app) as client:
        with pytest.raises(ConnectionError, match="warehouse unreachable"):
            client.post("/orders/7")


def test_failing_task_is_not_retried_and_500_handler_runs_without_replacing_response() -> None:
    calls: list[str] = []
    handled: list[Exception] = []

    async def flaky() -> None:
        calls.append("flaky")
        raise RuntimeError("boom")

    async def endpoint(request: Request) -> PlainTextResponse:
        return PlainTextResponse("ok", background=BackgroundTask(flaky))

    async def on_error(request: Request, exc: Exception) -> Response:
        handled.append(exc)
        return PlainTextResponse("error page", status_code=500)

    app = Starlette(routes=[Route("/", endpoint)], exception_handlers={Exception: on_error})
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/")
    assert (response.status_code, response.text) == (200, "ok")
    assert calls == ["flaky"]
    assert [str(exc) for exc in handled] == ["boom"]


# --- where and when tasks run -----------------------------------------------------------


def test_sync_tasks_run_in_a_worker_thread_async_tasks_on_the_loop() -> None:
    threads: dict[str, int] = {}

    def sync_task() -> None:
        threads["sync"] = threading.get_ident()

    async def async_task() -> None:
        threads["async"] = threading.get_ident()

    async def endpoint(request: Request) -> Response:
        threads["endpoint"] = threading.get_ident()
        tasks = BackgroundTasks([BackgroundTask(sync_task)])
        tasks.add_task(async_task)
        return Response(background=tasks)

    with TestClient(Starlette(routes=[Route("/", endpoint)])) as client:
        client.get("/")
    assert threads["async"] == threads["endpoint"]
    assert threads["sync"] != threads["endpoint"]


def test_test_client_returns_after_background_tasks_finished() -> None:
    done: list[bool] = []

    async def slow() -> None:
        await anyio.sleep(0.01)
        done.append(True)

    async def endpoint(request: Request) -> Response:
        return Response(background=BackgroundTask(slow))

    with TestClient(Starlette(routes=[Route("/", endpoint)])) as client:
        client.get("/")
        assert done == [True]


class PassThrough(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        return await call_next(request)


def run_and_record(app: Starlette) -> list[str]:
    events: list[str] = []

    async def task() -> None:
        events.append("task")

    async def endpoint(request: Request) -> Response:
        return PlainTextResponse("hi", background=BackgroundTask(task))

    app.router.routes.append(Route("/", endpoint))

    async def main() -> None:
        scope = {"type": "http", "method": "GET", "path": "/", "headers": [], "query_string": b""}

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            await anyio.sleep(0.002)  # a slow client
            if message["type"] == "http.response.body" and not message.get("more_body"):
                events.append("response sent")

        await app(scope, receive, send)

    anyio.run(main)
    return events


def test_tasks_start_after_the_last_body_message_is_sent() -> None:
    assert run_and_record(Starlette()) == ["response sent", "task"]


@pytest.mark.starlette("1.7")
def test_tasks_start_after_response_is_sent_behind_base_http_middleware() -> None:
    app = Starlette(middleware=[Middleware(PassThrough)])
    assert run_and_record(app) == ["response sent", "task"]


@pytest.mark.starlette("1.0", before="1.7")
def test_before_1_7_tasks_start_before_the_response_is_sent_behind_base_http_middleware() -> None:
    app = Starlette(middleware=[Middleware(PassThrough)])
    assert run_and_record(app) == ["task", "response sent"]


def test_logged_failure_in_ordered_example_uses_module_logger(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def unreachable(order_id: int) -> None:
        raise ConnectionError("down")

    monkeypatch.setattr(background_tasks_ordered, "send_to_warehouse", unreachable)
    with caplog.at_level(logging.ERROR, logger="examples.background.background_tasks_ordered"):
        with TestClient(background_tasks_ordered.app) as client:
            client.post("/orders/1")
    (record,) = caplog.records
    assert record.exc_info is not None and record.exc_info[0] is ConnectionError


def test_every_response_class_takes_background() -> None:
    import inspect

    from starlette import responses

    classes = [
        responses.Response,
        responses.HTMLResponse,
        responses.PlainTextResponse,
        responses.JSONResponse,
        responses.RedirectResponse,
        responses.StreamingResponse,
        responses.FileResponse,
    ]
    for cls in classes:
        assert "background" in inspect.signature(cls.__init__).parameters, cls
