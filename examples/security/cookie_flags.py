from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.routing import Route


async def remember_theme(request: Request) -> RedirectResponse:
    response = RedirectResponse("/", status_code=303)
    # "__Host-" makes browsers insist on Secure, Path=/ and no Domain.
    response.set_cookie(
        "__Host-theme",
        "dark",
        max_age=30 * 24 * 3600,
        path="/",
        secure=True,  # default False: HTTPS only
        httponly=True,  # default False: hidden from JavaScript
        samesite="lax",  # the default; "strict" for admin apps, "none" needs secure=True
    )
    return response


async def forget_theme(request: Request) -> RedirectResponse:
    response = RedirectResponse("/", status_code=303)
    # Deleting needs the same path/secure/samesite as setting.
    response.delete_cookie("__Host-theme", path="/", secure=True, httponly=True, samesite="lax")
    return response


async def homepage(request: Request) -> PlainTextResponse:
    return PlainTextResponse(request.cookies.get("__Host-theme", "light"))


app = Starlette(
    routes=[
        Route("/", homepage),
        Route("/theme", remember_theme, methods=["POST"]),
        Route("/theme/forget", forget_theme, methods=["POST"]),
    ]
)
