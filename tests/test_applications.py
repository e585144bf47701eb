import importlib
import inspect
from collections.abc import Iterator

import anyio
import pytest
from starlette.applications import Starlette
from starlette.config import Config
from starlette.datastructures import URLPath
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route, Router
from starlette.testclient import TestClient
from starlette.types import Message

from examples.applications.minimal_app import app


def test_minimal_app_serves_json() -> None:
    with TestClient(app) as client:
        assert client.get("/").json() == {"hello": "world"}
        assert client.get("/users/7").json() == {"user_id": 7}


def test_minimal_app_rejects_non_int_path_param_with_404() -> None:
    with TestClient(app) as client:
        assert client.get("/users/abc").status_code == 404


def test_minimal_app_url_path_for_needs_no_request() -> None:
    path = app.url_path_for("user", user_id=7)
    assert isinstance(path, URLPath)
    assert isinstance(path, str)
    assert path == "/users/7"
    assert app.url_path_for("homepage") == "/"


# --- The constructor ---------------------------------------------------------------------


def test_constructor_takes_five_positional_parameters_in_this_order() -> None:
    params = list(inspect.signature(Starlette.__init__).parameters.values())[1:6]
    assert [p.name for p in params] == [
        "debug",
        "routes",
        "middleware",
        "exception_handlers",
        "lifespan",
    ]
    assert all(p.kind is p.POSITIONAL_OR_KEYWORD for p in params)


@pytest.mark.starlette("1.6")
def test_max_body_size_is_keyword_only_and_unlimited_by_default() -> None:
    param = inspect.signature(Starlette.__init__).parameters["max_body_size"]
    assert param.kind is param.KEYWORD_ONLY
    assert param.default is None


def test_route_decorator_was_removed_in_1_0() -> None:
    with pytest.raises(AttributeError) as exc_info:
        importlib.import_module("examples.applications.dont_route_decorator")
    assert str(exc_info.value) == "'Starlette' object has no attribute 'route'"


@pytest.mark.parametrize(
    "name",
    [
        "route",
        "websocket_route",
        "exception_handler",
        "middleware",
        "on_event",
        "add_event_handler",
    ],
)
def test_decorators_and_event_hooks_are_gone(name: str) -> None:
    assert not hasattr(Starlette(), name)


def test_on_startup_parameter_was_removed() -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument 'on_startup'"):
        Starlette(on_startup=[])  # type: ignore[call-arg]


def test_missing_state_attribute_raises_attribute_error() -> None:
    with pytest.raises(AttributeError) as exc_info:
        Starlette().state.db  # noqa: B018
    assert str(exc_info.value) == "'State' object has no attribute 'db'"


# --- Settings passed to the constructor --------------------------------------------------


def settings_app(**environ: str) -> Starlette:
    from examples.applications.settings_in_constructor import create_app

    return create_app(Config(environ={"ALLOWED_HOSTS": "testserver", **environ}))


def test_settings_come_from_config_and_reach_app_state() -> None:
    client = TestClient(settings_app(APP_NAME="billing", DEBUG="true"))
    assert client.get("/info").json() == {"app": "billing", "debug": True}


def test_settings_default_to_production_values() -> None:
    client = TestClient(settings_app())
    assert client.get("/info").json() == {"app": "notes", "debug": False}


def test_module_level_app_only_trusts_localhost() -> None:
    from examples.applications.settings_in_constructor import app

    assert TestClient(app, base_url="http://localhost").get("/info").status_code == 200
    response = TestClient(app).get("/info")
    assert (response.status_code, response.text) == (400, "Invalid host header")


def test_unknown_host_header_is_rejected_with_400() -> None:
    response = TestClient(settings_app()).get("/info", headers={"host": "evil.example"})
    assert response.status_code == 400


