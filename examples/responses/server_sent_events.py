import json
import logging
from collections.abc import AsyncIterator

import anyio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

logger = logging.getLogger(__name__)
TICK_SECONDS = 1.0
MAX_COUNT = 60


async def countdown_events(request: Request, start: int) -> AsyncIterator[str]:
    try:
        for remaining in range(start, -1, -1):
            if await request.is_disconnected():
                break
            yield f"id: {remaining}\nevent: tick\ndata: {json.dumps({'remaining': remaining})}\n\n"
            await anyio.sleep(TICK_SECONDS)
        else:
            yield "event: done\ndata: {}\n\n"
    finally:
        # Runs on normal end, on break, and when a disconnect cancels the generator.
        logger.info("countdown stream closed")


async def countdown(request: Request) -> Response:
    try:
        start = int(request.query_params.get("from", "10"))
    except ValueError:
        return PlainTextResponse("'from' must be an integer.", status_code=400)
    if not 0 <= start <= MAX_COUNT:
        return PlainTextResponse(f"'from' must be between 0 and {MAX_COUNT}.", status_code=400)
    return StreamingResponse(
        countdown_events(request, start),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


app = Starlette(routes=[Route("/countdown", countdown)])
