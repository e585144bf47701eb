from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route


@asynccontextmanager
async def admin_lifespan(app: Starlette) -> AsyncIterator[dict[str, Any]]:
    yield {"audit_log": []}  # never runs: the outer app does not forward lifespan events


async def audit(request: Request) -> JSONResponse:
    return JSONResponse({"entries": len(request.state["audit_log"])})


admin = Starlette(routes=[Route("/audit", audit)], lifespan=admin_lifespan)
app = Starlette(routes=[Mount("/admin", app=admin)])
