from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse
from starlette.routing import Route

FILES_DIR = (Path(__file__).parent / "files").resolve()


def safe_path(base: Path, user_path: str) -> Path:
    """Resolve a user-supplied relative path inside base, or raise 404."""
    if "\x00" in user_path:  # Path.resolve() raises ValueError on NUL: a 500
        raise HTTPException(404)
    path = (base / user_path).resolve()  # collapses "..", follows symlinks
    if not path.is_relative_to(base) or not path.is_file():
        raise HTTPException(404)  # same answer for "outside" and "missing": no probing
    return path


async def download(request: Request) -> FileResponse:
    path = safe_path(FILES_DIR, request.path_params["path"])
    return FileResponse(path, filename=path.name)


app = Starlette(routes=[Route("/files/{path:path}", download)])
