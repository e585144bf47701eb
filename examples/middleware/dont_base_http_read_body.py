from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route


# --8<-- [start:wrong]
class LogBodyMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        # Not this: call_next() returns a streaming response; it has no .body.
        print(len(response.body))
        return response
        # --8<-- [end:wrong]


async def homepage(request: Request) -> PlainTextResponse:
    return PlainTextResponse("hello")


app = Starlette(routes=[Route("/", homepage)], middleware=[Middleware(LogBodyMiddleware)])
