from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def create_item(request: Request) -> JSONResponse:
    data = await request.json()  # malformed JSON raises JSONDecodeError: a 500
    return JSONResponse({"name": data["name"]}, status_code=201)  # a list or no "name": a 500


app = Starlette(routes=[Route("/items", create_item, methods=["POST"])])
