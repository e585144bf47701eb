from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route


@asynccontextmanager
async def admin_lifespan(app: Starlette) -> AsyncIterator[dict[str, Any]]:
    yield {"audit_log": []}


async def audit(request: Request) -> JSONResponse:
    return JSONResponse({"entries": len(request.state["audit_log"])})


admin = Starlette(routes=[Route("/audit", audit)], lifespan=admin_lifespan)


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[dict[str, Any]]:
    # Only the outermost app receives lifespan events: run the mounted app's lifespan here.
    async with admin_lifespan(admin) as admin_state:
        yield {"greeting": "hello", **admin_state}


async def homepage(request: Request) -> JSONResponse:
    return JSONResponse({"greeting": request.state["greeting"]})


app = Starlette(
    routes=[Route("/", homepage), Mount("/admin", app=admin)],
    lifespan=lifespan,
)
