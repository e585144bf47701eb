import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

SLOW_CALLBACK_SECONDS = 0.05  # asyncio's default is 0.1


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    loop = asyncio.get_running_loop()
    # Debug mode is on with PYTHONASYNCIODEBUG=1 or python -X dev. It then logs every
    # step that holds the loop longer than this, naming the task.
    if loop.get_debug():
        loop.slow_callback_duration = SLOW_CALLBACK_SECONDS
    yield


async def homepage(request: Request) -> JSONResponse:
    return JSONResponse({"debug": asyncio.get_running_loop().get_debug()})


app = Starlette(routes=[Route("/", homepage)], lifespan=lifespan)
