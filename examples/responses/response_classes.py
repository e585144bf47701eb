from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route


class Latin1TextResponse(PlainTextResponse):
    charset = "latin-1"  # encodes str content and names the charset in Content-Type


async def text(request: Request) -> PlainTextResponse:
    return PlainTextResponse("Hello, world!")


async def page(request: Request) -> HTMLResponse:
    return HTMLResponse("<h1>Hello</h1>")


async def created(request: Request) -> JSONResponse:
    return JSONResponse(
        {"id": 7, "name": "café"},
        status_code=201,
        headers={"Location": str(request.url_for("text"))},
    )


async def feed(request: Request) -> Response:
    # media_type outside text/* gets no charset appended.
    return Response(b"<rss version='2.0'/>", media_type="application/rss+xml")


async def csv_text(request: Request) -> Response:
    response = Response("id,name\n1,Ada\n", media_type="text/csv")
    response.headers["Cache-Control"] = "no-store"
    response.headers.append("Vary", "Accept")
    response.headers.append("Vary", "Cookie")
    return response


async def legacy(request: Request) -> Latin1TextResponse:
    return Latin1TextResponse("café")


async def no_content(request: Request) -> Response:
    return Response(status_code=204)


async def moved(request: Request) -> RedirectResponse:
    return RedirectResponse(request.url_for("text"))


app = Starlette(
    routes=[
        Route("/", text, name="text"),
        Route("/page", page),
        Route("/items", created, methods=["POST"]),
        Route("/feed.xml", feed),
        Route("/report.csv", csv_text),
        Route("/legacy", legacy),
        Route("/items/7", no_content, methods=["DELETE"]),
        Route("/old-home", moved),
    ]
)
