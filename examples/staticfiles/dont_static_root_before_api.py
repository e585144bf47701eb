from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

HERE = Path(__file__).parent


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


# Not this: the "/" mount is first, so it answers /api/health with 404.html.
app = Starlette(
    routes=[
        Mount("/", app=StaticFiles(directory=HERE / "site", html=True), name="site"),
        Mount("/api", routes=[Route("/health", health)]),
    ]
)
