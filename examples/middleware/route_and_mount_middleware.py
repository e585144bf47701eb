from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class NoStore:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_no_store(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_no_store)


async def account(request: Request) -> PlainTextResponse:
    if request.path_params.get("name", "me") not in ("me", "ada"):
        raise HTTPException(status_code=404)
    return PlainTextResponse("account")


app = Starlette(
    routes=[
        Route("/", lambda request: PlainTextResponse("public")),
        Route("/me", account, middleware=[Middleware(NoStore)]),
        Mount("/account", routes=[Route("/{name}", account)], middleware=[Middleware(NoStore)]),
    ]
)
