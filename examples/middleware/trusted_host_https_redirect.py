from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.httpsredirect import HTTPSRedirectMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route


async def homepage(request: Request) -> PlainTextResponse:
    return PlainTextResponse(f"hello from {request.url.hostname}")


app = Starlette(
    routes=[Route("/", homepage)],
    middleware=[
        # Reject unknown Host headers first (400), then send plain HTTP to HTTPS (307).
        Middleware(
            TrustedHostMiddleware,
            allowed_hosts=["www.example.com", "*.api.example.com"],
            www_redirect=True,
        ),
        Middleware(HTTPSRedirectMiddleware),
    ],
)
