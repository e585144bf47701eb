# Requires Starlette >= 1.6.
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.body_limit import RequestBodyLimitMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route

KIB = 1024
MIB = 1024 * KIB


async def echo_size(request: Request) -> JSONResponse:
    body = await request.body()
    return JSONResponse({"received": len(body)})


app = Starlette(
    routes=[
        Route("/comments", echo_size, methods=["POST"]),
        # The innermost limit wins: this route accepts more than the app default.
        Route("/uploads", echo_size, methods=["POST"], max_body_size=10 * MIB),
        Mount(
            "/webhooks",
            routes=[Route("/github", echo_size, methods=["POST"])],
            middleware=[Middleware(RequestBodyLimitMiddleware, max_body_size=64 * KIB)],
        ),
    ],
    max_body_size=1 * MIB,
)
