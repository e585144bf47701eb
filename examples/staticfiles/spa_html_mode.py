from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

HERE = Path(__file__).parent


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


app = Starlette(
    routes=[
        Mount("/api", routes=[Route("/health", health)]),
        # Last: a Mount at "/" matches every path, so routes after it never run.
        Mount("/", app=StaticFiles(directory=HERE / "site", html=True), name="site"),
    ]
)
