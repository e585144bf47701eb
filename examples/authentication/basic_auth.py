import base64
import secrets

from starlette.applications import Starlette
from starlette.authentication import (
    AuthCredentials,
    AuthenticationBackend,
    AuthenticationError,
    SimpleUser,
    requires,
)
from starlette.config import Config
from starlette.datastructures import Secret
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.requests import HTTPConnection, Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

config = Config()
USERNAME = config("BASIC_AUTH_USERNAME")
PASSWORD = config("BASIC_AUTH_PASSWORD", cast=Secret)
CHALLENGE = {"WWW-Authenticate": 'Basic realm="admin", charset="UTF-8"'}


class BasicAuthBackend(AuthenticationBackend):
    async def authenticate(self, conn: HTTPConnection) -> tuple[AuthCredentials, SimpleUser] | None:
        header = conn.headers.get("Authorization")
        if header is None:
            return None
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic":
            raise AuthenticationError("Use Basic authentication")
        try:
            decoded = base64.b64decode(encoded, validate=True).decode("utf-8")
        except ValueError:  # binascii.Error, UnicodeDecodeError, non-ASCII input
            raise AuthenticationError("Malformed Basic credentials") from None
        username, colon, password = decoded.partition(":")
        if not colon:
            raise AuthenticationError("Malformed Basic credentials")
        # Check both fields every time, in constant time, so timing reveals neither.
        user_ok = secrets.compare_digest(username.encode(), USERNAME.encode())
        password_ok = secrets.compare_digest(password.encode(), str(PASSWORD).encode())
        if not (user_ok and password_ok):
            raise AuthenticationError("Invalid username or password")
        return AuthCredentials(["authenticated"]), SimpleUser(username)


def on_auth_error(conn: HTTPConnection, exc: AuthenticationError) -> Response:
    return PlainTextResponse(str(exc), status_code=401, headers=CHALLENGE)


async def unauthorized(request: Request, exc: Exception) -> Response:
    return PlainTextResponse("Not authenticated", status_code=401, headers=CHALLENGE)


@requires("authenticated", status_code=401)
async def admin(request: Request) -> PlainTextResponse:
    return PlainTextResponse(f"Hello, {request.user.display_name}")


app = Starlette(
    routes=[Route("/admin", admin)],
    middleware=[
        Middleware(AuthenticationMiddleware, backend=BasicAuthBackend(), on_error=on_auth_error)
    ],
    exception_handlers={401: unauthorized},
)
