from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route
from starlette.templating import Jinja2Templates

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


async def page(request: Request) -> HTMLResponse:
    # The pre-1.0 signature: 1.x reads "page.html" as the request and the dict as the name.
    return templates.TemplateResponse("page.html", {"request": request, "name": "x"})


app = Starlette(routes=[Route("/", page, name="page")])
