from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypedDict

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket


class Pool:
    """Stand-in for a real client or pool: httpx.AsyncClient, asyncpg.Pool, redis, ..."""

    def __init__(self) -> None:
        self.closed = False

    async def fetch(self, key: str) -> dict[str, str]:
        return {"key": key}

    async def close(self) -> None:
        self.closed = True


class State(TypedDict):
    pool: Pool


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[State]:
    pool = Pool()
    try:
        # Each request gets a shallow copy of this dict as request.state.
        yield {"pool": pool}
    finally:
        await pool.close()


async def item(request: Request[State]) -> JSONResponse:
    pool = request.state["pool"]  # typed as Pool by mypy/pyright
    return JSONResponse(await pool.fetch(request.path_params["key"]))


async def item_feed(websocket: WebSocket[State]) -> None:
    await websocket.accept()
    pool = websocket.state["pool"]
    key = await websocket.receive_text()
    await websocket.send_json(await pool.fetch(key))
    await websocket.close()


app = Starlette(
    routes=[Route("/items/{key}", item), WebSocketRoute("/ws/items", item_feed)],
    lifespan=lifespan,
)
