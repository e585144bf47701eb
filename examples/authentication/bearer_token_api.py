import secrets

from starlette.applications import Starlette
from starlette.authentication import (
    AuthCredentials,
    AuthenticationBackend,
    AuthenticationError,
    BaseUser,
    requires,
)
from starlette.config import Config
from starlette.datastructures import Secret
from starlette.endpoints import HTTPEndpoint
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket

config = Config()
# (token, user name, scopes); a missing variable fails at import, not on a request.
API_TOKENS = [
    (config("READ_TOKEN", cast=Secret), "reader", ["authenticated"]),
    (config("ADMIN_TOKEN", cast=Secret), "admin", ["authenticated", "admin"]),
]
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="api"'}


class TokenUser(BaseUser):
    def __init__(self, name: str) -> None:
        self.name = name

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def display_name(self) -> str:
        return self.name

    @property
    def identity(self) -> str:
        return self.name


class BearerTokenBackend(AuthenticationBackend):
    async def authenticate(self, conn: HTTPConnection) -> tuple[AuthCredentials, BaseUser] | None:
        header = conn.headers.get("Authorization")
        if header is None:
            return None  # anonymous: @requires decides
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthenticationError("Expected 'Authorization: Bearer <token>'")
        # Bytes: compare_digest raises TypeError on non-ASCII str.
        presented = token.strip().encode()
        for secret, name, scopes in API_TOKENS:
            if secrets.compare_digest(presented, str(secret).encode()):
                return AuthCredentials(scopes), TokenUser(name)
        raise AuthenticationError("Invalid token")


def on_auth_error(conn: HTTPConnection, exc: AuthenticationError) -> Response:
    headers = {"WWW-Authenticate": 'Bearer realm="api", error="invalid_token"'}
    return JSONResponse({"detail": str(exc)}, status_code=401, headers=headers)


async def unauthorized(request: Request, exc: Exception) -> Response:
    return JSONResponse({"detail": "Not authenticated"}, status_code=401, headers=CHALLENGE)


@requires("authenticated", status_code=401)
async def me(request: Request) -> JSONResponse:
    return JSONResponse({"user": request.user.display_name, "scopes": request.auth.scopes})


class AdminReport(HTTPEndpoint):
    @requires("authenticated", status_code=401)  # anonymous -> 401
    @requires("admin")  # signed in without the scope -> 403
    async def get(self, request: Request) -> JSONResponse:
        return JSONResponse({"report": "ok", "by": request.user.identity})


@requires("authenticated")  # on websockets: closed before accept, status_code is ignored
async def events(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.send_json({"user": websocket.user.display_name})
    await websocket.close()


app = Starlette(
    routes=[
        Route("/me", me),
        Route("/admin/report", AdminReport),
        WebSocketRoute("/events", events),
    ],
    middleware=[
        Middleware(AuthenticationMiddleware, backend=BearerTokenBackend(), on_error=on_auth_error)
    ],
    exception_handlers={401: unauthorized},
)
