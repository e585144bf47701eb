from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send


async def inspect_headers(request: Request) -> JSONResponse:
    return JSONResponse(
        {
            # Keys are case-insensitive; [] and get() return the FIRST value.
            "first_tag": request.headers.get("X-Tag"),
            "all_tags": request.headers.getlist("x-tag"),
            # request.client is None when the server gives no peer address.
            "client": request.client.host if request.client else None,
        }
    )


async def preload_links(request: Request) -> Response:
    response = Response(status_code=204)
    # headers["link"] = ... would replace; append() keeps both.
    response.headers.append("Link", "</app.css>; rel=preload; as=style")
    response.headers.append("Link", "</app.js>; rel=preload; as=script")
    return response


class NoSniffMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["X-Content-Type-Options"] = "nosniff"
            await send(message)

        await self.app(scope, receive, send_with_header)


app = Starlette(
    routes=[Route("/inspect", inspect_headers), Route("/links", preload_links)],
    middleware=[Middleware(NoSniffMiddleware)],
)