def test_http_exception_handler_answers_404_and_405_as_json() -> None:
    client = TestClient(settings_app())
    assert client.get("/nope").json() == {"detail": "Not Found"}
    response = client.post("/info")
    assert response.status_code == 405
    assert response.json() == {"detail": "Method Not Allowed"}
    assert set(response.headers["allow"].split(", ")) == {"GET", "HEAD"}


def test_lifespan_runs_only_inside_the_test_client_context() -> None:
    app = settings_app()
    assert TestClient(app).get("/health").status_code == 503
    with TestClient(app) as client:
        assert client.get("/health").json() == {"ready": True}
    assert app.state.ready is False


# --- debug --------------------------------------------------------------------------------


def test_production_mode_uses_the_500_handler() -> None:
    from examples.applications.debug_tracebacks import create_app

    client = TestClient(create_app(debug=False), raise_server_exceptions=False)
    response = client.get("/checkout")
    assert (response.status_code, response.text) == (500, "Internal error. It has been logged.")


def test_debug_mode_returns_plain_traceback_and_skips_500_handler() -> None:
    from examples.applications.debug_tracebacks import create_app

    client = TestClient(create_app(debug=True), raise_server_exceptions=False)
    response = client.get("/checkout")
    assert response.status_code == 500
    assert response.text.startswith("Traceback (most recent call last):")
    assert "RuntimeError: payment backend unreachable" in response.text


def test_debug_mode_returns_html_page_to_browsers() -> None:
    from examples.applications.debug_tracebacks import create_app

    client = TestClient(create_app(debug=True), raise_server_exceptions=False)
    response = client.get("/checkout", headers={"accept": "text/html"})
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "payment backend unreachable" in response.text


def test_server_error_is_reraised_after_the_response() -> None:
    from examples.applications.debug_tracebacks import create_app

    with pytest.raises(RuntimeError, match="payment backend unreachable"):
        TestClient(create_app(debug=False)).get("/checkout")


def test_module_level_debug_app_defaults_to_production() -> None:
    from examples.applications.debug_tracebacks import app

    assert app.debug is False


def test_setting_debug_after_the_first_request_has_no_effect() -> None:
    from examples.applications.debug_tracebacks import create_app

    app = create_app(debug=False)
    client = TestClient(app, raise_server_exceptions=False)
    client.get("/checkout")
    app.debug = True
    assert client.get("/checkout").text == "Internal error. It has been logged."


# --- max_body_size (1.6) ------------------------------------------------------------------


def chunks(total: int, size: int = 16 * 1024) -> Iterator[bytes]:
    """A body without Content-Length: the client sends it chunked."""
    while total > 0:
        yield b"x" * min(size, total)
        total -= size


@pytest.mark.starlette("1.6")
def test_body_at_the_limit_is_accepted() -> None:
    from examples.applications.max_body_size_limits import app

    response = TestClient(app).post("/notes", content=b"x" * 64 * 1024)
    assert (response.status_code, response.json()) == (201, {"received": 64 * 1024})


@pytest.mark.starlette("1.6")
def test_body_over_the_app_limit_gets_413_plain_text() -> None:
    from examples.applications.max_body_size_limits import app

    response = TestClient(app).post("/notes", content=b"x" * (64 * 1024 + 1))
    assert response.status_code == 413
    assert response.text == "Content Too Large"
    assert response.headers["content-type"] == "text/plain; charset=utf-8"


@pytest.mark.starlette("1.6")
def test_streamed_body_without_content_length_is_counted_too() -> None:
    from examples.applications.max_body_size_limits import app

    response = TestClient(app).post("/notes", content=chunks(64 * 1024 + 1))
    assert response.status_code == 413


@pytest.mark.starlette("1.6")
def test_route_limit_overrides_the_app_limit() -> None:
    from examples.applications.max_body_size_limits import app

    client = TestClient(app)
    response = client.post("/upload", content=chunks(1024 * 1024))
    assert (response.status_code, response.json()) == (201, {"received": 1024 * 1024})
    assert client.post("/upload", content=b"x" * (10 * 1024 * 1024 + 1)).status_code == 413


