from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Host, Route, Router


async def api_status(request: Request) -> JSONResponse:
    return JSONResponse({"site": "api"})


async def tenant_home(request: Request) -> JSONResponse:
    tenant = request.path_params["tenant"]
    return JSONResponse(
        {"tenant": tenant, "home": str(request.url_for("tenant:home", tenant=tenant))}
    )


app = Starlette(
    routes=[
        # Literal hosts first: "{tenant}" would also match "api".
        Host("api.example.com", app=Router(routes=[Route("/status", api_status)]), name="api"),
        Host(
            "{tenant}.example.com",
            app=Router(routes=[Route("/", tenant_home, name="home")]),
            name="tenant",
        ),
    ]
)
