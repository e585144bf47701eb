import time

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def report(request: Request) -> JSONResponse:
    # Blocks the event loop: no other request, websocket or task runs meanwhile.
    time.sleep(0.01)
    return JSONResponse({"status": "done"})


app = Starlette(routes=[Route("/report", report)])
