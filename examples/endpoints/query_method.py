# Requires Starlette >= 1.7.
from starlette.applications import Starlette
from starlette.endpoints import HTTPEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

PRODUCTS = [
    {"name": "kettle", "price": 30},
    {"name": "teapot", "price": 45},
    {"name": "mug", "price": 8},
]


class Products(HTTPEndpoint):
    async def get(self, request: Request) -> JSONResponse:
        return JSONResponse(PRODUCTS)

    async def query(self, request: Request) -> JSONResponse:
        # QUERY: a safe, idempotent read whose filter travels in the body.
        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": "invalid JSON"}, status_code=400)
        max_price = body.get("max_price") if isinstance(body, dict) else None
        if not isinstance(max_price, int) or isinstance(max_price, bool):
            return JSONResponse({"error": "max_price: integer required"}, status_code=422)
        return JSONResponse([p for p in PRODUCTS if p["price"] <= max_price])


app = Starlette(routes=[Route("/products", Products)])
