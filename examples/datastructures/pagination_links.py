from starlette import status
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

ITEMS = [{"id": i, "tag": "even" if i % 2 == 0 else "odd"} for i in range(1, 51)]
PAGE_SIZE = 10


async def list_items(request: Request) -> JSONResponse:
    params = request.query_params
    page = params.get("page", "1")
    if not page.isdigit() or not 1 <= int(page) <= 1000:
        error = {"error": "page must be an integer from 1 to 1000"}
        return JSONResponse(error, status_code=status.HTTP_400_BAD_REQUEST)
    page_number = int(page)
    # ?tag=odd&tag=even: getlist() returns every value; params["tag"] only the last.
    tags = params.getlist("tag")
    items = [item for item in ITEMS if not tags or item["tag"] in tags]
    start = (page_number - 1) * PAGE_SIZE
    body = {"items": items[start : start + PAGE_SIZE], "next": None, "first": None}
    if start + PAGE_SIZE < len(items):
        # Keeps every other parameter (tag=...) and replaces page.
        body["next"] = str(request.url.include_query_params(page=page_number + 1))
    body["first"] = str(request.url.remove_query_params("page"))
    return JSONResponse(body)


app = Starlette(routes=[Route("/items", list_items)])
