# Requires Starlette >= 1.8.
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

PAGE = """<!doctype html>
<html lang="en">
  <head>
    <link rel="stylesheet" href="/assets/style.css">
    <script type="module" src="/assets/app.js"></script>
  </head>
  <body><h1>Report</h1></body>
</html>"""


async def build_report() -> None:
    """Stand-in for the slow part (queries, rendering)."""


async def report(request: Request) -> HTMLResponse:
    # Sent as HTTP 103 before the slow work; a no-op on servers without the extension.
    await request.send_early_hints(
        "</assets/style.css>; rel=preload; as=style",
        "</assets/app.js>; rel=modulepreload",
    )
    await build_report()
    return HTMLResponse(PAGE)  # still reference the assets: clients may ignore 103


async def stylesheet(request: Request) -> Response:
    return Response("body { font-family: sans-serif; }", media_type="text/css")


async def script(request: Request) -> Response:
    return Response(
        'document.querySelector("h1").textContent += " ready";', media_type="text/javascript"
    )


app = Starlette(
    routes=[
        Route("/", report),
        Route("/assets/style.css", stylesheet),
        Route("/assets/app.js", script),
    ]
)
