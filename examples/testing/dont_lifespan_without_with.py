from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[dict[str, list[str]]]:
    yield {"items": ["a", "b"]}


async def items(request: Request) -> JSONResponse:
    return JSONResponse(request.state.items)


app = Starlette(routes=[Route("/items", items)], lifespan=lifespan)


def check_items() -> None:
    client = TestClient(app)  # no `with`: the lifespan never runs
    assert client.get("/items").json() == ["a", "b"]
