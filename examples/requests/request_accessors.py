from uuid import uuid4

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send


class RequestIdMiddleware:
    """Puts a value on request.state for every endpoint behind it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope.setdefault("state", {})["request_id"] = uuid4().hex
        await self.app(scope, receive, send)


async def show_item(request: Request) -> JSONResponse:
    client = request.client  # None when the server does not report it
    return JSONResponse(
        {
            "method": request.method,
            "url": str(request.url),
            "scheme": request.url.scheme,
            "hostname": request.url.hostname,
            "port": request.url.port,
            "path": request.url.path,
            "query": request.url.query,
            "base_url": str(request.base_url),
            "item_id": request.path_params["item_id"],
            "tags": request.query_params.getlist("tag"),
            "last_tag": request.query_params.get("tag"),
            "page": request.query_params.get("page", "1"),
            "user_agent": request.headers.get("user-agent"),
            "accept": request.headers.getlist("accept"),
            "theme": request.cookies.get("theme", "light"),
            "client_host": client.host if client else None,
            "request_id": request.state.request_id,
            "service": request.app.state.service_name,
            "self_url": str(request.url_for("show_item", item_id=request.path_params["item_id"])),
        }
    )


app = Starlette(
    routes=[Route("/items/{item_id:int}", show_item, name="show_item")],
    middleware=[Middleware(RequestIdMiddleware)],
)
app.state.service_name = "catalog"
