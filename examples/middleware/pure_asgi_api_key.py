import secrets

from starlette.applications import Starlette
from starlette.config import Config
from starlette.datastructures import Headers, Secret
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

config = Config()
API_KEY = config("API_KEY", cast=Secret)


# --8<-- [start:middleware]
class RequireApiKey:
    def __init__(self, app: ASGIApp, api_key: Secret) -> None:
        self.app = app
        self.api_key = str(api_key).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get("x-api-key", "").encode()
        if not secrets.compare_digest(given, self.api_key):
            # Send the response yourself: exception handlers do not cover user middleware.
            response = PlainTextResponse("Unauthorized", status_code=401)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
        # --8<-- [end:middleware]


async def homepage(request: Request) -> PlainTextResponse:
    return PlainTextResponse("ok")


app = Starlette(
    routes=[Route("/", homepage)],
    middleware=[Middleware(RequireApiKey, api_key=API_KEY)],
)
