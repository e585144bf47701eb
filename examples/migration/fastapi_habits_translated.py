import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette import status
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route

audit_log: list[str] = []


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[dict[str, dict[int, str]]]:
    # Instead of Depends(get_db): create shared objects once, read them from request.state.
    yield {"items": {1: "apple"}}


async def read_item(request: Request) -> JSONResponse:
    item_id: int = request.path_params["item_id"]  # converted by {item_id:int}
    verbose = request.query_params.get("verbose") == "1"  # no query-parameter injection
    name = request.state.items.get(item_id)
    if name is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Item not found")
    return JSONResponse({"id": item_id, "name": name, "verbose": verbose})


async def create_item(request: Request) -> JSONResponse:
    # No request-body model: parse and validate yourself, answer bad input with a 4xx.
    try:
        data = await request.json()
    except json.JSONDecodeError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail="Malformed JSON") from exc
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise HTTPException(
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT, detail="name must be a string"
        )
    items = request.state.items
    item_id = max(items) + 1
    items[item_id] = data["name"]
    # Instead of a BackgroundTasks parameter: attach the task to the response.
    task = BackgroundTask(audit_log.append, f"created {item_id}")
    return JSONResponse({"id": item_id}, status_code=status.HTTP_201_CREATED, background=task)


# Instead of APIRouter + include_router(prefix="/items"): a Mount with its own routes.
items_routes = [
    Route("/", create_item, methods=["POST"]),
    Route("/{item_id:int}", read_item),
]

app = Starlette(routes=[Mount("/items", routes=items_routes)], lifespan=lifespan)
