from starlette.applications import Starlette
from starlette.requests import Request
from starlette.routing import Route


async def homepage(request: Request) -> dict[str, str]:
    # A FastAPI habit: Starlette does not serialize return values.
    return {"hello": "world"}


app = Starlette(routes=[Route("/", homepage)])
