from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypedDict

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route
from starlette.testclient import TestClient


class State(TypedDict):
    greeting: str


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[State]:
    yield {"greeting": "hello"}


async def home(request: Request) -> JSONResponse:
    return JSONResponse({"greeting": request.state.greeting})


async def whoami(request: Request) -> JSONResponse:
    assert request.client is not None
    return JSONResponse(
        {
            "url": str(request.url),
            "client": [request.client.host, request.client.port],
            "tenant": request.headers.get("x-tenant"),
            "theme": request.cookies.get("theme"),
        }
    )


async def boom(request: Request) -> JSONResponse:
    raise RuntimeError("database is down")


async def old_home(request: Request) -> RedirectResponse:
    return RedirectResponse("/")


app = Starlette(
    routes=[
        Route("/", home),
        Route("/whoami", whoami),
        Route("/boom", boom),
        Route("/old", old_home),
    ],
    lifespan=lifespan,
)


# Tests: pytest collects these when they live in (or are imported into) a test module.
def test_lifespan_runs_inside_with_block() -> None:
    with TestClient(app) as client:
        assert client.get("/").json() == {"greeting": "hello"}


def test_client_options_reach_the_request() -> None:
    client = TestClient(
        app,
        base_url="https://api.example.org",
        headers={"x-tenant": "acme"},
        cookies={"theme": "dark"},
        client=("203.0.113.7", 4711),
    )
    assert client.get("/whoami").json() == {
        "url": "https://api.example.org/whoami",
        "client": ["203.0.113.7", 4711],
        "tenant": "acme",
        "theme": "dark",
    }


def test_server_exceptions_are_raised_in_the_test() -> None:
    with pytest.raises(RuntimeError, match="database is down"):
        TestClient(app).get("/boom")


def test_server_exceptions_as_500_responses() -> None:
    client = TestClient(app, raise_server_exceptions=False)
    response = client.get("/boom")
    assert response.status_code == 500
    assert response.text == "Internal Server Error"


def test_redirects_are_followed_unless_disabled() -> None:
    with TestClient(app) as client:
        assert client.get("/old").history[0].status_code == 307
    response = TestClient(app, follow_redirects=False).get("/old")
    assert (response.status_code, response.headers["location"]) == (307, "/")


def test_trio_backend() -> None:
    with TestClient(app, backend="trio") as client:
        assert client.get("/").json() == {"greeting": "hello"}
