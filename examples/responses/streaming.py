from collections.abc import AsyncIterator, Iterator

import anyio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route

ROWS = [(1, "Ada"), (2, "Grace"), (3, "Linus")]


async def rows_async() -> AsyncIterator[str]:
    yield "id,name\n"
    for row_id, name in ROWS:
        await anyio.sleep(0)  # stands in for an async database cursor
        yield f"{row_id},{name}\n"


def rows_blocking() -> Iterator[bytes]:
    # A sync iterator: Starlette calls next() in a worker thread, so blocking I/O is fine.
    yield b"id,name\n"
    for row_id, name in ROWS:
        yield f"{row_id},{name}\n".encode()


async def export_async(request: Request) -> StreamingResponse:
    return StreamingResponse(
        rows_async(),
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="people.csv"'},
    )


async def export_sync(request: Request) -> StreamingResponse:
    return StreamingResponse(rows_blocking(), media_type="text/csv")


app = Starlette(
    routes=[Route("/people.csv", export_async), Route("/people-sync.csv", export_sync)],
)
