from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

HERE = Path(__file__).parent

env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    # jinja2.Environment defaults to autoescape=False; turn it back on.
    autoescape=jinja2.select_autoescape(),
    # Fail loudly on a misspelt variable instead of rendering "".
    undefined=jinja2.StrictUndefined,
)
templates = Jinja2Templates(env=env)


async def hello(request: Request) -> Response:
    name = request.query_params.get("name", "stranger")[:100]
    return templates.TemplateResponse(request, "hello.html", {"name": name})


app = Starlette(routes=[Route("/hello", hello)])
