from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route
from starlette.templating import Jinja2Templates

# Was Jinja2Templates(directory=..., trim_blocks=True): Jinja options go on your own Environment.
env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=jinja2.select_autoescape(),
    trim_blocks=True,
)
templates = Jinja2Templates(env=env)


async def page(request: Request) -> HTMLResponse:
    name = request.query_params.get("name", "world")
    # Was TemplateResponse("page.html", {"request": request, "name": name}).
    return templates.TemplateResponse(request, "page.html", {"name": name})


app = Starlette(routes=[Route("/", page, name="page")])
