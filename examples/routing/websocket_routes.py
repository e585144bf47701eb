from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket


async def room(websocket: WebSocket) -> None:
    await websocket.accept()
    name = websocket.path_params["name"]
    await websocket.send_json({"room": name, "url": str(websocket.url_for("room", name=name))})
    await websocket.close()


app = Starlette(routes=[WebSocketRoute("/rooms/{name}", room, name="room")])
