"""Specifications for references/exceptions.md."""

import pytest
from starlette.applications import Starlette
from starlette.exceptions import HTTPException, WebSocketException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route, WebSocketRoute
from starlette.testclient import TestClient, WebSocketDenialResponse
from starlette.websockets import WebSocket, WebSocketDisconnect

from examples.exceptions import json_error_handlers, websocket_errors


def text(request: Request, exc: Exception) -> Response:
    return PlainTextResponse(type(exc).__name__, status_code=418)


def raiser(exc: Exception):
    async def endpoint(request: Request) -> Response:
        raise exc

    return endpoint


# --- the JSON handlers example ------------------------------------------------------------

client = TestClient(json_error_handlers.app)


def test_found_item() -> None:
    assert client.get("/items/apple").json() == {"sku": "apple", "stock": 3}


def test_status_code_handler_beats_the_http_exception_class_handler() -> None:
    response = client.get("/items/kiwi")
    assert response.status_code == 404
    assert response.json() == {"detail": "Nothing at /items/kiwi"}


def test_unknown_route_goes_to_the_404_handler() -> None:
    assert client.get("/nowhere").json() == {"detail": "Nothing at /nowhere"}


def test_http_exception_handler_keeps_headers_of_starlettes_405() -> None:
    response = client.post("/items/apple")
    assert response.status_code == 405
    assert response.json() == {"detail": "Method Not Allowed"}
    assert set(response.headers["allow"].split(", ")) == {"GET", "HEAD"}


def test_custom_exception_class_handler() -> None:
    response = client.get("/items/pear")
    assert (response.status_code, response.json()) == (409, {"detail": "pear is out of stock"})


def test_500_handler_response_is_sent_and_the_exception_reraised() -> None:
    with pytest.raises(RuntimeError, match="report backend down"):
        client.get("/report")
    quiet = TestClient(json_error_handlers.app, raise_server_exceptions=False)
    response = quiet.get("/report")
    assert (response.status_code, response.json()) == (500, {"detail": "Internal Server Error"})


@pytest.mark.parametrize("status", [204, 304])
def test_bodyless_statuses_get_no_body(status: int) -> None:
    app = Starlette(
        routes=[Route("/", raiser(HTTPException(status, headers={"ETag": '"v1"'})))],
        exception_handlers={HTTPException: json_error_handlers.http_error},
    )
    response = TestClient(app).get("/")
    assert (response.status_code, response.content, response.headers["etag"]) == (
        status,
        b"",
        '"v1"',
    )


# --- default handling and precedence --------------------------------------------------------


def test_default_http_exception_response_is_plain_text_with_headers() -> None:
    exc = HTTPException(429, headers={"Retry-After": "30"})
    response = TestClient(Starlette(routes=[Route("/", raiser(exc))])).get("/")
    assert (response.status_code, response.text) == (429, "Too Many Requests")
    assert response.headers["retry-after"] == "30"
    assert response.headers["content-type"] == "text/plain; charset=utf-8"


def test_default_404_and_default_500() -> None:
    app = Starlette(routes=[Route("/", raiser(KeyError("k")))])
    quiet = TestClient(app, raise_server_exceptions=False)
    assert (quiet.get("/nope").status_code, quiet.get("/nope").text) == (404, "Not Found")
    response = quiet.get("/")
    assert (response.status_code, response.text) == (500, "Internal Server Error")


def test_class_handlers_follow_the_mro_most_specific_first() -> None:
    app = Starlette(
        routes=[
            Route("/unicode", raiser(UnicodeDecodeError("utf-8", b"", 0, 1, "x"))),
            Route("/value", raiser(ValueError())),
            Route("/lookup", raiser(KeyError())),
        ],
        exception_handlers={
            ValueError: lambda r, e: PlainTextResponse("value", 400),
            UnicodeError: lambda r, e: PlainTextResponse("unicode", 400),
            LookupError: lambda r, e: PlainTextResponse("lookup", 404),
        },
    )
    c = TestClient(app)
    assert c.get("/unicode").text == "unicode"
    assert c.get("/value").text == "value"
    assert c.get("/lookup").text == "lookup"


def test_a_class_handler_other_than_exception_handles_without_reraising() -> None:
    app = Starlette(
        routes=[Route("/", raiser(ValueError()))], exception_handlers={ValueError: text}
    )
    assert TestClient(app).get("/").status_code == 418  # no exception reaches the test


