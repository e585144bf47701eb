from starlette.applications import Starlette
from starlette.config import Config
from starlette.datastructures import CommaSeparatedStrings
from starlette.middleware import Middleware
from starlette.middleware.httpsredirect import HTTPSRedirectMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

config = Config()
# Only the proxy may set X-Forwarded-Proto/For. List its addresses; never "*" on an open port.
TRUSTED_PROXIES = config("FORWARDED_ALLOW_IPS", cast=CommaSeparatedStrings, default="127.0.0.1")


async def whoami(request: Request) -> JSONResponse:
    client = request.client.host if request.client else None
    return JSONResponse({"scheme": request.url.scheme, "client": client})


starlette_app = Starlette(
    routes=[Route("/", whoami)],
    middleware=[Middleware(HTTPSRedirectMiddleware)],
)
# Outermost, so HTTPSRedirectMiddleware sees the scheme the client used.
app = ProxyHeadersMiddleware(starlette_app, trusted_hosts=list(TRUSTED_PROXIES))
