from starlette import status
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def validate(request: Request) -> JSONResponse:
    # Not this: the pre-RFC 9110 name warns on every access.
    return JSONResponse({"error": "invalid"}, status_code=status.HTTP_422_UNPROCESSABLE_ENTITY)


app = Starlette(routes=[Route("/validate", validate, methods=["POST"])])
