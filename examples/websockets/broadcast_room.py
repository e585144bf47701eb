from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypedDict

from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.status import WS_1003_UNSUPPORTED_DATA
from starlette.websockets import WebSocket, WebSocketDisconnect


class Room:
    """Members of one chat room, in this process only (each worker has its own)."""

    def __init__(self) -> None:
        self.members: set[WebSocket] = set()

    async def broadcast(self, text: str) -> None:
        for member in list(self.members):
            try:
                await member.send_text(text)
            # A dropped peer raises WebSocketDisconnect; a closed one RuntimeError (on 1.7+
            # its subclass WebSocketDisconnected). Either way it left the room.
            except (WebSocketDisconnect, RuntimeError):
                self.members.discard(member)


class State(TypedDict):
    room: Room


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[State]:
    yield {"room": Room()}


async def chat(websocket: WebSocket) -> None:
    room: Room = websocket.state.room
    name = websocket.path_params["name"]
    await websocket.accept()
    room.members.add(websocket)
    try:
        await room.broadcast(f"{name} joined")
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                break
            if message.get("text") is None:
                await websocket.close(code=WS_1003_UNSUPPORTED_DATA, reason="text frames only")
                break
            await room.broadcast(f"{name}: {message['text']}")
    finally:
        room.members.discard(websocket)
    await room.broadcast(f"{name} left")


app = Starlette(routes=[WebSocketRoute("/chat/{name:str}", chat)], lifespan=lifespan)
