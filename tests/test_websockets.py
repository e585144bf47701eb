import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import anyio
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.authentication import AuthCredentials, AuthenticationBackend, SimpleUser, requires
from starlette.exceptions import WebSocketException
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.requests import HTTPConnection
from starlette.routing import WebSocketRoute
from starlette.testclient import TestClient, WebSocketDenialResponse
from starlette.types import ASGIApp, Message
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from examples.websockets.broadcast_room import app as room_app
from examples.websockets.deny_before_accept import app as deny_app
from examples.websockets.dont_keep_receiving_after_disconnect import app as dont_app
from examples.websockets.endpoint_encodings import app as encodings_app
from examples.websockets.json_commands import app as json_app
from examples.websockets.subprotocol_echo import app as echo_app


@contextmanager
def serve(app: ASGIApp) -> Iterator[int]:
    """Run uvicorn on a loopback port in a thread: the handshake behaviour of a real server."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="critical", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]})
    thread.start()
    try:
        while not server.started:
            time.sleep(0.001)
        yield sock.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join()
        sock.close()


def handshake_status(port: int, path: str, **kwargs: object) -> tuple[int, bytes]:
    with pytest.raises(InvalidStatus) as info:
        connect(f"ws://127.0.0.1:{port}{path}", **kwargs)  # type: ignore[arg-type]
    return info.value.response.status_code, bytes(info.value.response.body or b"")


# --- subprotocol_echo -----------------------------------------------------------------


def test_echo_accepts_preferred_subprotocol_and_sends_accept_headers() -> None:
    client = TestClient(echo_app)
    with client.websocket_connect("/echo", subprotocols=["echo.v1", "echo.v2"]) as ws:
        assert ws.accepted_subprotocol == "echo.v2"
        assert (b"x-echo-version", b"2") in ws.extra_headers
        ws.send_text("hello")
        assert ws.receive_text() == "hello"


def test_echo_close_before_accept_is_websocketdisconnect_in_testclient() -> None:
    client = TestClient(echo_app)
    with pytest.raises(WebSocketDisconnect) as info, client.websocket_connect("/echo"):
        pass  # pragma: no cover
    assert info.type is WebSocketDisconnect
    assert (info.value.code, info.value.reason) == (1002, "unsupported subprotocol")


def test_echo_closes_1003_on_binary_frame() -> None:
    client = TestClient(echo_app)
    with client.websocket_connect("/echo", subprotocols=["echo.v1"]) as ws:
        ws.send_bytes(b"\x00")
        with pytest.raises(WebSocketDisconnect) as info:
            ws.receive_text()
    assert (info.value.code, info.value.reason) == (1003, "text frames only")


def test_echo_ends_cleanly_when_client_disconnects() -> None:
    client = TestClient(echo_app)
    with client.websocket_connect("/echo", subprotocols=["echo.v1"]) as ws:
        ws.close(1001)


def test_unknown_websocket_route_closes_with_1000_in_testclient() -> None:
    with (
        pytest.raises(WebSocketDisconnect) as info,
        TestClient(echo_app).websocket_connect("/nope"),
    ):
        pass  # pragma: no cover
    assert info.value.code == 1000


def test_real_server_turns_close_before_accept_and_unknown_route_into_http_403(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FEED_API_TOKEN", "s3cret-for-tests")
    app = Starlette(
        routes=[*echo_app.routes, *deny_app.routes, WebSocketRoute("/policy", raise_ws_exception)]
    )
    with serve(app) as port:
        assert handshake_status(port, "/echo") == (403, b"")
        assert handshake_status(port, "/nope") == (403, b"")
        assert handshake_status(port, "/policy") == (403, b"")
        status, body = handshake_status(port, "/feed")
        assert (status, body) == (401, b"missing bearer token")
        headers = {"Authorization": "Bearer wrong"}
        assert handshake_status(port, "/feed", additional_headers=headers) == (
            403,
            b'{"error":"invalid token"}',
        )
        with connect(f"ws://127.0.0.1:{port}/echo", subprotocols=["echo.v1"]) as ws:  # type: ignore[list-item]
            assert ws.subprotocol == "echo.v1"
            ws.send("over the wire")
            assert ws.recv() == "over the wire"


def test_uvicorn_caps_websocket_frames_at_16_mib_by_default() -> None:
    assert uvicorn.Config(echo_app).ws_max_size == 16 * 1024 * 1024


# --- json_commands --------------------------------------------------------------------


def test_calculator_adds_numbers_from_text_and_binary_frames() -> None:
    with TestClient(json_app).websocket_connect("/calc") as ws:
        ws.send_json({"add": [1, 2.5]})
        assert ws.receive_json() == {"result": 3.5}
        ws.send_json({"add": [4, 5]}, mode="binary")
        assert ws.receive_json() == {"result": 9}


@pytest.mark.parametrize("command", [{"add": "12"}, {"add": [1, True]}, [1, 2], {"sub": [1]}])
def test_calculator_replies_with_error_to_wrong_types_and_stays_open(command: object) -> None:
    with TestClient(json_app).websocket_connect("/calc") as ws:
        ws.send_json(command)
        assert ws.receive_json() == {"error": 'expected {"add": [numbers]}'}
        ws.send_json({"add": [1]})
        assert ws.receive_json() == {"result": 1}


@pytest.mark.parametrize("payload", ["{bad", ""])
def test_calculator_closes_1003_on_malformed_json(payload: str) -> None:
    with TestClient(json_app).websocket_connect("/calc") as ws:
        ws.send_text(payload)
        with pytest.raises(WebSocketDisconnect) as info:
            ws.receive_json()
    assert (info.value.code, info.value.reason) == (1003, "invalid JSON")


def test_calculator_closes_1009_on_oversized_message() -> None:
    with TestClient(json_app).websocket_connect("/calc") as ws:
        ws.send_text("[" + "1," * 3000 + "1]")
        with pytest.raises(WebSocketDisconnect) as info:
            ws.receive_json()
    assert info.value.code == 1009


# --- deny_before_accept ---------------------------------------------------------------


def test_feed_accepts_valid_bearer_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FEED_API_TOKEN", "s3cret-for-tests")
    headers = {"Authorization": "Bearer s3cret-for-tests"}
    with TestClient(deny_app).websocket_connect("/feed", headers=headers) as ws:
        assert ws.receive_json() == {"feed": "welcome"}
        with pytest.raises(WebSocketDisconnect) as info:
            ws.receive_text()
    assert info.value.code == 1000


def test_feed_http_exception_before_accept_is_a_401_denial_response() -> None:
    client = TestClient(deny_app)
    with pytest.raises(WebSocketDenialResponse) as info, client.websocket_connect("/feed"):
        pass  # pragma: no cover
    response = info.value
    assert isinstance(response, WebSocketDisconnect)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.text == "missing bearer token"


def test_feed_custom_denial_response_with_wrong_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FEED_API_TOKEN", "s3cret-for-tests")
    client = TestClient(deny_app)
    headers = {"Authorization": "Bearer wrong"}
    with (
        pytest.raises(WebSocketDenialResponse) as info,
        client.websocket_connect("/feed", headers=headers),
    ):
        pass  # pragma: no cover
    assert info.value.status_code == 403
    assert info.value.json() == {"error": "invalid token"}


def test_send_denial_response_raises_runtimeerror_without_server_support() -> None:
    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        websocket = WebSocket(scope, receive, send)
        await websocket.send_denial_response(None)  # type: ignore[arg-type]

    scope = {"type": "websocket", "path": "/", "headers": [], "extensions": {}}

    async def noop(message: Message) -> None:
        raise AssertionError  # pragma: no cover

    with pytest.raises(RuntimeError, match="doesn't support the Websocket Denial Response"):
        anyio.run(app, scope, noop, noop)


class TokenBackend(AuthenticationBackend):
    async def authenticate(self, conn: HTTPConnection) -> tuple[AuthCredentials, SimpleUser] | None:
        if conn.query_params.get("user"):
            return AuthCredentials(["chat"]), SimpleUser(conn.query_params["user"])
        return None


@requires("chat")
async def authenticated_chat(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.send_text(f"hello {websocket.user.display_name}")
    await websocket.close()


def test_authentication_middleware_and_requires_work_on_websockets() -> None:
    app = Starlette(
        routes=[WebSocketRoute("/", authenticated_chat)],
        middleware=[Middleware(AuthenticationMiddleware, backend=TokenBackend())],
    )
    client = TestClient(app)
    with client.websocket_connect("/?user=ann") as ws:
        assert ws.receive_text() == "hello ann"
    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/"):
        pass  # pragma: no cover


# --- WebSocketException, state errors -------------------------------------------------


async def raise_ws_exception(websocket: WebSocket) -> None:
    if websocket.query_params.get("accept"):
        await websocket.accept()
    raise WebSocketException(code=1008, reason="policy")


@pytest.mark.parametrize("path", ["/", "/?accept=1"])
def test_websocketexception_closes_with_its_code_before_or_after_accept(path: str) -> None:
    client = TestClient(Starlette(routes=[WebSocketRoute("/", raise_ws_exception)]))
    with pytest.raises(WebSocketDisconnect) as info:
        with client.websocket_connect(path) as ws:
            ws.receive_text()
    assert (info.value.code, info.value.reason) == (1008, "policy")


async def state_probe(websocket: WebSocket) -> None:
    states = [(websocket.client_state.name, websocket.application_state.name)]
    await websocket.accept()
    states.append((websocket.client_state.name, websocket.application_state.name))
    await websocket.send_json(states)
    await websocket.close(code=4000, reason="done")
    assert websocket.application_state is WebSocketState.DISCONNECTED


def test_client_and_application_state_track_the_handshake() -> None:
    client = TestClient(Starlette(routes=[WebSocketRoute("/", state_probe)]))
    with client.websocket_connect("/") as ws:
        assert ws.receive_json() == [["CONNECTING", "CONNECTING"], ["CONNECTED", "CONNECTED"]]
        with pytest.raises(WebSocketDisconnect) as info:
            ws.receive_text()
    assert (info.value.code, info.value.reason) == (4000, "done")


async def misuse(websocket: WebSocket) -> None:
    action = websocket.query_params["do"]
    if action == "receive-before-accept":
        await websocket.receive_text()
    await websocket.accept()
    await websocket.close()
    await websocket.send_text("too late")


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("receive-before-accept", 'WebSocket is not connected. Need to call "accept" first.'),
        ("send-after-close", 'Cannot call "send" once a close message has been sent.'),
    ],
)
def test_misusing_a_websocket_raises_runtimeerror(action: str, message: str) -> None:
    client = TestClient(Starlette(routes=[WebSocketRoute("/", misuse)]))
    with pytest.raises(RuntimeError) as info:
        with client.websocket_connect(f"/?do={action}") as ws:
            ws.receive()
    assert str(info.value) == message


@pytest.mark.starlette("1.7")
@pytest.mark.parametrize("action", ["receive-before-accept", "send-after-close"])
def test_misuse_raises_websocketdisconnected_subclass_of_runtimeerror(action: str) -> None:
    from starlette.websockets import WebSocketDisconnected

    assert issubclass(WebSocketDisconnected, RuntimeError)
    client = TestClient(Starlette(routes=[WebSocketRoute("/", misuse)]))
    with pytest.raises(WebSocketDisconnected):
        with client.websocket_connect(f"/?do={action}") as ws:
            ws.receive()


def test_dont_receive_after_disconnect_raises_runtimeerror() -> None:
    with pytest.raises(RuntimeError) as info:
        with TestClient(dont_app).websocket_connect("/log") as ws:
            ws.send_text("hi")
            ws.close()
    assert str(info.value) == 'Cannot call "receive" once a disconnect message has been received.'


@pytest.mark.starlette("1.7")
def test_dont_receive_after_disconnect_raises_websocketdisconnected() -> None:
    from starlette.websockets import WebSocketDisconnected

    with pytest.raises(WebSocketDisconnected):
        with TestClient(dont_app).websocket_connect("/log") as ws:
            ws.close()


async def iterate_text(websocket: WebSocket) -> None:
    await websocket.accept()
    async for text in websocket.iter_text():
        await websocket.send_text(text.upper())
    await websocket.send_text("unreachable")  # pragma: no cover


def test_iter_text_stops_on_disconnect_and_keyerrors_on_binary_frame() -> None:
    client = TestClient(Starlette(routes=[WebSocketRoute("/", iterate_text)]))
    with client.websocket_connect("/") as ws:
        ws.send_text("a")
        assert ws.receive_text() == "A"
    with pytest.raises(KeyError, match="text"):
        with client.websocket_connect("/") as ws:
            ws.send_bytes(b"a")
            ws.receive()


async def iterate_json(websocket: WebSocket) -> None:
    await websocket.accept()
    async for data in websocket.iter_json():
        await websocket.send_json(data)


def test_iter_json_raises_jsondecodeerror_on_malformed_text() -> None:
    client = TestClient(Starlette(routes=[WebSocketRoute("/", iterate_json)]))
    with pytest.raises(json.JSONDecodeError):
        with client.websocket_connect("/") as ws:
            ws.send_text("{bad")
            ws.receive()


# --- broadcast_room -------------------------------------------------------------------


def test_room_broadcasts_to_every_member_in_the_process() -> None:
    with TestClient(room_app) as client:
        with client.websocket_connect("/chat/ann") as ann:
            assert ann.receive_text() == "ann joined"
            with client.websocket_connect("/chat/bob") as bob:
                assert bob.receive_text() == "bob joined"
                assert ann.receive_text() == "bob joined"
                bob.send_text("hi")
                assert ann.receive_text() == "bob: hi"
                assert bob.receive_text() == "bob: hi"
            assert ann.receive_text() == "bob left"
            ann.send_bytes(b"\x00")
            with pytest.raises(WebSocketDisconnect) as info:
                ann.receive_text()
        assert info.value.code == 1003
        assert client.app_state["room"].members == set()


async def broken_send(message: Message) -> None:
    raise OSError("connection reset")


async def no_receive() -> Message:
    raise AssertionError  # pragma: no cover


def dropped_websocket() -> WebSocket:
    websocket = WebSocket({"type": "websocket", "headers": []}, no_receive, broken_send)
    websocket.application_state = WebSocketState.CONNECTED
    return websocket


def test_send_on_a_dropped_connection_raises_websocketdisconnect_1006() -> None:
    with pytest.raises(WebSocketDisconnect) as info:
        anyio.run(dropped_websocket().send_text, "hi")
    assert info.value.code == 1006


def test_room_drops_a_member_whose_connection_is_gone() -> None:
    with TestClient(room_app) as client:
        room = client.app_state["room"]
        ghost = dropped_websocket()
        room.members.add(ghost)
        with client.websocket_connect("/chat/ann") as ann:
            assert ann.receive_text() == "ann joined"
            assert ghost not in room.members


# --- endpoint_encodings ---------------------------------------------------------------


def test_json_endpoint_parses_text_and_binary_frames() -> None:
    with TestClient(encodings_app).websocket_connect("/json") as ws:
        ws.send_json({"a": 1})
        assert ws.receive_json() == {"echo": {"a": 1}}
        ws.send_json([1], mode="binary")
        assert ws.receive_json() == {"echo": [1]}


def test_json_endpoint_closes_1003_then_raises_on_malformed_json() -> None:
    with pytest.raises(RuntimeError, match=r"^Malformed JSON data received\.$"):
        with TestClient(encodings_app).websocket_connect("/json") as ws:
            ws.send_text("{bad")
            assert ws.receive() == {"type": "websocket.close", "code": 1003, "reason": ""}


def test_bytes_endpoint_rejects_text_frames_with_1003() -> None:
    with TestClient(encodings_app).websocket_connect("/bytes") as ws:
        ws.send_bytes(b"abc")
        assert ws.receive_bytes() == b"cba"
    with pytest.raises(RuntimeError, match="Expected bytes websocket messages, but got text"):
        with TestClient(encodings_app).websocket_connect("/bytes") as ws:
            ws.send_text("abc")
            assert ws.receive()["code"] == 1003


def test_text_endpoint_rejects_binary_frames_and_reports_close_code(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="examples.websockets.endpoint_encodings")
    with TestClient(encodings_app).websocket_connect("/text") as ws:
        ws.send_text("a")
        ws.send_text("b")
        assert [ws.receive_text(), ws.receive_text()] == ["1: a", "2: b"]
        ws.close(1001)
    assert "client left with code 1001 after 2 messages" in caplog.messages
    with pytest.raises(RuntimeError, match="Expected text websocket messages, but got bytes"):
        with TestClient(encodings_app).websocket_connect("/text") as ws:
            ws.send_bytes(b"a")
            assert ws.receive()["code"] == 1003
    assert "client left with code 1011 after 0 messages" in caplog.messages


def test_default_encoding_passes_str_or_bytes() -> None:
    with TestClient(encodings_app).websocket_connect("/any") as ws:
        ws.send_text("a")
        ws.send_bytes(b"a")
        assert [ws.receive_text(), ws.receive_text()] == ["str", "bytes"]


@pytest.mark.starlette("1.7")
def test_decode_fix_text_none_is_rejected_and_empty_text_is_kept() -> None:
    # Servers may send both keys with one of them None (the ASGI spec allows it).
    with pytest.raises(RuntimeError, match="Expected text websocket messages"):
        with TestClient(encodings_app).websocket_connect("/text") as ws:
            ws.send({"type": "websocket.receive", "bytes": b"a", "text": None})
            assert ws.receive()["code"] == 1003
    with TestClient(encodings_app).websocket_connect("/any") as ws:
        ws.send_text("")
        assert ws.receive_text() == "str"


# --- Older releases ---------------------------------------------------------------------------


@pytest.mark.starlette("1.0", before="1.7")
@pytest.mark.parametrize("action", ["receive-before-accept", "send-after-close"])
def test_before_1_7_misuse_raises_plain_runtimeerror(action: str) -> None:
    import starlette.websockets

    assert not hasattr(starlette.websockets, "WebSocketDisconnected")
    client = TestClient(Starlette(routes=[WebSocketRoute("/", misuse)]))
    with pytest.raises(RuntimeError) as info:
        with client.websocket_connect(f"/?do={action}") as ws:
            ws.receive()
    assert type(info.value) is RuntimeError


@pytest.mark.starlette("1.0", before="1.7")
def test_before_1_7_decode_passes_text_none_and_keyerrors_on_empty_text() -> None:
    with TestClient(encodings_app).websocket_connect("/text") as ws:
        ws.send({"type": "websocket.receive", "bytes": b"a", "text": None})
        assert ws.receive_text() == "1: None"
    with pytest.raises(KeyError, match="'bytes'"):
        with TestClient(encodings_app).websocket_connect("/any") as ws:
            ws.send_text("")
            ws.receive()


# --- API at a glance ---------------------------------------------------------------------------


async def connection_details(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.send_json(
        {
            "url": str(websocket.url),
            "header": websocket.headers["x-tenant"],
            "query": websocket.query_params["q"],
            "path": websocket.path_params["room"],
            "cookie": websocket.cookies["theme"],
        }
    )
    await websocket.close()


def test_websocket_reads_url_headers_params_and_cookies_as_a_request_does() -> None:
    client = TestClient(Starlette(routes=[WebSocketRoute("/rooms/{room}", connection_details)]))
    headers = {"x-tenant": "acme", "cookie": "theme=dark"}
    with client.websocket_connect("/rooms/lobby?q=1", headers=headers) as ws:
        assert ws.receive_json() == {
            "url": "ws://testserver/rooms/lobby?q=1",
            "header": "acme",
            "query": "1",
            "path": "lobby",
            "cookie": "dark",
        }


def test_states_and_close_code_constants_exist() -> None:
    from starlette import status

    assert [state.name for state in WebSocketState] == [
        "CONNECTING",
        "CONNECTED",
        "DISCONNECTED",
        "RESPONSE",
    ]
    assert (status.WS_1000_NORMAL_CLOSURE, status.WS_1015_TLS_HANDSHAKE) == (1000, 1015)
