from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route


async def add_version_header(request: Request, call_next: RequestResponseEndpoint) -> Response:
    response = await call_next(request)
    response.headers["X-App-Version"] = "2"
    return response


async def homepage(request: Request) -> PlainTextResponse:
    return PlainTextResponse("Hello")


# Was @app.middleware("http") on add_version_header.
app = Starlette(
    routes=[Route("/", homepage)],
    middleware=[Middleware(BaseHTTPMiddleware, dispatch=add_version_header)],
)
