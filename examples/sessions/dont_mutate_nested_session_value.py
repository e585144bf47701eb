from starlette.applications import Starlette
from starlette.config import Config
from starlette.datastructures import Secret
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

config = Config()
SECRET_KEY = config("SESSION_SECRET_KEY", cast=Secret)


async def show_cart(request: Request) -> JSONResponse:
    return JSONResponse({"items": request.session.get("cart", [])})


async def add_item(request: Request) -> JSONResponse:
    request.session.setdefault("cart", [])
    # Not this: the append changes the list, not the session, so it is never saved
    # after the first request created the key.
    request.session["cart"].append((await request.json())["item"])
    return JSONResponse({"items": request.session["cart"]}, status_code=201)


app = Starlette(
    routes=[Route("/cart", show_cart), Route("/cart", add_item, methods=["POST"])],
    middleware=[Middleware(SessionMiddleware, secret_key=SECRET_KEY, https_only=True)],
)
