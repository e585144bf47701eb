from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def homepage(request: Request) -> JSONResponse:
    return JSONResponse({"hello": "world"})


async def user(request: Request) -> JSONResponse:
    return JSONResponse({"user_id": request.path_params["user_id"]})


@asynccontextmanager
async def lifespan(app: Starlette):
    # Open shared clients/pools here; they are closed when the server stops.
    yield


app = Starlette(
    routes=[
        Route("/", homepage),
        Route("/users/{user_id:int}", user),
    ],
    lifespan=lifespan,
)
