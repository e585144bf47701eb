from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class NoIndex:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["X-Robots-Tag"] = "noindex"
            await send(message)

        await self.app(scope, receive, send_with_header)


async def page(request: Request) -> PlainTextResponse:
    return PlainTextResponse(request.url.path)


app = Starlette(
    routes=[
        Route("/", page),
        Route("/drafts", page, middleware=[Middleware(NoIndex)]),
        Mount("/admin", routes=[Route("/users", page)], middleware=[Middleware(NoIndex)]),
    ]
)
