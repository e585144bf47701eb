import base64

from starlette.applications import Starlette
from starlette.authentication import AuthCredentials, AuthenticationBackend, SimpleUser
from starlette.config import Config
from starlette.datastructures import Secret
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.requests import HTTPConnection, Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

config = Config()
PASSWORD = config("BASIC_AUTH_PASSWORD", cast=Secret)


class NaiveBasicAuthBackend(AuthenticationBackend):
    async def authenticate(self, conn: HTTPConnection):
        if "Authorization" not in conn.headers:
            return None
        _, credentials = conn.headers["Authorization"].split(" ")
        # Not this: no colon, bad base64 or a second space all raise here -> 500.
        username, password = base64.b64decode(credentials).decode().split(":")
        if password != str(PASSWORD):  # and not this: == leaks timing
            return None
        return AuthCredentials(["authenticated"]), SimpleUser(username)


async def admin(request: Request) -> PlainTextResponse:
    return PlainTextResponse(f"Hello, {request.user.display_name}")


app = Starlette(
    routes=[Route("/admin", admin)],
    middleware=[Middleware(AuthenticationMiddleware, backend=NaiveBasicAuthBackend())],
)
