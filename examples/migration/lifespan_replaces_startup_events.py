from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


class Database:
    def __init__(self) -> None:
        self.connected = False

    async def connect(self) -> None:
        self.connected = True

    async def disconnect(self) -> None:
        self.connected = False


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[dict[str, Database]]:
    # Was on_startup=[...] / @app.on_event("startup"): code before yield.
    db = Database()
    await db.connect()
    try:
        yield {"db": db}  # becomes request.state.db
    finally:
        # Was on_shutdown=[...]: code after yield, also run if startup of a later step fails.
        await db.disconnect()


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"db_connected": request.state.db.connected})


app = Starlette(routes=[Route("/health", health)], lifespan=lifespan)
