from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def profile(request: Request) -> JSONResponse:
    return JSONResponse({"email": "ada@example.com"})


# --8<-- [start:wrong]
app = Starlette(
    routes=[Route("/profile", profile)],
    # Not this: with credentials, "*" echoes any Origin: every site reads user data.
    middleware=[Middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)],
)
# --8<-- [end:wrong]
