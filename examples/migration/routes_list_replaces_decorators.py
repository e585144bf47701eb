from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket


async def homepage(request: Request) -> PlainTextResponse:
    return PlainTextResponse("Hello")


async def create_item(request: Request) -> PlainTextResponse:
    return PlainTextResponse("created", status_code=201)


async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.send_text(await websocket.receive_text())
    await websocket.close()


# Was @app.route("/"), @app.route("/items", methods=["POST"]), @app.websocket_route("/ws").
routes = [
    Route("/", homepage),
    Route("/items", create_item, methods=["POST"]),
    WebSocketRoute("/ws", echo),
]

app = Starlette(routes=routes)
