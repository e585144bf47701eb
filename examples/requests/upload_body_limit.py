# Requires Starlette >= 1.6.
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def upload_avatar(request: Request) -> JSONResponse:
    async with request.form(max_files=1, max_fields=0) as form:
        avatar = form.get("avatar")
        if not isinstance(avatar, UploadFile):
            raise HTTPException(400, detail="Send the image in a multipart field named 'avatar'.")
        return JSONResponse({"filename": avatar.filename, "size": avatar.size}, status_code=201)


# The whole body, file data and multipart framing included, may not exceed 1 MiB: 413 beyond.
app = Starlette(
    routes=[Route("/avatar", upload_avatar, methods=["POST"], max_body_size=1024 * 1024)],
)
