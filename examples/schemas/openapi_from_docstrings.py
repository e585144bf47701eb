from json import JSONDecodeError

from starlette.applications import Starlette
from starlette.endpoints import HTTPEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.schemas import SchemaGenerator
from starlette.status import HTTP_422_UNPROCESSABLE_CONTENT

schemas = SchemaGenerator({"openapi": "3.1.0", "info": {"title": "Users API", "version": "1.0.0"}})
USERS: dict[int, str] = {1: "Ada", 2: "Alan"}


async def list_users(request: Request) -> JSONResponse:
    """
    Everything above the --- line is ignored by the schema generator.
    ---
    summary: List users
    responses:
      "200":
        description: All users.
    """
    return JSONResponse([{"id": k, "name": v} for k, v in USERS.items()])


async def create_user(request: Request) -> JSONResponse:
    """
    summary: Create a user
    requestBody:
      required: true
      content:
        application/json:
          schema: {type: object, required: [name], properties: {name: {type: string}}}
    responses:
      "201": {description: Created.}
      "400": {description: Malformed JSON.}
      "422": {description: Invalid name.}
    """
    try:
        data = await request.json()
    except JSONDecodeError:
        return JSONResponse({"error": "malformed JSON"}, status_code=400)
    name = data.get("name") if isinstance(data, dict) else None
    if not isinstance(name, str) or not 0 < len(name) <= 100:
        error = {"error": "name must be a string of 1-100 characters"}
        return JSONResponse(error, status_code=HTTP_422_UNPROCESSABLE_CONTENT)
    user_id = max(USERS, default=0) + 1
    USERS[user_id] = name
    return JSONResponse({"id": user_id, "name": name}, status_code=201)


class User(HTTPEndpoint):
    async def get(self, request: Request) -> JSONResponse:
        """
        summary: Get a user
        parameters:
          - {name: user_id, in: path, required: true, schema: {type: integer}}
        responses:
          "200": {description: The user.}
          "404": {description: No such user.}
        """
        user_id = request.path_params["user_id"]
        if user_id not in USERS:
            return JSONResponse({"error": "not found"}, status_code=404)
        return JSONResponse({"id": user_id, "name": USERS[user_id]})

    async def delete(self, request: Request) -> Response:
        """
        summary: Delete a user
        parameters:
          - {name: user_id, in: path, required: true, schema: {type: integer}}
        responses:
          "204": {description: Deleted.}
          "404": {description: No such user.}
        """
        if USERS.pop(request.path_params["user_id"], None) is None:
            return JSONResponse({"error": "not found"}, status_code=404)
        return Response(status_code=204)


async def stats(request: Request) -> JSONResponse:
    """
    summary: Count users
    responses:
      "200": {description: The user count.}
    """
    return JSONResponse({"users": len(USERS)})


async def health(request: Request) -> JSONResponse:
    """Not in the schema: include_in_schema=False."""
    return JSONResponse({"status": "ok"})


async def openapi_yaml(request: Request) -> Response:
    return schemas.OpenAPIResponse(request=request)


async def openapi_json(request: Request) -> JSONResponse:
    return JSONResponse(schemas.get_schema(routes=request.app.routes))


app = Starlette(
    routes=[
        Route("/users", list_users, methods=["GET"]),
        Route("/users", create_user, methods=["POST"]),
        Route("/users/{user_id:int}", User),
        Mount("/admin", routes=[Route("/stats", stats)]),
        Route("/health", health, include_in_schema=False),
        Route("/schema", openapi_yaml, include_in_schema=False),
        Route("/openapi.json", openapi_json, include_in_schema=False),
    ]
)
