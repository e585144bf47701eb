from collections.abc import AsyncIterator
from contextlib import suppress

import anyio
from anyio.streams.memory import MemoryObjectSendStream
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

# In-memory fan-out: reaches only subscribers in THIS process. With several workers or
# machines, publish through a broker (Redis pub/sub, NATS, Postgres LISTEN/NOTIFY).
subscribers: set[MemoryObjectSendStream[str]] = set()


def bounded_int(request: Request, name: str, default: int, maximum: int) -> int | None:
    try:
        value = int(request.query_params.get(name, default))
    except ValueError:
        return None
    return value if 1 <= value <= maximum else None


async def stream(request: Request) -> Response:
    chunks = bounded_int(request, "chunks", 5, 100)
    if chunks is None:
        return PlainTextResponse("'chunks' must be an integer from 1 to 100.", status_code=400)

    async def lines() -> AsyncIterator[str]:
        for number in range(chunks):
            yield f"chunk {number}\n"
            await anyio.sleep(0.01)

    return StreamingResponse(lines(), media_type="text/plain")


async def events(request: Request) -> Response:
    limit = bounded_int(request, "limit", 100, 1000)
    if limit is None:
        return PlainTextResponse("'limit' must be an integer from 1 to 1000.", status_code=400)
    send, receive = anyio.create_memory_object_stream(max_buffer_size=16)

    async def messages() -> AsyncIterator[str]:
        subscribers.add(send)
        try:
            yield ": subscribed\n\n"
            async with receive:
                for _ in range(limit):
                    yield f"data: {await receive.receive()}\n\n"
        finally:
            subscribers.discard(send)
            send.close()

    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(messages(), media_type="text/event-stream", headers=headers)


async def publish(request: Request) -> JSONResponse:
    message = (await request.body()).decode(errors="replace")
    if not message or len(message) > 1000 or "\n" in message:
        return JSONResponse({"error": "1 to 1000 characters, one line"}, status_code=400)
    for subscriber in list(subscribers):
        # A slow subscriber misses messages instead of blocking the publisher.
        with suppress(anyio.WouldBlock):
            subscriber.send_nowait(message)
    return JSONResponse({"subscribers": len(subscribers)})


async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    with suppress(WebSocketDisconnect):
        while True:
            await websocket.send_text(f"echo: {await websocket.receive_text()}")


app = Starlette(
    routes=[
        Route("/stream", stream),
        Route("/events", events),
        Route("/publish", publish, methods=["POST"]),
        WebSocketRoute("/ws", echo),
    ]
)
