from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


class OutOfStock(Exception):
    pass


async def not_found(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"error": "not found", "path": request.url.path}, status_code=404)


async def out_of_stock(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"error": "out of stock"}, status_code=409)


async def buy(request: Request) -> JSONResponse:
    if request.path_params["sku"] == "gone":
        raise OutOfStock()
    if request.path_params["sku"] == "missing":
        raise HTTPException(status_code=404)
    return JSONResponse({"bought": request.path_params["sku"]})


# Was @app.exception_handler(404) and @app.exception_handler(OutOfStock).
app = Starlette(
    routes=[Route("/buy/{sku}", buy, methods=["POST"])],
    exception_handlers={404: not_found, OutOfStock: out_of_stock},
)
