import hashlib
import secrets

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

MAX_PASSWORD_LENGTH = 1024


def hash_password(password: str, *, salt: bytes) -> str:
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


async def create_hash(request: Request) -> JSONResponse:
    try:
        data = await request.json()
    except ValueError:
        return JSONResponse({"error": "body must be JSON"}, status_code=400)
    password = data.get("password") if isinstance(data, dict) else None
    if not isinstance(password, str) or not 8 <= len(password) <= MAX_PASSWORD_LENGTH:
        return JSONResponse(
            {"error": f"password must be a string of 8 to {MAX_PASSWORD_LENGTH} characters"},
            status_code=422,
        )
    # ~40 ms of CPU: in a worker thread, other requests keep being served meanwhile.
    hashed = await run_in_threadpool(hash_password, password, salt=secrets.token_bytes(16))
    return JSONResponse({"hash": hashed}, status_code=201)


app = Starlette(routes=[Route("/hashes", create_hash, methods=["POST"])])
