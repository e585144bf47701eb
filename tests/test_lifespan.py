from __future__ import annotations

import asyncio
import importlib
import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import ModuleType
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from examples.lifespan import lifespan_periodic_task, lifespan_typed_state
from examples.lifespan.mounted_app_lifespan import app as mounted_app


def fresh_import(name: str) -> ModuleType:
    sys.modules.pop(name, None)
    return importlib.import_module(name)


# --- typed state ------------------------------------------------------------------------


def test_typed_state_pool_reaches_http_endpoints() -> None:
    with TestClient(lifespan_typed_state.app) as client:
        assert client.get("/items/abc").json() == {"key": "abc"}


def test_typed_state_pool_reaches_websocket_endpoints() -> None:
    with TestClient(lifespan_typed_state.app) as client:
        with client.websocket_connect("/ws/items") as ws:
            ws.send_text("abc")
            assert ws.receive_json() == {"key": "abc"}


def test_pool_is_closed_when_the_with_block_exits(monkeypatch: pytest.MonkeyPatch) -> None:
    pools: list[lifespan_typed_state.Pool] = []

    class RecordingPool(lifespan_typed_state.Pool):
        def __init__(self) -> None:
            super().__init__()
            pools.append(self)

    monkeypatch.setattr(lifespan_typed_state, "Pool", RecordingPool)
    with TestClient(lifespan_typed_state.app) as client:
        client.get("/items/abc")
        assert not pools[0].closed
    assert pools[0].closed


def test_without_with_block_lifespan_does_not_run_and_state_is_empty() -> None:
    client = TestClient(lifespan_typed_state.app)
    with pytest.raises(KeyError, match="pool"):
        client.get("/items/abc")


def test_unknown_route_and_method_are_4xx() -> None:
    with TestClient(lifespan_typed_state.app) as client:
        assert client.get("/nope").status_code == 404
        assert client.post("/items/abc").status_code == 405


def make_state_app() -> tuple[Starlette, dict[str, Any]]:
    shared: dict[str, Any] = {"hits": []}

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, Any]]:
        yield {"shared": shared, "name": "svc"}

    async def endpoint(request: Request) -> JSONResponse:
        seen_flag = "flag" in request.state
        request.state.flag = True  # per-request: not seen by the next request
        request.state["shared"]["hits"].append(1)  # same object: seen by all
        return JSONResponse(
            {
                "attr": request.state.name,
                "item": request.state["name"],
                "seen_flag": seen_flag,
                "hits": len(request.state.shared["hits"]),
            }
        )

    return Starlette(routes=[Route("/", endpoint)], lifespan=lifespan), shared


def test_state_supports_attribute_and_item_access() -> None:
    app, _ = make_state_app()
    with TestClient(app) as client:
        body = client.get("/").json()
    assert body["attr"] == body["item"] == "svc"


def test_request_state_is_a_shallow_copy_of_the_lifespan_state() -> None:
    app, shared = make_state_app()
    with TestClient(app) as client:
        assert client.get("/").json()["seen_flag"] is False
        second = client.get("/").json()
    assert second["seen_flag"] is False  # attribute set by request 1 is gone
    assert second["hits"] == 2  # the mutable object inside is shared
    assert shared["hits"] == [1, 1]


def test_yielded_state_is_not_copied_to_app_state() -> None:
    app, _ = make_state_app()
    with TestClient(app):
        assert "name" not in app.state


# --- failures ---------------------------------------------------------------------------


@asynccontextmanager
async def failing_startup(app: Starlette) -> AsyncIterator[None]:
    raise ConnectionError("database unreachable")
    yield  # pragma: no cover


def test_startup_failure_is_reraised_by_test_client() -> None:
    with pytest.raises(ConnectionError, match="database unreachable"):
        with TestClient(Starlette(lifespan=failing_startup)):
            pass  # pragma: no cover


def test_uvicorn_exits_with_status_3_on_startup_failure(caplog: pytest.LogCaptureFixture) -> None:
    config = uvicorn.Config(Starlette(lifespan=failing_startup), log_config=None)
    server = uvicorn.Server(config)
    with caplog.at_level(logging.INFO, logger="uvicorn.error"):
        with pytest.raises(SystemExit) as exc_info:
            asyncio.run(server.serve())
    assert exc_info.value.code == 3
    assert not server.started  # no socket was bound, no request was served
    assert "Application startup failed. Exiting." in caplog.messages
    assert any("database unreachable" in message for message in caplog.messages)


def test_shutdown_failure_is_raised_when_the_with_block_exits() -> None:
    @asynccontextmanager
    async def failing_shutdown(app: Starlette) -> AsyncIterator[None]:
        yield
        raise RuntimeError("flush failed")

    entered = False
    with pytest.raises(RuntimeError, match="flush failed"):
        with TestClient(Starlette(lifespan=failing_shutdown)):
            entered = True
    assert entered


