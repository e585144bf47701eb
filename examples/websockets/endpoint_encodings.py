import logging
from typing import Any

from starlette.applications import Starlette
from starlette.endpoints import WebSocketEndpoint
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket

logger = logging.getLogger(__name__)


class JSONEcho(WebSocketEndpoint):
    encoding = "json"  # text or binary frames, parsed with json.loads

    async def on_receive(self, websocket: WebSocket, data: Any) -> None:
        await websocket.send_json({"echo": data})


class BytesEcho(WebSocketEndpoint):
    encoding = "bytes"

    async def on_receive(self, websocket: WebSocket, data: bytes) -> None:
        await websocket.send_bytes(data[::-1])


class TextEcho(WebSocketEndpoint):
    encoding = "text"

    async def on_connect(self, websocket: WebSocket) -> None:
        await websocket.accept(subprotocol=None)
        self.received = 0

    async def on_receive(self, websocket: WebSocket, data: str) -> None:
        self.received += 1
        await websocket.send_text(f"{self.received}: {data}")

    async def on_disconnect(self, websocket: WebSocket, close_code: int) -> None:
        logger.info("client left with code %d after %d messages", close_code, self.received)


class AnyEcho(WebSocketEndpoint):
    encoding = None  # the default: str for text frames, bytes for binary frames

    async def on_receive(self, websocket: WebSocket, data: str | bytes) -> None:
        await websocket.send_text(type(data).__name__)


app = Starlette(
    routes=[
        WebSocketRoute("/json", JSONEcho),
        WebSocketRoute("/bytes", BytesEcho),
        WebSocketRoute("/text", TextEcho),
        WebSocketRoute("/any", AnyEcho),
    ]
)
