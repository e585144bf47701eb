from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

STOCK = {"apple": 3, "pear": 0}


class OutOfStock(Exception):
    def __init__(self, sku: str) -> None:
        self.sku = sku


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code in {204, 304}:  # these must not have a body
        return Response(status_code=exc.status_code, headers=exc.headers)
    # Pass exc.headers on: Starlette's 405 carries Allow, your 401s WWW-Authenticate.
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


async def not_found(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": f"Nothing at {request.url.path}"}, status_code=404)


async def out_of_stock(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, OutOfStock)
    return JSONResponse({"detail": f"{exc.sku} is out of stock"}, status_code=409)


async def server_error(request: Request, exc: Exception) -> JSONResponse:
    # Any unhandled exception lands here: not an HTTPException, so no .detail.
    return JSONResponse({"detail": "Internal Server Error"}, status_code=500)


async def item(request: Request) -> JSONResponse:
    sku = request.path_params["sku"]
    if sku not in STOCK:
        raise HTTPException(status_code=404, detail=f"No item {sku!r}")
    if STOCK[sku] == 0:
        raise OutOfStock(sku)
    return JSONResponse({"sku": sku, "stock": STOCK[sku]})


async def report(request: Request) -> JSONResponse:
    raise RuntimeError("report backend down")  # stands in for a bug


app = Starlette(
    routes=[Route("/items/{sku}", item), Route("/report", report)],
    exception_handlers={
        HTTPException: http_error,  # every HTTPException, Starlette's own 404/405 too...
        404: not_found,  # ...except where a status-code handler exists
        OutOfStock: out_of_stock,
        Exception: server_error,  # same as key 500: runs in ServerErrorMiddleware
    },
)
