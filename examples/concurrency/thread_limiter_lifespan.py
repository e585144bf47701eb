from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

THREAD_TOKENS = 100  # AnyIO's default is 40 concurrent worker threads


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    # The limiter belongs to the running event loop, so set it once it is running.
    anyio.to_thread.current_default_thread_limiter().total_tokens = THREAD_TOKENS
    yield


async def limits(request: Request) -> JSONResponse:
    limiter = anyio.to_thread.current_default_thread_limiter()
    return JSONResponse({"total": limiter.total_tokens, "in_use": limiter.borrowed_tokens})


app = Starlette(routes=[Route("/limits", limits)], lifespan=lifespan)
