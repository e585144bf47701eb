from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket


async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    message = await websocket.receive_text()
    if not message:
        # Not this: after accept there is no HTTP response to send. Starlette still sends
        # an HTTP response message, which is invalid once the websocket is open.
        # Raise WebSocketException(code=1008) instead.
        raise HTTPException(status_code=400)
    await websocket.send_text(message)


app = Starlette(routes=[WebSocketRoute("/echo", echo)])
