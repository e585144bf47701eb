from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse
from starlette.routing import Route

FILES_DIR = Path(__file__).parent / "files"


async def download(request: Request) -> FileResponse:
    # A missing file is a RuntimeError (500), and "../" escapes FILES_DIR.
    return FileResponse(FILES_DIR / request.path_params["name"])


app = Starlette(routes=[Route("/downloads/{name:path}", download)])
