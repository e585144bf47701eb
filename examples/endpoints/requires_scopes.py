import hmac

from starlette.applications import Starlette
from starlette.authentication import (
    AuthCredentials,
    AuthenticationBackend,
    SimpleUser,
    requires,
)
from starlette.config import Config
from starlette.datastructures import Secret
from starlette.endpoints import HTTPEndpoint
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse
from starlette.routing import Route

config = Config()


class TokenBackend(AuthenticationBackend):
    async def authenticate(self, conn: HTTPConnection) -> tuple[AuthCredentials, SimpleUser] | None:
        scheme, _, token = conn.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        for env_name, scopes in (
            ("REPORTS_ADMIN_TOKEN", ["reports:read", "reports:write"]),
            ("REPORTS_READ_TOKEN", ["reports:read"]),
        ):
            expected = str(config(env_name, cast=Secret))
            if hmac.compare_digest(token.encode(), expected.encode()):
                return AuthCredentials(scopes), SimpleUser(env_name.split("_")[1].lower())
        return None


class Reports(HTTPEndpoint):
    @requires("reports:read")  # missing scope: 403
    async def get(self, request: Request) -> JSONResponse:
        return JSONResponse({"reports": [], "user": request.user.display_name})

    @requires("reports:write", status_code=404)  # hide the endpoint from readers
    async def post(self, request: Request) -> JSONResponse:
        return JSONResponse({"created": True}, status_code=201)


app = Starlette(
    routes=[Route("/reports", Reports)],
    middleware=[Middleware(AuthenticationMiddleware, backend=TokenBackend())],
)
