import time

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


def legacy_sdk_fetch(report_id: int) -> dict[str, int]:
    """Stand-in for a blocking client (requests, boto3, a sync DB driver)."""
    time.sleep(0.001)
    return {"report_id": report_id}


def report(request: Request) -> JSONResponse:
    # A plain def endpoint runs in the thread pool: blocking calls are fine here.
    return JSONResponse(legacy_sdk_fetch(request.path_params["report_id"]))


async def health(request: Request) -> JSONResponse:
    # An async def endpoint runs on the event loop: only await, never block.
    return JSONResponse({"status": "ok"})


app = Starlette(
    routes=[
        Route("/reports/{report_id:int}", report),
        Route("/health", health),
    ]
)
