from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

THEMES = {"light", "dark"}


async def set_theme(request: Request) -> JSONResponse:
    theme = request.query_params.get("theme", "")
    if theme not in THEMES:
        return JSONResponse({"error": f"theme must be one of {sorted(THEMES)}"}, status_code=400)
    response = JSONResponse({"theme": theme})
    response.set_cookie(
        "theme",
        theme,
        max_age=60 * 60 * 24 * 365,  # seconds
        path="/",
        domain=None,  # None: host-only cookie, not sent to subdomains
        secure=True,  # sent over HTTPS only
        httponly=True,
        samesite="lax",  # the default; "none" needs secure=True
    )
    return response


async def reset_theme(request: Request) -> JSONResponse:
    response = JSONResponse({"theme": "light"})
    # Same key, path and domain as when it was set, or the browser keeps the cookie.
    response.delete_cookie("theme", path="/", secure=True, httponly=True, samesite="lax")
    return response


app = Starlette(
    routes=[
        Route("/preferences/theme", set_theme, methods=["PUT"]),
        Route("/preferences/theme", reset_theme, methods=["DELETE"]),
    ]
)
