from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse
from starlette.routing import Route

FILES_DIR = (Path(__file__).parent / "files").resolve()


def resolve_download(name: str) -> Path:
    # Never pass a user-supplied path to FileResponse unchecked: resolve, then confine.
    path = (FILES_DIR / name).resolve()
    if not path.is_relative_to(FILES_DIR) or not path.is_file():
        raise HTTPException(404, detail="File not found.")
    return path


async def download(request: Request) -> FileResponse:
    path = resolve_download(request.path_params["name"])
    return FileResponse(path, filename=path.name)


async def view(request: Request) -> FileResponse:
    path = resolve_download(request.path_params["name"])
    return FileResponse(path, filename=path.name, content_disposition_type="inline")


async def export(request: Request) -> FileResponse:
    return FileResponse(FILES_DIR / "report.csv", filename="Überblick 2026.csv")


app = Starlette(
    routes=[
        Route("/downloads/{name}", download),
        Route("/view/{name}", view),
        Route("/export", export),
    ]
)
