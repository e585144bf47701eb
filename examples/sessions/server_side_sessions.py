import secrets
import time
from typing import Any

from starlette.applications import Starlette
from starlette.config import Config
from starlette.datastructures import Secret
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

config = Config()
SECRET_KEY = config("SESSION_SECRET_KEY", cast=Secret)
ADMIN_USERNAME = config("ADMIN_USERNAME")
ADMIN_PASSWORD = config("ADMIN_PASSWORD", cast=Secret)
IDLE_TIMEOUT = 30 * 60  # seconds


class MemoryStore:
    """Stand-in for Redis or a database table: session id -> (expires_at, data)."""

    def __init__(self) -> None:
        self._sessions: dict[str, tuple[float, dict[str, Any]]] = {}

    def create(self, data: dict[str, Any]) -> str:
        session_id = secrets.token_urlsafe(32)
        self._sessions[session_id] = (time.monotonic() + IDLE_TIMEOUT, data)
        return session_id

    def get(self, session_id: str) -> dict[str, Any] | None:
        expires_at, data = self._sessions.get(session_id, (0.0, {}))
        if expires_at < time.monotonic():
            self._sessions.pop(session_id, None)
            return None
        self._sessions[session_id] = (time.monotonic() + IDLE_TIMEOUT, data)  # sliding
        return data

    def delete(self, session_id: str) -> None:
        self._sessions.pop(session_id, None)


store = MemoryStore()


def current(request: Request) -> dict[str, Any] | None:
    session_id = request.session.get("sid")
    return store.get(session_id) if isinstance(session_id, str) else None


async def login(request: Request) -> JSONResponse:
    try:
        payload = await request.json()
    except ValueError:
        return JSONResponse({"detail": "Malformed JSON"}, status_code=400)
    if not isinstance(payload, dict):
        return JSONResponse({"detail": "Expected a JSON object"}, status_code=422)
    username, password = payload.get("username"), payload.get("password")
    if not (isinstance(username, str) and isinstance(password, str)):
        return JSONResponse({"detail": "username and password are required"}, status_code=422)
    user_ok = secrets.compare_digest(username.encode(), ADMIN_USERNAME.encode())
    password_ok = secrets.compare_digest(password.encode(), str(ADMIN_PASSWORD).encode())
    if not (user_ok and password_ok):
        return JSONResponse({"detail": "Invalid username or password"}, status_code=400)
    if isinstance(old := request.session.get("sid"), str):
        store.delete(old)
    request.session.clear()
    request.session["sid"] = store.create({"user": username})  # new id on every login
    return JSONResponse({"user": username})


async def me(request: Request) -> JSONResponse:
    data = current(request)
    if data is None:
        return JSONResponse({"detail": "Not signed in"}, status_code=403)
    return JSONResponse({"user": data["user"]})


async def logout(request: Request) -> Response:
    if isinstance(session_id := request.session.get("sid"), str):
        store.delete(session_id)  # the cookie is now worthless, even a copied one
    request.session.clear()
    return Response(status_code=204)


app = Starlette(
    routes=[
        Route("/login", login, methods=["POST"]),
        Route("/me", me),
        Route("/logout", logout, methods=["POST"]),
    ],
    middleware=[
        # The cookie only carries the signed id; max_age=None leaves expiry to the store.
        Middleware(
            SessionMiddleware, secret_key=SECRET_KEY, max_age=None, same_site="lax", https_only=True
        )
    ],
)
