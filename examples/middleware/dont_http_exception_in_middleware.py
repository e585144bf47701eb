from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send


# --8<-- [start:wrong]
class RequireApiKey:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", []))
        if scope["type"] == "http" and b"x-api-key" not in headers:
            # Not this: user middleware runs OUTSIDE ExceptionMiddleware, so this is a 500.
            raise HTTPException(status_code=401)
        await self.app(scope, receive, send)
        # --8<-- [end:wrong]


async def homepage(request: Request) -> PlainTextResponse:
    return PlainTextResponse("ok")


app = Starlette(routes=[Route("/", homepage)], middleware=[Middleware(RequireApiKey)])
