from contextvars import ContextVar

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

user_var: ContextVar[str] = ContextVar("user", default="anonymous")


# --8<-- [start:wrong]
class AuditMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        # Not this: the endpoint ran in another task; its ContextVar.set() is not seen here.
        response.headers["X-Audit-User"] = user_var.get()
        return response


async def homepage(request: Request) -> PlainTextResponse:
    user_var.set("ada")
    return PlainTextResponse("hello")
    # --8<-- [end:wrong]


app = Starlette(routes=[Route("/", homepage)], middleware=[Middleware(AuditMiddleware)])
