from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.httpsredirect import HTTPSRedirectMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route


async def homepage(request: Request) -> PlainTextResponse:
    return PlainTextResponse("hello")


# Not this: the proxy ends TLS and forwards plain HTTP. Without trusted proxy headers
# every request looks like http, so every request is redirected: an endless loop.
app = Starlette(routes=[Route("/", homepage)], middleware=[Middleware(HTTPSRedirectMiddleware)])
