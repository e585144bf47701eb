from pathlib import Path

from starlette.applications import Starlette
from starlette.config import Config
from starlette.datastructures import CommaSeparatedStrings, Secret
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

# Environment variables win over the file; the file is optional (absent in production).
ENV_FILE = Path(__file__).parent / ".env"
config = Config(ENV_FILE if ENV_FILE.is_file() else None)

DEBUG = config("DEBUG", cast=bool, default=False)
SECRET_KEY = config("SECRET_KEY", cast=Secret)  # no default: refuse to start without it
ALLOWED_HOSTS = config("ALLOWED_HOSTS", cast=CommaSeparatedStrings, default="localhost")
HTTPS_ONLY = config("HTTPS_ONLY", cast=bool, default=True)


async def homepage(request: Request) -> JSONResponse:
    return JSONResponse({"debug": DEBUG, "allowed_hosts": list(ALLOWED_HOSTS)})


app = Starlette(
    debug=DEBUG,
    routes=[Route("/", homepage)],
    middleware=[
        Middleware(TrustedHostMiddleware, allowed_hosts=list(ALLOWED_HOSTS)),
        Middleware(
            SessionMiddleware, secret_key=SECRET_KEY, https_only=HTTPS_ONLY, same_site="lax"
        ),
    ],
)
