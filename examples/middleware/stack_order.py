from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send


class Tag:
    """Pure ASGI middleware that records its name on the way in."""

    def __init__(self, app: ASGIApp, name: str) -> None:
        self.app = app
        self.name = name

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope.setdefault("trace", []).append(self.name)
        await self.app(scope, receive, send)


async def homepage(request: Request) -> JSONResponse:
    return JSONResponse({"trace": request.scope["trace"]})


app = Starlette(
    routes=[Route("/", homepage)],
    # The first entry is the outermost: it sees the request first and the response last.
    middleware=[Middleware(Tag, name="first"), Middleware(Tag, name="second")],
)
# add_middleware() inserts at the front: the outermost user middleware.
app.add_middleware(Tag, name="added")