@pytest.mark.starlette("1.6")
def test_mount_limit_applies_to_every_route_under_it() -> None:
    from examples.applications.max_body_size_limits import app

    client = TestClient(app)
    assert client.post("/batch/import", content=b"x" * 100 * 1024).status_code == 201
    assert client.post("/batch/import", content=b"x" * (1024 * 1024 + 1)).status_code == 413


@pytest.mark.starlette("1.6")
def test_requests_without_body_are_unaffected() -> None:
    from examples.applications.max_body_size_limits import app

    client = TestClient(app)
    assert client.get("/notes").status_code == 405
    assert client.get("/nope").status_code == 404


async def ignore_body(request: Request) -> PlainTextResponse:
    return PlainTextResponse("did not read the body")


@pytest.mark.starlette("1.6")
def test_declared_oversized_body_is_rejected_even_if_never_read() -> None:
    app = Starlette(routes=[Route("/", ignore_body, methods=["POST"])], max_body_size=10)
    client = TestClient(app)
    assert client.post("/", content=b"x" * 11).status_code == 413
    # Without Content-Length nothing is counted until the endpoint reads.
    assert client.post("/", content=chunks(11)).status_code == 200


async def read_body(request: Request) -> PlainTextResponse:
    return PlainTextResponse(str(len(await request.body())))


async def too_large(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": "body too large"}, status_code=413)


@pytest.mark.starlette("1.6")
def test_custom_413_handler_runs_only_for_streamed_bodies() -> None:
    app = Starlette(
        routes=[Route("/", read_body, methods=["POST"])],
        exception_handlers={413: too_large},
        max_body_size=10,
    )
    client = TestClient(app)
    assert client.post("/", content=chunks(11)).json() == {"detail": "body too large"}
    assert client.post("/", content=b"x" * 11).text == "Content Too Large"


@pytest.mark.starlette("1.6")
def test_router_accepts_max_body_size() -> None:
    router = Router(routes=[Route("/", read_body, methods=["POST"])], max_body_size=10)
    assert TestClient(router).post("/", content=b"x" * 11).status_code == 413


@pytest.mark.starlette("1.6")
def test_a_lying_content_length_does_not_bypass_the_limit() -> None:
    app = Starlette(routes=[Route("/", read_body, methods=["POST"])], max_body_size=10)
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/",
        "raw_path": b"/",
        "root_path": "",
        "scheme": "http",
        "query_string": b"",
        "headers": [(b"host", b"testserver"), (b"content-length", b"5")],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
        "http_version": "1.1",
    }
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"x" * 20, "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    anyio.run(app, scope, receive, send)
    assert sent[0]["status"] == 413


# --- Pieces as pure ASGI apps ---------------------------------------------------------------


def test_bare_router_serves_routes_and_plain_404() -> None:
    from examples.applications.pure_asgi_pieces import app

    client = TestClient(app)
    assert client.get("/").text == "Hello from a bare Router"
    response = client.get("/nope")
    assert (response.status_code, response.text) == (404, "Not Found")


def test_response_instance_serves_as_an_endpoint() -> None:
    from examples.applications.pure_asgi_pieces import app

    client = TestClient(app)
    assert client.get("/version").json() == {"version": "2.3.1"}
    response = client.post("/version")
    assert response.status_code == 405
    assert set(response.headers["allow"].split(", ")) == {"GET", "HEAD"}


def test_non_function_endpoint_without_methods_accepts_every_method() -> None:
    router = Router(routes=[Route("/version", JSONResponse({"version": "2.3.1"}))])
    assert TestClient(router).delete("/version").status_code == 200


def test_mounted_asgi_function_sees_its_root_path() -> None:
    from examples.applications.pure_asgi_pieces import app

    client = TestClient(app)
    assert client.get("/legacy/anything").text == "legacy app mounted at /legacy"


async def forbidden(request: Request) -> PlainTextResponse:
    raise HTTPException(status_code=403)


