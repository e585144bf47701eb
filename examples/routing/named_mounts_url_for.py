from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route


async def member_list(request: Request) -> JSONResponse:
    org = request.path_params["org"]
    first = request.url_for("api:member", org=org, member_id=1)
    return JSONResponse({"org": org, "first": str(first)})


async def member(request: Request) -> JSONResponse:
    params = request.path_params  # the mount's {org} and the route's {member_id}
    back = request.url_for("api:members", org=params["org"])
    return JSONResponse({"org": params["org"], "id": params["member_id"], "list": back.path})


app = Starlette(
    routes=[
        Mount(
            "/orgs/{org}",
            name="api",
            routes=[
                Route("/members", member_list, name="members"),
                Route("/members/{member_id:int}", member, name="member"),
            ],
        ),
    ]
)
