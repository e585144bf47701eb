# Requires Starlette >= 1.7.
from collections import Counter

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.types import ASGIApp, Receive, Scope, Send

HITS: Counter[str] = Counter()


class CountByRoute:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)
        if scope["type"] == "http":
            # The route template keeps metric labels few: "/orders/{order_id:int}", not "/orders/7".
            route = scope.get("route")
            HITS[getattr(route, "path", "unmatched")] += 1


async def order(request: Request) -> JSONResponse:
    return JSONResponse({"order_id": request.path_params["order_id"]})


async def metrics(request: Request) -> JSONResponse:
    return JSONResponse(dict(HITS))


app = Starlette(
    routes=[
        Route("/orders/{order_id:int}", order),
        Mount("/v2", routes=[Route("/orders/{order_id:int}", order)]),
        Route("/metrics", metrics),
    ],
    middleware=[Middleware(CountByRoute)],
)
