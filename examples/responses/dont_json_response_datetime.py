from datetime import UTC, datetime

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def event(request: Request) -> JSONResponse:
    # The stdlib encoder raises TypeError for datetime: a 500, not JSON.
    return JSONResponse({"at": datetime(2026, 3, 22, tzinfo=UTC)})


async def ratio(request: Request) -> JSONResponse:
    # allow_nan=False: NaN and infinity raise ValueError.
    return JSONResponse({"ratio": float("nan")})


app = Starlette(routes=[Route("/event", event), Route("/ratio", ratio)])
