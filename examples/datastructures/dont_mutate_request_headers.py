from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def proxy(request: Request) -> JSONResponse:
    # Not this: request.headers is immutable. Use request.headers.mutablecopy().
    request.headers["x-forwarded-by"] = "proxy"
    return JSONResponse(dict(request.headers))


app = Starlette(routes=[Route("/proxy", proxy)])
