from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def show_params(request: Request) -> JSONResponse:
    return JSONResponse(
        {name: [type(value).__name__, str(value)] for name, value in request.path_params.items()}
    )


app = Starlette(
    routes=[
        Route("/tags/{tag}", show_params),  # str is the default: one segment, no "/"
        Route("/files/{file_path:path}", show_params),
        Route("/orders/{order_id:int}", show_params),
        Route("/prices/{amount:float}", show_params),
        Route("/tokens/{token:uuid}", show_params),
    ]
)
