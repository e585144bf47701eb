import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

try:  # Starlette >= 1.2 pairs with httpx2; 1.0 and 1.1 with httpx. Same API.
    import httpx2 as httpx
except ModuleNotFoundError:  # pragma: no cover
    import httpx  # type: ignore[no-redef]


async def echo(request: Request) -> JSONResponse:
    try:
        data = await request.json()
    except ValueError:
        return JSONResponse({"error": "invalid JSON"}, status_code=400)
    return JSONResponse({"echo": data})


app = Starlette(routes=[Route("/echo", echo, methods=["POST"])])


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.mark.anyio
async def test_echo_with_async_client() -> None:
    # ASGITransport runs no lifespan; base_url is required for relative URLs.
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        response = await client.post("/echo", json={"n": 1})
        assert response.json() == {"echo": {"n": 1}}
        assert (await client.post("/echo", content=b"{bad")).status_code == 400
