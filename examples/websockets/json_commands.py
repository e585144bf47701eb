import json
from typing import Any

from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.status import WS_1003_UNSUPPORTED_DATA, WS_1009_MESSAGE_TOO_BIG
from starlette.websockets import WebSocket

MAX_MESSAGE_SIZE = 4096


def parse_numbers(command: Any) -> list[int | float] | None:
    numbers = command.get("add") if isinstance(command, dict) else None
    if isinstance(numbers, list) and all(
        isinstance(n, int | float) and not isinstance(n, bool) for n in numbers
    ):
        return numbers
    return None


async def calculator(websocket: WebSocket) -> None:
    await websocket.accept()
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        # Accept JSON in text or binary frames; receive_json() would KeyError on the other one.
        payload = message.get("text") or message.get("bytes") or ""
        if len(payload) > MAX_MESSAGE_SIZE:
            await websocket.close(code=WS_1009_MESSAGE_TOO_BIG, reason="message too big")
            return
        try:
            command = json.loads(payload)
        except ValueError:
            await websocket.close(code=WS_1003_UNSUPPORTED_DATA, reason="invalid JSON")
            return
        numbers = parse_numbers(command)
        if numbers is None:
            # A bad command is the client's mistake, not the connection's: reply and go on.
            await websocket.send_json({"error": 'expected {"add": [numbers]}'})
            continue
        await websocket.send_json({"result": sum(numbers)})


app = Starlette(routes=[WebSocketRoute("/calc", calculator)])
