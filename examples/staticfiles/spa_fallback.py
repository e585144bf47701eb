from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

HERE = Path(__file__).parent


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def spa_index(request: Request) -> FileResponse:
    # Client-side routes (/settings, /orders/7) all get the app shell.
    return FileResponse(HERE / "site" / "index.html")


app = Starlette(
    routes=[
        Mount("/api", routes=[Route("/health", health)]),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
        Route("/{path:path}", spa_index),
    ]
)
