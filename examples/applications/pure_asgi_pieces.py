from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Mount, Route, Router
from starlette.types import Receive, Scope, Send


async def homepage(request: Request) -> PlainTextResponse:
    return PlainTextResponse("Hello from a bare Router")


async def legacy(scope: Scope, receive: Receive, send: Send) -> None:
    response = PlainTextResponse(f"legacy app mounted at {scope['root_path']}")
    await response(scope, receive, send)


# A Router is a complete ASGI app: no error middleware, no exception handlers.
app = Router(
    routes=[
        Route("/", homepage),
        # A Response instance is an ASGI app; a non-function endpoint allows every method.
        Route("/version", JSONResponse({"version": "2.3.1"}), methods=["GET"]),
        Mount("/legacy", app=legacy),
    ]
)
