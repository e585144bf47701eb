from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def current_account(request: Request) -> JSONResponse:
    return JSONResponse({"account": "the signed-in account"})


async def account(request: Request) -> JSONResponse:
    return JSONResponse({"account": request.path_params["name"]})


app = Starlette(
    routes=[
        # First match wins: the literal path must come before the parameter.
        Route("/accounts/me", current_account),
        Route("/accounts/{name}", account),
    ]
)
