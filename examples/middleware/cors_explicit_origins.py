from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def profile(request: Request) -> JSONResponse:
    return JSONResponse({"name": "ada"}, headers={"X-Request-ID": "abc123"})


app = Starlette(
    routes=[Route("/profile", profile, methods=["GET", "POST"])],
    middleware=[
        Middleware(
            CORSMiddleware,
            # Credentials (cookies, Authorization) need exact origins, never "*".
            allow_origins=["https://app.example.com"],
            # fullmatch() is used; keep "." escaped and avoid ".*" (it matches "/" and "@").
            allow_origin_regex=r"https://[a-z0-9-]+\.preview\.example\.com",
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "X-Request-ID"],
            allow_credentials=True,
            expose_headers=["X-Request-ID"],
            max_age=600,
        )
    ],
)
