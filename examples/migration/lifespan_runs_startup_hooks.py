import functools
import inspect
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

started: list[str] = []


def load_config(name: str) -> None:
    started.append(f"config:{name}")


async def warm_cache() -> None:
    started.append("cache")


# A plugin list that used to be passed as on_startup=HOOKS.
HOOKS: list[Callable[[], Any]] = [functools.partial(load_config, "prod"), warm_cache]


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    for hook in HOOKS:
        # inspect.iscoroutinefunction unwraps functools.partial (it replaces the removed
        # starlette.routing.iscoroutinefunction_or_partial).
        if inspect.iscoroutinefunction(hook):
            await hook()
        else:
            hook()
    yield


async def status(request: Request) -> JSONResponse:
    return JSONResponse({"started": started})


app = Starlette(routes=[Route("/status", status)], lifespan=lifespan)
