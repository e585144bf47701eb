from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def whoami(request: Request) -> JSONResponse:
    # Scheme and client come from the server's proxy-header handling; Host from the proxy.
    return JSONResponse(
        {
            "url": str(request.url),
            "client": request.client.host if request.client else None,
            "root_path": request.scope.get("root_path", ""),
            "url_for": str(request.url_for("whoami")),
        }
    )


app = Starlette(routes=[Route("/whoami", whoami, name="whoami")])
