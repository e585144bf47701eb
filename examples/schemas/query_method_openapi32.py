# Requires Starlette >= 1.7.
from json import JSONDecodeError

from starlette.applications import Starlette
from starlette.endpoints import HTTPEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.schemas import SchemaGenerator

# QUERY operations only appear in schemas declaring OpenAPI >= 3.2.
schemas = SchemaGenerator({"openapi": "3.2.0", "info": {"title": "Search", "version": "1.0.0"}})
USERS = ["Ada", "Alan", "Grace"]


class Search(HTTPEndpoint):
    async def query(self, request: Request) -> JSONResponse:
        """
        summary: Search users with a JSON body (safe and idempotent, unlike POST)
        requestBody:
          required: true
          content:
            application/json:
              schema: {type: object, properties: {prefix: {type: string}}}
        responses:
          "200": {description: Matching users.}
          "400": {description: Malformed query.}
        """
        try:
            data = await request.json()
        except JSONDecodeError:
            return JSONResponse({"error": "malformed JSON"}, status_code=400)
        prefix = data.get("prefix") if isinstance(data, dict) else None
        if not isinstance(prefix, str):
            return JSONResponse({"error": "prefix must be a string"}, status_code=400)
        return JSONResponse([name for name in USERS if name.startswith(prefix)])


async def openapi_json(request: Request) -> JSONResponse:
    return JSONResponse(schemas.get_schema(routes=request.app.routes))


app = Starlette(
    routes=[
        Route("/search", Search),
        Route("/openapi.json", openapi_json, include_in_schema=False),
    ]
)
