from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


class ORJSONResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        # orjson serializes datetime, UUID and dataclasses natively; NaN becomes null.
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


async def event(request: Request) -> ORJSONResponse:
    return ORJSONResponse(
        {
            "id": UUID("12345678-1234-5678-1234-567812345678"),
            "at": datetime(2026, 3, 22, 12, 0, tzinfo=UTC),
            "scores": {1: 0.5},
        }
    )


app = Starlette(routes=[Route("/event", event)])
