from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.types import Receive, Scope, Send


async def health(scope: Scope, receive: Receive, send: Send) -> None:
    await PlainTextResponse("ok")(scope, receive, send)


# A plain function endpoint is called as endpoint(request): this fails on every request.
app = Starlette(routes=[Route("/health", health)])
