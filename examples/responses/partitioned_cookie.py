# Requires Starlette >= 1.7.
import sys

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

# set_cookie(partitioned=True) raises ValueError before Python 3.14.
PARTITIONED = sys.version_info >= (3, 14)


async def widget(request: Request) -> HTMLResponse:
    response = HTMLResponse("<p>Embedded widget</p>")
    # A cross-site (iframe) cookie: SameSite=None needs Secure; CHIPS adds Partitioned.
    response.set_cookie(
        "widget_seen", "1", secure=True, httponly=True, samesite="none", partitioned=PARTITIONED
    )
    return response


async def forget(request: Request) -> HTMLResponse:
    response = HTMLResponse("<p>Forgotten</p>")
    response.delete_cookie("widget_seen", secure=True, samesite="none", partitioned=PARTITIONED)
    return response


app = Starlette(routes=[Route("/widget", widget), Route("/widget/forget", forget)])
