import json
import logging
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TypedDict

import anyio
from starlette.applications import Starlette
from starlette.config import Config
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

config = Config()
# Stand-in for a database: each worker flushes its own buffer here on shutdown.
AUDIT_LOG = config("AUDIT_LOG", cast=Path)
access_logger = logging.getLogger("app.access")


class JsonFormatter(logging.Formatter):
    """One JSON object per line; named by log_config.json for uvicorn's loggers too."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"level": record.levelname, "logger": record.name, "message": record.getMessage()}
        entry.update(getattr(record, "fields", {}))
        return json.dumps(entry)


class AccessLogMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start, status = time.perf_counter(), 500

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        finally:
            client = scope.get("client") or ("", 0)
            fields = {"method": scope["method"], "path": scope["path"], "status": status}
            fields |= {"client": client[0], "ms": round((time.perf_counter() - start) * 1000, 2)}
            access_logger.info("request", extra={"fields": fields})


class State(TypedDict):
    audit: list[str]


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[State]:
    audit: list[str] = []
    yield {"audit": audit}
    # Runs on SIGTERM, after in-flight requests finish.
    async with await anyio.open_file(AUDIT_LOG, "a") as file:
        await file.write(json.dumps({"pid": os.getpid(), "audit": audit}) + "\n")


async def healthz(request: Request) -> JSONResponse:
    # Liveness: the process answers. Never check dependencies here.
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    # Readiness: startup ran and dependencies are usable; 503 takes it out of rotation.
    if getattr(request.state, "audit", None) is None:
        return JSONResponse({"status": "starting"}, status_code=503)
    return JSONResponse({"status": "ready"})


async def record(request: Request) -> JSONResponse:
    action: str = request.path_params["action"]
    request.state.audit.append(action)
    return JSONResponse({"recorded": action, "pid": os.getpid()}, status_code=202)


app = Starlette(
    routes=[
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/audit/{action:str}", record, methods=["POST"]),
    ],
    middleware=[Middleware(AccessLogMiddleware)],
    lifespan=lifespan,
)