# --- background loop in the lifespan ----------------------------------------------------


def test_periodic_task_refreshed_before_first_request_and_stops_on_shutdown() -> None:
    seen: list[Any] = []
    with TestClient(lifespan_periodic_task.app) as client:
        assert client.get("/status").json() == {"refreshes": 1}
        seen.append(client.app_state["cache"])
        assert seen[0].stopped is False
    assert seen[0].stopped is True


def test_periodic_task_loop_refreshes_every_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lifespan_periodic_task, "REFRESH_SECONDS", 0.001)
    with TestClient(lifespan_periodic_task.app) as client:
        cache = client.app_state["cache"]
        for _ in range(200):
            if cache.refreshes > 1:
                break
            client.get("/status")
    assert cache.refreshes > 1


# --- mounted apps -----------------------------------------------------------------------


def test_outer_lifespan_runs_the_mounted_apps_lifespan() -> None:
    with TestClient(mounted_app) as client:
        assert client.get("/").json() == {"greeting": "hello"}
        # The mounted app sees the outer app's request.state, including what it added.
        assert client.get("/admin/audit").json() == {"entries": 0}


def test_dont_mounted_lifespan_never_runs() -> None:
    from examples.lifespan.dont_mounted_lifespan import app

    with TestClient(app) as client:
        with pytest.raises(KeyError, match="audit_log"):
            client.get("/admin/audit")


# --- removed and deprecated APIs --------------------------------------------------------


def test_dont_on_startup_raises_type_error() -> None:
    with pytest.raises(TypeError) as exc_info:
        fresh_import("examples.lifespan.dont_on_startup")
    assert str(exc_info.value) == (
        "Starlette.__init__() got an unexpected keyword argument 'on_startup'"
    )


@pytest.mark.parametrize("name", ["on_event", "add_event_handler"])
def test_event_decorators_are_removed(name: str) -> None:
    with pytest.raises(AttributeError, match=f"'Starlette' object has no attribute '{name}'"):
        getattr(Starlette(), name)


def test_dont_generator_lifespan_warns_deprecated() -> None:
    with pytest.warns(Warning, match="async generator function lifespans are deprecated"):
        module = fresh_import("examples.lifespan.dont_generator_lifespan")
    with TestClient(module.app):  # still runs, for now
        pass


@pytest.mark.starlette("1.3.1")
def test_generator_lifespan_warning_is_visible_by_default() -> None:
    from starlette.exceptions import StarletteDeprecationWarning

    assert issubclass(StarletteDeprecationWarning, UserWarning)
    with pytest.warns(StarletteDeprecationWarning):
        fresh_import("examples.lifespan.dont_generator_lifespan")


def test_attribute_style_missing_state_raises_attribute_error() -> None:
    async def endpoint(request: Request) -> JSONResponse:
        return JSONResponse(request.state.pool)

    with TestClient(Starlette(routes=[Route("/", endpoint)])) as client:
        with pytest.raises(AttributeError, match="'State' object has no attribute 'pool'"):
            client.get("/")


def test_task_group_not_cancelled_makes_shutdown_wait_forever() -> None:
    import anyio

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with anyio.create_task_group() as tg:
            tg.start_soon(anyio.sleep_forever)
            yield  # no tg.cancel_scope.cancel() after this

    async def run() -> list[str]:
        to_app, app_inbox = anyio.create_memory_object_stream[dict](10)
        app_outbox, from_app = anyio.create_memory_object_stream[dict](10)
        received: list[str] = []
        async with anyio.create_task_group() as tg:
            scope = {"type": "lifespan", "state": {}}
            tg.start_soon(Starlette(lifespan=lifespan), scope, app_inbox.receive, app_outbox.send)
            await to_app.send({"type": "lifespan.startup"})
            received.append((await from_app.receive())["type"])
            await to_app.send({"type": "lifespan.shutdown"})
            with anyio.move_on_after(0.05):
                received.append((await from_app.receive())["type"])
            tg.cancel_scope.cancel()
        for stream in (to_app, app_inbox, app_outbox, from_app):
            stream.close()
        return received

    assert anyio.run(run) == ["lifespan.startup.complete"]  # no shutdown.complete


def test_generator_lifespan_fails_when_warnings_are_errors() -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(Warning, match="generator function lifespans are deprecated"):
            fresh_import("examples.lifespan.dont_generator_lifespan")


@pytest.mark.starlette("1.0", before="1.3.1")
def test_before_1_3_1_generator_lifespan_warns_with_a_hidden_deprecation_warning() -> None:
    import starlette.exceptions

    assert not hasattr(starlette.exceptions, "StarletteDeprecationWarning")
    with pytest.warns(DeprecationWarning, match="generator function lifespans") as record:
        fresh_import("examples.lifespan.dont_generator_lifespan")
    assert [warning.category for warning in record] == [DeprecationWarning]
