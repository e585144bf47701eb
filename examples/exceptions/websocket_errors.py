from starlette.applications import Starlette
from starlette.exceptions import HTTPException, WebSocketException
from starlette.routing import WebSocketRoute
from starlette.status import WS_1008_POLICY_VIOLATION, WS_1009_MESSAGE_TOO_BIG
from starlette.websockets import WebSocket

ROOMS = {"lobby", "support"}
MAX_MESSAGE = 256


async def room(websocket: WebSocket) -> None:
    name = websocket.path_params["name"]
    if name not in ROOMS:
        # Before accept: the client gets a plain HTTP 404 instead of a websocket.
        raise HTTPException(status_code=404, detail=f"No room {name!r}")
    await websocket.accept()
    async for message in websocket.iter_text():
        if len(message) > MAX_MESSAGE:
            # After accept: close with a websocket code; HTTP statuses are gone.
            raise WebSocketException(code=WS_1009_MESSAGE_TOO_BIG, reason="Message too big")
        if not message.strip():
            raise WebSocketException(code=WS_1008_POLICY_VIOLATION, reason="Empty message")
        await websocket.send_text(f"{name}: {message}")


app = Starlette(routes=[WebSocketRoute("/rooms/{name}", room)])
