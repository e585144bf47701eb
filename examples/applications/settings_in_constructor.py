from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.config import Config
from starlette.datastructures import CommaSeparatedStrings
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


@dataclass(frozen=True)
class Settings:
    debug: bool
    allowed_hosts: list[str]
    app_name: str


def load_settings(config: Config) -> Settings:
    return Settings(
        debug=config("DEBUG", cast=bool, default=False),
        allowed_hosts=list(
            config("ALLOWED_HOSTS", cast=CommaSeparatedStrings, default="localhost,127.0.0.1")
        ),
        app_name=config("APP_NAME", default="notes"),
    )


async def info(request: Request) -> JSONResponse:
    settings: Settings = request.app.state.settings
    return JSONResponse({"app": settings.app_name, "debug": request.app.debug})


async def health(request: Request) -> JSONResponse:
    ready = request.app.state.ready
    return JSONResponse({"ready": ready}, status_code=200 if ready else 503)


async def http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    app.state.ready = True
    yield
    app.state.ready = False


def create_app(config: Config) -> Starlette:
    settings = load_settings(config)
    app = Starlette(
        debug=settings.debug,
        routes=[Route("/info", info), Route("/health", health)],
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts)],
        exception_handlers={HTTPException: http_error},
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.ready = False
    return app


# Tests build their own app: create_app(Config(environ={...})).
app = create_app(Config())
