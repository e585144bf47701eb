import secrets

from starlette.applications import Starlette
from starlette.config import Config
from starlette.datastructures import FormData, Secret
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

config = Config()
SECRET_KEY = config("SECRET_KEY", cast=Secret)


def csrf_token(request: Request) -> str:
    if "csrf" not in request.session:
        request.session["csrf"] = secrets.token_urlsafe(32)
    return request.session["csrf"]


def require_csrf(request: Request, form: FormData) -> None:
    expected = request.session.get("csrf", "")
    sent = request.headers.get("x-csrf-token") or form.get("csrf_token")
    # isinstance: a multipart "csrf_token" part may be a file, not a string.
    if not (expected and isinstance(sent, str)):
        raise HTTPException(403, "CSRF token missing")
    if not secrets.compare_digest(sent.encode(), expected.encode()):
        raise HTTPException(403, "CSRF token invalid")


async def transfer_form(request: Request) -> HTMLResponse:
    return HTMLResponse(
        '<form method="post" action="/transfer">'
        f'<input type="hidden" name="csrf_token" value="{csrf_token(request)}">'
        '<input name="amount"><button>Send</button></form>'
    )


async def transfer(request: Request) -> JSONResponse:
    async with request.form() as form:  # closes uploaded temp files, even on a 403
        require_csrf(request, form)
        return JSONResponse({"sent": form.get("amount")})


app = Starlette(
    routes=[
        Route("/transfer", transfer_form, methods=["GET"]),
        Route("/transfer", transfer, methods=["POST"]),
    ],
    middleware=[
        Middleware(SessionMiddleware, secret_key=SECRET_KEY, https_only=True, same_site="lax")
    ],
)