def test_http_exception_escapes_a_bare_router() -> None:
    router = Router(routes=[Route("/", forbidden)])
    with pytest.raises(HTTPException):
        TestClient(router).get("/")
    assert TestClient(router, raise_server_exceptions=False).get("/").status_code == 500


def test_a_single_route_is_an_asgi_app() -> None:
    from examples.applications.pure_asgi_pieces import homepage

    client = TestClient(Route("/", homepage))
    assert client.get("/").status_code == 200
    assert client.get("/other").status_code == 404


def test_asgi_function_as_route_endpoint_fails_every_request() -> None:
    from examples.applications.dont_asgi_function_as_route import app

    with pytest.raises(TypeError, match="missing 2 required positional arguments"):
        TestClient(app).get("/health")


# --- Attributes and the parameter table ---------------------------------------------------


def test_constructor_arguments_are_kept_as_attributes() -> None:
    from examples.applications.settings_in_constructor import app

    assert app.routes is app.router.routes
    assert [m.cls.__name__ for m in app.user_middleware] == ["TrustedHostMiddleware"]
    assert list(app.exception_handlers) == [HTTPException]
    assert app.state.settings.app_name == "notes"
    assert app.state["settings"] is app.state.settings


def test_builder_methods_still_exist_beside_the_constructor() -> None:
    for name in ("add_route", "mount", "host", "add_middleware", "add_exception_handler"):
        assert hasattr(Starlette(), name)


def test_first_middleware_in_the_list_is_outermost() -> None:
    from starlette.middleware import Middleware
    from starlette.types import ASGIApp, Receive, Scope, Send

    calls: list[str] = []

    class Record:
        def __init__(self, app: ASGIApp, label: str) -> None:
            self.app, self.label = app, label

        async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
            calls.append(self.label)
            await self.app(scope, receive, send)

    app = Starlette(
        routes=[Route("/", ignore_body)],
        middleware=[Middleware(Record, label="first"), Middleware(Record, label="second")],
    )
    TestClient(app).get("/")
    assert calls == ["first", "second"]


def test_exception_key_handles_unhandled_errors_like_500() -> None:
    async def boom(request: Request) -> PlainTextResponse:
        raise ValueError("bug")

    async def handler(request: Request, exc: Exception) -> PlainTextResponse:
        return PlainTextResponse(f"handled {type(exc).__name__}", status_code=500)

    app = Starlette(routes=[Route("/", boom)], exception_handlers={Exception: handler})
    response = TestClient(app, raise_server_exceptions=False).get("/")
    assert (response.status_code, response.text) == (500, "handled ValueError")


@pytest.mark.starlette("1.6")
def test_a_lower_route_limit_overrides_a_higher_app_limit() -> None:
    app = Starlette(
        routes=[Route("/", read_body, methods=["POST"], max_body_size=5)],
        max_body_size=1000,
    )
    assert TestClient(app).post("/", content=b"x" * 6).status_code == 413
    assert app.max_body_size == 1000


# --- Older releases ---------------------------------------------------------------------------


@pytest.mark.starlette("1.0", before="1.6")
def test_before_1_6_there_is_no_max_body_size_and_no_built_in_limit() -> None:
    assert "max_body_size" not in inspect.signature(Starlette).parameters
    with pytest.raises(TypeError, match="unexpected keyword argument 'max_body_size'"):
        Starlette(max_body_size=10)  # type: ignore[call-arg]
    app = Starlette(routes=[Route("/", read_body, methods=["POST"])])
    assert not hasattr(app, "max_body_size")
    assert TestClient(app).post("/", content=b"x" * 1024 * 1024).text == str(1024 * 1024)


def test_debug_mode_also_reraises_the_exception_after_the_response() -> None:
    from examples.applications.debug_tracebacks import create_app

    with pytest.raises(RuntimeError, match="payment backend unreachable"):
        TestClient(create_app(debug=True)).get("/checkout")
