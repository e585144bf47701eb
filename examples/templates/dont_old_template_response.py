from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


async def hello(request: Request) -> Response:
    # Not this: the pre-1.0 signature. 1.x takes the request first.
    return templates.TemplateResponse("hello.html", {"request": request, "name": "Ada"})


app = Starlette(routes=[Route("/hello", hello)])
