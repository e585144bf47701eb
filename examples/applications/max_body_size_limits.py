# Requires Starlette >= 1.6.
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route


async def create_note(request: Request) -> JSONResponse:
    body = await request.body()
    return JSONResponse({"received": len(body)}, status_code=201)


async def upload(request: Request) -> JSONResponse:
    size = 0
    async for chunk in request.stream():
        size += len(chunk)  # write the chunk to storage here
    return JSONResponse({"received": size}, status_code=201)


app = Starlette(
    routes=[
        Route("/notes", create_note, methods=["POST"]),
        # An inner limit replaces the app-wide one for this route, up or down.
        Route("/upload", upload, methods=["POST"], max_body_size=10 * 1024 * 1024),
        Mount(
            "/batch",
            routes=[Route("/import", upload, methods=["POST"])],
            max_body_size=1024 * 1024,
        ),
    ],
    max_body_size=64 * 1024,
)
