from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def server_error(request: Request, exc: HTTPException) -> JSONResponse:
    # Not this: the 500/Exception handler gets the original exception (KeyError here),
    # which has no .detail or .status_code; the handler itself crashes.
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)


async def broken(request: Request) -> JSONResponse:
    return JSONResponse({"value": {}["missing"]})


app = Starlette(routes=[Route("/", broken)], exception_handlers={500: server_error})
