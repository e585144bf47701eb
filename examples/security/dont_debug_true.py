from starlette.applications import Starlette
from starlette.config import Config
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

config = Config()
DATABASE_URL = config("DATABASE_URL")


async def checkout(request: Request) -> PlainTextResponse:
    raise ConnectionError(f"cannot reach {DATABASE_URL}")


# Not this: debug=True sends the traceback, source lines and exception text (here the
# database password) to anyone. Use debug=config("DEBUG", cast=bool, default=False).
app = Starlette(debug=True, routes=[Route("/checkout", checkout)])
