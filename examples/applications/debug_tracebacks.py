from starlette.applications import Starlette
from starlette.config import Config
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route


async def checkout(request: Request) -> PlainTextResponse:
    raise RuntimeError("payment backend unreachable")


async def server_error(request: Request, exc: Exception) -> PlainTextResponse:
    return PlainTextResponse("Internal error. It has been logged.", status_code=500)


def create_app(debug: bool) -> Starlette:
    # debug=True shows tracebacks (and skips the 500 handler): never in production.
    return Starlette(
        debug=debug,
        routes=[Route("/checkout", checkout)],
        exception_handlers={500: server_error},
    )


config = Config()
app = create_app(debug=config("DEBUG", cast=bool, default=False))
