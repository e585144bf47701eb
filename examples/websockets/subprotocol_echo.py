from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.status import WS_1002_PROTOCOL_ERROR, WS_1003_UNSUPPORTED_DATA
from starlette.websockets import WebSocket

SUPPORTED_SUBPROTOCOLS = ("echo.v2", "echo.v1")  # preferred first


async def echo(websocket: WebSocket) -> None:
    offered = websocket.scope["subprotocols"]
    chosen = next((name for name in SUPPORTED_SUBPROTOCOLS if name in offered), None)
    if chosen is None:
        # Closing before accept() refuses the handshake: real servers answer HTTP 403.
        await websocket.close(code=WS_1002_PROTOCOL_ERROR, reason="unsupported subprotocol")
        return
    await websocket.accept(subprotocol=chosen, headers=[(b"x-echo-version", b"2")])
    while True:
        # receive() instead of receive_text(): a binary frame has no "text" key.
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        text = message.get("text")
        if text is None:
            await websocket.close(code=WS_1003_UNSUPPORTED_DATA, reason="text frames only")
            return
        await websocket.send_text(text)


app = Starlette(routes=[WebSocketRoute("/echo", echo)])
