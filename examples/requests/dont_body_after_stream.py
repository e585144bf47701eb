from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def put_blob(request: Request) -> JSONResponse:
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
    body = await request.body()  # RuntimeError: Stream consumed
    return JSONResponse({"size": size, "body_size": len(body)})


app = Starlette(routes=[Route("/blobs/{name}", put_blob, methods=["PUT"])])
