from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

HERE = Path(__file__).parent

# Not this: a bare Environment has autoescape=False, so user input renders as HTML.
env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"))
templates = Jinja2Templates(env=env)


async def hello(request: Request) -> Response:
    name = request.query_params.get("name", "stranger")
    return templates.TemplateResponse(request, "hello.html", {"name": name})


app = Starlette(routes=[Route("/hello", hello)])
