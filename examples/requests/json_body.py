from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def read_json_object(request: Request) -> dict[str, Any]:
    try:
        data = await request.json()
    except ValueError as exc:  # json.JSONDecodeError, or UnicodeDecodeError for non-UTF-8 bytes
        raise HTTPException(400, detail=f"Request body is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise HTTPException(422, detail="Expected a JSON object.")
    return data


async def create_item(request: Request) -> JSONResponse:
    data = await read_json_object(request)
    name, quantity = data.get("name"), data.get("quantity", 1)
    if not isinstance(name, str) or not name.strip():
        raise HTTPException(422, detail="'name' must be a non-empty string.")
    # bool is a subclass of int: reject true/false explicitly.
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        raise HTTPException(422, detail="'quantity' must be a positive integer.")
    return JSONResponse({"name": name, "quantity": quantity}, status_code=201)


app = Starlette(routes=[Route("/items", create_item, methods=["POST"])])
