from starlette.applications import Starlette
from starlette.config import Config
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient


def create_app(config: Config | None = None) -> Starlette:
    config = config or Config()  # reads os.environ when the app is built
    maintenance = config("MAINTENANCE", cast=bool, default=False)
    greeting = config("GREETING", default="hello")

    async def home(request: Request) -> JSONResponse:
        if maintenance:
            return JSONResponse({"error": "maintenance"}, status_code=503)
        return JSONResponse({"greeting": greeting})

    return Starlette(routes=[Route("/", home)])


app = create_app()


def test_defaults() -> None:
    assert TestClient(app).get("/").json() == {"greeting": "hello"}


def test_override_with_an_explicit_environ() -> None:
    test_app = create_app(Config(environ={"MAINTENANCE": "true"}))
    assert TestClient(test_app).get("/").status_code == 503
