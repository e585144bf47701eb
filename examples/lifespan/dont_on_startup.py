from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

pool = None


async def connect() -> None:
    global pool
    pool = object()


async def homepage(request) -> PlainTextResponse:
    return PlainTextResponse("ok")


# Removed in 1.0: raises TypeError. Use lifespan=.
app = Starlette(routes=[Route("/", homepage)], on_startup=[connect])
