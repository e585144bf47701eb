from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from itertools import count
from typing import TypedDict

from starlette.applications import Starlette
from starlette.endpoints import HTTPEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


class State(TypedDict):
    notes: dict[int, str]
    ids: Iterator[int]


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[State]:
    yield {"notes": {}, "ids": count(1)}


class Notes(HTTPEndpoint):
    async def get(self, request: Request) -> JSONResponse:
        return JSONResponse([{"id": i, "text": t} for i, t in request.state.notes.items()])

    async def post(self, request: Request) -> JSONResponse:
        try:
            data = await request.json()
        except ValueError:
            return JSONResponse({"error": "invalid JSON"}, status_code=400)
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str) or not 1 <= len(text) <= 500:
            return JSONResponse({"error": "text: 1-500 characters"}, status_code=422)
        note_id = next(request.state.ids)
        request.state.notes[note_id] = text
        return JSONResponse({"id": note_id, "text": text}, status_code=201)


class Note(HTTPEndpoint):
    async def get(self, request: Request) -> JSONResponse:
        note_id = request.path_params["note_id"]
        if note_id not in request.state.notes:
            return JSONResponse({"error": "not found"}, status_code=404)
        return JSONResponse({"id": note_id, "text": request.state.notes[note_id]})

    def delete(self, request: Request) -> Response:
        # A plain `def` handler runs in the threadpool, like a sync function endpoint.
        request.state.notes.pop(request.path_params["note_id"], None)
        return Response(status_code=204)


app = Starlette(
    routes=[
        Route("/notes", Notes),  # the class itself, not Notes()
        Route("/notes/{note_id:int}", Note),
    ],
    lifespan=lifespan,
)
