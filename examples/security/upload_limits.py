# Requires Starlette >= 1.6.
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

MIB = 1024 * 1024
ALLOWED_TYPES = {"image/png", "image/jpeg", "application/pdf"}


async def upload(request: Request) -> JSONResponse:
    # max_part_size limits each non-file field; file size is limited by max_body_size.
    async with request.form(max_files=1, max_fields=5, max_part_size=16 * 1024) as form:
        file = form.get("file")
        if not isinstance(file, UploadFile):
            raise HTTPException(400, "Send one file in the 'file' field.")
        if file.content_type not in ALLOWED_TYPES:
            raise HTTPException(415, "Only PNG, JPEG or PDF.")
        data = await file.read()
    # Never build a path from file.filename; store under a name you generate.
    return JSONResponse({"size": len(data), "type": file.content_type})


app = Starlette(
    routes=[Route("/upload", upload, methods=["POST"], max_body_size=5 * MIB)],
    max_body_size=64 * 1024,  # everything else: 64 KiB
)
