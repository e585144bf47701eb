from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


async def items(request: Request) -> Response:
    if request.method == "POST":
        return JSONResponse({"created": True}, status_code=201)
    return JSONResponse({"items": ["lamp", "desk"]})


async def delete_item(request: Request) -> Response:
    return Response(status_code=204)


app = Starlette(
    routes=[
        # One route per path, listing every method it serves. GET adds HEAD.
        Route("/items", items, methods=["GET", "POST"]),
        Route("/items/{item_id:int}", delete_item, methods=["delete"]),
    ]
)
