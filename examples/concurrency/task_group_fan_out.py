from typing import Any

import anyio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

TIMEOUT_SECONDS = 2.0


async def fetch_profile(user_id: int) -> dict[str, Any]:
    """Stand-in for a call to another service."""
    await anyio.sleep(0)
    return {"id": user_id}


async def fetch_orders(user_id: int) -> list[int]:
    await anyio.sleep(0)
    return [1, 2]


async def dashboard(request: Request) -> JSONResponse:
    user_id = request.path_params["user_id"]
    results: dict[str, Any] = {}

    async def fetch_profile_into() -> None:
        results["profile"] = await fetch_profile(user_id)

    async def fetch_orders_into() -> None:
        results["orders"] = await fetch_orders(user_id)

    upstream_failed = False
    try:
        with anyio.fail_after(TIMEOUT_SECONDS):
            try:
                # Both calls run concurrently; if one raises, the other is cancelled.
                async with anyio.create_task_group() as tg:
                    tg.start_soon(fetch_profile_into)
                    tg.start_soon(fetch_orders_into)
            except* ConnectionError:
                upstream_failed = True
    except TimeoutError:
        return JSONResponse({"error": "upstream timed out"}, status_code=504)
    if upstream_failed:
        return JSONResponse({"error": "upstream unavailable"}, status_code=502)
    return JSONResponse(results)


app = Starlette(routes=[Route("/users/{user_id:int}/dashboard", dashboard)])
