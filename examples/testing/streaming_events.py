# Requires Starlette >= 1.9.
from collections.abc import AsyncIterator

import anyio
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route
from starlette.testclient import TestClient

TICK_SECONDS = 1.0


async def ticks(request: Request) -> StreamingResponse:
    async def events() -> AsyncIterator[str]:
        n = 0
        while True:  # endless: stops when the client goes away
            yield f"data: {n}\n\n"
            n += 1
            await anyio.sleep(TICK_SECONDS)

    return StreamingResponse(events(), media_type="text/event-stream")


app = Starlette(routes=[Route("/ticks", ticks)])


def test_read_the_first_events_of_an_endless_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(f"{__name__}.TICK_SECONDS", 0)
    with TestClient(app) as client, client.stream("GET", "/ticks") as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        lines = response.iter_lines()
        assert [next(lines), next(lines), next(lines)] == ["data: 0", "", "data: 1"]
    # Leaving the block closed the response and cancelled the generator.
