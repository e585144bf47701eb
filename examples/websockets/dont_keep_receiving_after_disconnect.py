from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect


async def log_messages(websocket: WebSocket) -> None:
    await websocket.accept()
    while True:
        try:
            print(await websocket.receive_text())
        except WebSocketDisconnect:
            print("client left")  # no break/return: the next receive raises RuntimeError


app = Starlette(routes=[WebSocketRoute("/log", log_messages)])
