import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

HERE = Path(__file__).parent


class CachedStaticFiles(StaticFiles):
    """StaticFiles sends ETag and Last-Modified but no Cache-Control; add one."""

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = "public, max-age=3600"
        return response


app = Starlette(
    routes=[Mount("/static", app=CachedStaticFiles(directory=HERE / "static"), name="static")]
)
