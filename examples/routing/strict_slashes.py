from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route


async def about(request: Request) -> PlainTextResponse:
    return PlainTextResponse("about")


app = Starlette(routes=[Route("/about", about)])
# Starlette() has no redirect_slashes argument: set it on the router.
app.router.redirect_slashes = False
