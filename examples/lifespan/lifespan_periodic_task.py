from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypedDict

import anyio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

REFRESH_SECONDS = 60.0


class Cache:
    def __init__(self) -> None:
        self.refreshes = 0
        self.stopped = False

    async def refresh(self) -> None:
        self.refreshes += 1


class State(TypedDict):
    cache: Cache


async def refresh_forever(cache: Cache) -> None:
    try:
        while True:
            await anyio.sleep(REFRESH_SECONDS)
            await cache.refresh()
    finally:
        cache.stopped = True


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[State]:
    cache = Cache()
    await cache.refresh()  # serve warm data from the first request on
    async with anyio.create_task_group() as tg:
        tg.start_soon(refresh_forever, cache)
        yield {"cache": cache}
        # Without this, the task group would wait forever for the loop at shutdown.
        tg.cancel_scope.cancel()


async def status(request: Request[State]) -> JSONResponse:
    return JSONResponse({"refreshes": request.state["cache"].refreshes})


app = Starlette(routes=[Route("/status", status)], lifespan=lifespan)
