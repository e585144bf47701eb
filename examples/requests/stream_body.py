import hashlib

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

MAX_BODY_BYTES = 10 * 1024 * 1024


async def put_blob(request: Request) -> JSONResponse:
    # Reads the raw body chunk by chunk: memory stays flat whatever the upload size.
    digest, received = hashlib.sha256(), 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > MAX_BODY_BYTES:
            raise HTTPException(413, detail=f"Body larger than {MAX_BODY_BYTES} bytes.")
        digest.update(chunk)
    return JSONResponse(
        {"name": request.path_params["name"], "size": received, "sha256": digest.hexdigest()}
    )


app = Starlette(routes=[Route("/blobs/{name}", put_blob, methods=["PUT"])])
