from starlette.applications import Starlette
from starlette.config import Config
from starlette.datastructures import Secret
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

config = Config()
SECRET_KEY = config("SESSION_SECRET_KEY", cast=Secret)
# Browsers drop cookies over ~4 KB silently; cap what the session can hold.
MAX_ITEMS, MAX_ITEM_LENGTH = 20, 64


async def show_cart(request: Request) -> JSONResponse:
    return JSONResponse({"items": request.session.get("cart", [])})


async def add_item(request: Request) -> JSONResponse:
    try:
        payload = await request.json()
    except ValueError:
        return JSONResponse({"detail": "Malformed JSON"}, status_code=400)
    item = payload.get("item") if isinstance(payload, dict) else None
    if not isinstance(item, str) or not 0 < len(item) <= MAX_ITEM_LENGTH:
        return JSONResponse({"detail": "'item' must be a short string"}, status_code=422)
    cart = list(request.session.get("cart", []))
    if len(cart) >= MAX_ITEMS:
        return JSONResponse({"detail": "Cart is full"}, status_code=422)
    cart.append(item)
    request.session["cart"] = cart  # assign: in-place edits of nested values are not saved
    return JSONResponse({"items": cart}, status_code=201)


async def empty_cart(request: Request) -> Response:
    request.session.pop("cart", None)
    return Response(status_code=204)


async def health(request: Request) -> PlainTextResponse:
    return PlainTextResponse("ok")  # never touches request.session: no cookie, no Vary


app = Starlette(
    routes=[
        Route("/cart", show_cart, methods=["GET"]),
        Route("/cart", add_item, methods=["POST"]),
        Route("/cart", empty_cart, methods=["DELETE"]),
        Route("/health", health),
    ],
    middleware=[
        Middleware(
            SessionMiddleware,
            secret_key=SECRET_KEY,
            session_cookie="session",
            max_age=7 * 24 * 60 * 60,  # seconds; None = until the browser closes
            path="/",
            same_site="lax",  # not sent on cross-site POSTs: basic CSRF protection
            https_only=True,  # Secure flag; keep True outside local HTTP testing
        )
    ],
)