def test_http_exception_500_uses_the_http_exception_path_not_the_500_handler() -> None:
    app = Starlette(routes=[Route("/", raiser(HTTPException(500)))], exception_handlers={500: text})
    response = TestClient(app).get("/")
    assert (response.status_code, response.text) == (500, "Internal Server Error")


def test_debug_replaces_the_500_handler_with_a_traceback() -> None:
    app = Starlette(
        debug=True, routes=[Route("/", raiser(KeyError("k")))], exception_handlers={500: text}
    )
    quiet = TestClient(app, raise_server_exceptions=False)
    plain = quiet.get("/")
    assert plain.status_code == 500
    assert plain.text.startswith("Traceback (most recent call last):")
    html = quiet.get("/", headers={"Accept": "text/html"})
    assert html.headers["content-type"] == "text/html; charset=utf-8"


def test_handled_responses_pass_through_user_middleware() -> None:
    class Tag(BaseHTTPMiddleware):
        async def dispatch(self, request, call_next):
            response = await call_next(request)
            response.headers["x-tag"] = "seen"
            return response

    app = Starlette(
        routes=[Route("/", raiser(ValueError()))],
        middleware=[Middleware(Tag)],
        exception_handlers={ValueError: text},
    )
    c = TestClient(app)
    assert c.get("/").headers["x-tag"] == "seen"
    assert c.get("/missing").headers["x-tag"] == "seen"


def test_http_exception_after_the_response_started_cannot_change_it() -> None:
    async def endpoint(request: Request) -> Response:
        async def body():
            yield b"partial"
            raise HTTPException(400)

        return StreamingResponse(body())

    app = Starlette(routes=[Route("/", endpoint)])
    with pytest.raises(
        RuntimeError, match=r"Caught handled exception, but response already started\."
    ):
        TestClient(app).get("/")
    response = TestClient(app, raise_server_exceptions=False).get("/")
    assert response.status_code == 200  # already sent; the body is cut short
    assert "partial".startswith(response.text)


def test_http_exception_detail_defaults_to_the_phrase_and_str() -> None:
    exc = HTTPException(403)
    assert (exc.detail, str(exc), repr(exc)) == (
        "Forbidden",
        "403: Forbidden",
        "HTTPException(status_code=403, detail='Forbidden')",
    )
    assert HTTPException(599, detail="Custom").detail == "Custom"


@pytest.mark.starlette("1.7")
def test_non_standard_status_without_detail_has_empty_detail() -> None:
    assert HTTPException(599).detail == ""
    response = TestClient(Starlette(routes=[Route("/", raiser(HTTPException(599)))])).get("/")
    assert (response.status_code, response.text) == (599, "")


def test_handler_keys_500_and_exception_are_the_same_slot() -> None:
    app = Starlette(routes=[Route("/", raiser(KeyError()))], exception_handlers={Exception: text})
    assert TestClient(app, raise_server_exceptions=False).get("/").status_code == 418


# --- websockets -------------------------------------------------------------------------

ws_client = TestClient(websocket_errors.app)


def test_websocket_http_exception_before_accept_is_an_http_response() -> None:
    with pytest.raises(WebSocketDenialResponse) as info:
        with ws_client.websocket_connect("/rooms/attic"):
            pass  # pragma: no cover
    assert (info.value.status_code, info.value.text) == (404, "No room 'attic'")


def test_websocket_room_echoes() -> None:
    with ws_client.websocket_connect("/rooms/lobby") as ws:
        ws.send_text("hi")
        assert ws.receive_text() == "lobby: hi"


@pytest.mark.parametrize(
    ("message", "code", "reason"),
    [("x" * 257, 1009, "Message too big"), ("   ", 1008, "Empty message")],
)
def test_websocket_exception_closes_with_code_and_reason(
    message: str, code: int, reason: str
) -> None:
    with ws_client.websocket_connect("/rooms/lobby") as ws:
        ws.send_text(message)
        with pytest.raises(WebSocketDisconnect) as info:
            ws.receive_text()
    assert (info.value.code, info.value.reason) == (code, reason)


def test_websocket_exception_default_reason_is_empty() -> None:
    exc = WebSocketException(1008)
    assert (exc.code, exc.reason, str(exc)) == (1008, "", "1008: ")


