import hashlib

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

MAX_FILE_BYTES = 5 * 1024 * 1024
CHUNK_BYTES = 64 * 1024
ALLOWED_TYPES = {"image/png", "image/jpeg", "application/pdf"}


async def upload(request: Request) -> JSONResponse:
    # The context manager closes the spooled temp files even when we raise.
    async with request.form(max_files=1, max_fields=2, max_part_size=64 * 1024) as form:
        document = form.get("document")
        if not isinstance(document, UploadFile):
            raise HTTPException(400, detail="Send the file in a multipart field named 'document'.")
        if document.content_type not in ALLOWED_TYPES:
            raise HTTPException(415, detail=f"Unsupported file type: {document.content_type}.")
        # max_part_size does not limit files: check the size yourself.
        if document.size is not None and document.size > MAX_FILE_BYTES:
            raise HTTPException(413, detail=f"File larger than {MAX_FILE_BYTES} bytes.")
        digest = hashlib.sha256()
        while chunk := await document.read(CHUNK_BYTES):
            digest.update(chunk)
        await document.seek(0)
        return JSONResponse(
            {
                "filename": document.filename,
                "content_type": document.content_type,
                "size": document.size,
                "sha256": digest.hexdigest(),
                "title": form.get("title", ""),
            },
            status_code=201,
        )


app = Starlette(routes=[Route("/documents", upload, methods=["POST"])])
