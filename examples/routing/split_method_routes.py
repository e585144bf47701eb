from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def list_items(request: Request) -> JSONResponse:
    return JSONResponse({"items": []})


async def create_item(request: Request) -> JSONResponse:
    return JSONResponse({"created": True}, status_code=201)


# Works for GET and POST, but a 405 lists only the first route's methods.
app = Starlette(
    routes=[
        Route("/items", list_items, methods=["GET"]),
        Route("/items", create_item, methods=["POST"]),
    ]
)