def test_500_handler_never_runs_for_websockets() -> None:
    called = []

    async def crash(websocket: WebSocket) -> None:
        await websocket.accept()
        raise RuntimeError("boom")

    def handler(request: Request, exc: Exception) -> Response:
        called.append(exc)  # pragma: no cover
        return PlainTextResponse("handled", 500)  # pragma: no cover

    app = Starlette(routes=[WebSocketRoute("/ws", crash)], exception_handlers={Exception: handler})
    with pytest.raises(RuntimeError, match="boom"):
        with TestClient(app).websocket_connect("/ws"):
            pass  # pragma: no cover
    assert called == []


# --- not this -------------------------------------------------------------------------------


def test_dont_http_exception_in_middleware_becomes_a_500() -> None:
    from examples.exceptions import dont_http_exception_in_middleware as dont

    with pytest.raises(HTTPException):
        TestClient(dont.app).get("/")
    response = TestClient(dont.app, raise_server_exceptions=False).get("/")
    assert (response.status_code, response.text) == (500, "Internal Server Error")


def test_dont_http_exception_after_accept_sends_an_http_message_on_an_open_socket() -> None:
    from examples.exceptions import dont_http_exception_after_accept as dont

    with TestClient(dont.app).websocket_connect("/echo") as ws:
        ws.send_text("")
        message = ws.receive()
    assert message["type"] == "websocket.http.response.start"
    assert message["status"] == 400


def test_dont_500_handler_reading_detail_crashes_in_the_handler() -> None:
    from examples.exceptions import dont_500_handler_reads_detail as dont

    with pytest.raises(AttributeError, match="'KeyError' object has no attribute 'detail'"):
        TestClient(dont.app).get("/")


@pytest.mark.parametrize("status", [204, 304])
def test_default_handler_sends_bodyless_statuses_without_body(status: int) -> None:
    app = Starlette(routes=[Route("/", raiser(HTTPException(status)))])
    response = TestClient(app).get("/")
    assert (response.status_code, response.content) == (status, b"")


def test_exception_handler_decorator_is_removed_add_exception_handler_remains() -> None:
    app = Starlette(routes=[Route("/", raiser(ValueError()))])
    assert not hasattr(app, "exception_handler")
    app.add_exception_handler(ValueError, text)
    assert TestClient(app).get("/").status_code == 418


def test_websocket_exception_handler_may_return_none() -> None:
    async def endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        raise WebSocketException(1003)

    async def handler(websocket: WebSocket, exc: Exception) -> None:
        await websocket.close(code=1008, reason="custom")

    app = Starlette(
        routes=[WebSocketRoute("/ws", endpoint)],
        exception_handlers={WebSocketException: handler},
    )
    with TestClient(app).websocket_connect("/ws") as ws:
        with pytest.raises(WebSocketDisconnect) as info:
            ws.receive_text()
    assert (info.value.code, info.value.reason) == (1008, "custom")


def test_dont_500_handler_reading_detail_leaves_the_server_to_answer() -> None:
    from examples.exceptions import dont_500_handler_reads_detail as dont

    response = TestClient(dont.app, raise_server_exceptions=False).get("/")
    assert response.status_code == 500


# --- older releases and smaller claims --------------------------------------------------------


@pytest.mark.starlette("1.0", before="1.7")
def test_non_standard_status_without_detail_raised_value_error_before_1_7() -> None:
    with pytest.raises(ValueError, match=r"^599 is not a valid HTTPStatus$"):
        HTTPException(599)


def test_add_exception_handler_after_the_app_started_is_ignored() -> None:
    app = Starlette(routes=[Route("/", raiser(ValueError()))])
    with TestClient(app, raise_server_exceptions=False) as client:  # lifespan starts the app
        app.add_exception_handler(ValueError, text)
        assert client.get("/").status_code == 500


def test_sync_handlers_run_in_a_worker_thread() -> None:
    import threading

    threads: list[str] = []

    async def endpoint(request: Request) -> Response:
        threads.append(threading.current_thread().name)  # the event loop's thread
        raise ValueError

    def handler(request: Request, exc: Exception) -> Response:
        threads.append(threading.current_thread().name)
        return PlainTextResponse("handled")

    app = Starlette(routes=[Route("/", endpoint)], exception_handlers={ValueError: handler})
    assert TestClient(app).get("/").text == "handled"
    assert threads[0] != threads[1]
