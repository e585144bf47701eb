from starlette.applications import Starlette
from starlette.config import Config
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


def create_app(config: Config) -> Starlette:
    max_page_size = config("MAX_PAGE_SIZE", cast=int, default=100)
    maintenance = config("MAINTENANCE", cast=bool, default=False)

    async def items(request: Request) -> JSONResponse:
        if maintenance:
            return JSONResponse({"error": "down for maintenance"}, status_code=503)
        raw = request.query_params.get("limit", "10")
        if not raw.isdigit() or not 1 <= int(raw) <= max_page_size:
            return JSONResponse(
                {"error": f"limit must be an integer from 1 to {max_page_size}"},
                status_code=400,
            )
        return JSONResponse({"items": list(range(int(raw)))})

    return Starlette(routes=[Route("/items", items)])


# Reads APP_MAX_PAGE_SIZE and APP_MAINTENANCE; tests pass Config(environ={...}) instead.
app = create_app(Config(env_prefix="APP_"))
