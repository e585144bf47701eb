from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route


class RequireHeader(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if "x-api-key" not in request.headers:
            # Not this: middleware runs outside ExceptionMiddleware, so this is a 500.
            # Return PlainTextResponse("Unauthorized", status_code=401) instead.
            raise HTTPException(status_code=401)
        return await call_next(request)


async def homepage(request: Request) -> PlainTextResponse:
    return PlainTextResponse("ok")


app = Starlette(routes=[Route("/", homepage)], middleware=[Middleware(RequireHeader)])
