from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse

app = Starlette()


# Removed in 1.0: raises AttributeError when the module is imported.
@app.route("/")
async def homepage(request: Request) -> PlainTextResponse:
    return PlainTextResponse("Hello")
