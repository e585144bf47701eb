import html
import secrets
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.authentication import (
    AuthCredentials,
    AuthenticationBackend,
    SimpleUser,
    requires,
)
from starlette.config import Config
from starlette.datastructures import Secret
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import HTTPConnection, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

config = Config()
SECRET_KEY = config("SESSION_SECRET_KEY", cast=Secret)
ADMIN_USERNAME = config("ADMIN_USERNAME")
ADMIN_PASSWORD = config("ADMIN_PASSWORD", cast=Secret)

FORM = """<form method="post">
<input type="hidden" name="next" value="{next}">
<input name="username"> <input name="password" type="password">
<button>Sign in</button></form>{error}"""


class SessionBackend(AuthenticationBackend):
    async def authenticate(self, conn: HTTPConnection) -> tuple[AuthCredentials, SimpleUser] | None:
        username = conn.session.get("username")
        if not isinstance(username, str):
            return None
        return AuthCredentials(["authenticated"]), SimpleUser(username)


def same_site_path(request: Request, target: str) -> str:
    # requires() passes the absolute URL in ?next=; follow it only back to this site.
    url = urlsplit(target)
    if url.netloc not in ("", request.url.netloc) or not url.path.startswith("/"):
        return "/"
    if url.path.startswith(("//", "/\\")):
        return "/"
    return url.path + (f"?{url.query}" if url.query else "")


@requires("authenticated", redirect="login")
async def dashboard(request: Request) -> HTMLResponse:
    return HTMLResponse(f"<p>Hello, {html.escape(request.user.display_name)}</p>")


async def login(request: Request) -> Response:
    if request.method == "GET":
        next_url = html.escape(request.query_params.get("next", "/"))
        return HTMLResponse(FORM.format(next=next_url, error=""))
    async with request.form(max_files=0, max_fields=3) as form:
        username, password = form.get("username"), form.get("password")
        next_url = form.get("next")
    if not (isinstance(username, str) and isinstance(password, str)):
        return HTMLResponse(FORM.format(next="/", error="<p>Missing fields</p>"), status_code=400)
    user_ok = secrets.compare_digest(username.encode(), ADMIN_USERNAME.encode())
    password_ok = secrets.compare_digest(password.encode(), str(ADMIN_PASSWORD).encode())
    if not (user_ok and password_ok):
        error = "<p>Invalid username or password</p>"
        return HTMLResponse(FORM.format(next="/", error=error), status_code=400)
    request.session.clear()  # drop anything set before login (session fixation)
    request.session["username"] = username
    target = same_site_path(request, next_url) if isinstance(next_url, str) else "/"
    return RedirectResponse(target, status_code=303)


async def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse(request.url_for("login"), status_code=303)


app = Starlette(
    routes=[
        Route("/", dashboard, name="dashboard"),
        Route("/login", login, methods=["GET", "POST"], name="login"),
        Route("/logout", logout, methods=["POST"]),
    ],
    middleware=[
        # Order matters: the session must exist before the backend reads it.
        Middleware(SessionMiddleware, secret_key=SECRET_KEY, https_only=True, same_site="lax"),
        Middleware(AuthenticationMiddleware, backend=SessionBackend()),
    ],
)
