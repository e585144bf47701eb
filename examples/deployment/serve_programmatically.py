import uvicorn
from starlette.applications import Starlette
from starlette.config import Config
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

config = Config()
HOST = config("HOST", default="127.0.0.1")  # "0.0.0.0" inside a container
PORT = config("PORT", cast=int, default=8000)
WORKERS = config("WEB_CONCURRENCY", cast=int, default=1)


async def hello(request: Request) -> PlainTextResponse:
    return PlainTextResponse("hello")


app = Starlette(routes=[Route("/", hello)])

if __name__ == "__main__":
    # An import string, not the app object: workers= and reload= need one.
    uvicorn.run(
        "examples.deployment.serve_programmatically:app",
        host=HOST,
        port=PORT,
        workers=WORKERS,
        forwarded_allow_ips="127.0.0.1",
        timeout_graceful_shutdown=10,
    )
