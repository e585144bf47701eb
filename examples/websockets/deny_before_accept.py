import hmac

from starlette.applications import Starlette
from starlette.config import Config
from starlette.datastructures import Secret
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket

config = Config()


async def feed(websocket: WebSocket) -> None:
    scheme, _, token = websocket.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        # Before accept(), HTTPException becomes a real HTTP response (denial response).
        raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    expected = str(config("FEED_API_TOKEN", cast=Secret))
    if not hmac.compare_digest(token.encode(), expected.encode()):
        await websocket.send_denial_response(JSONResponse({"error": "invalid token"}, 403))
        return
    await websocket.accept()
    await websocket.send_json({"feed": "welcome"})
    await websocket.close()


app = Starlette(routes=[WebSocketRoute("/feed", feed)])
