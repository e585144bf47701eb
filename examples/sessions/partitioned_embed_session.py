# Requires Starlette >= 1.7.
from starlette.applications import Starlette
from starlette.config import Config
from starlette.datastructures import Secret
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

config = Config()
SECRET_KEY = config("SESSION_SECRET_KEY", cast=Secret)


async def widget(request: Request) -> JSONResponse:
    request.session["views"] = request.session.get("views", 0) + 1
    return JSONResponse({"views": request.session["views"]})


# An iframe embedded on other sites: browsers blocking third-party cookies still keep a
# partitioned cookie, separate for each top-level site. Needs Secure and SameSite=None.
app = Starlette(
    routes=[Route("/widget", widget)],
    middleware=[
        Middleware(
            SessionMiddleware,
            secret_key=SECRET_KEY,
            same_site="none",
            https_only=True,
            partitioned=True,
        )
    ],
)
