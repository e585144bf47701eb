"""Migration from 0.x and FastAPI habits: removed APIs fail as quoted, replacements work."""

from __future__ import annotations

import importlib
import importlib.metadata
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse
from starlette.routing import Router
from starlette.templating import Jinja2Templates
from starlette.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
MIGRATION_MD = ROOT / "references" / "migration.md"
TEMPLATES = ROOT / "examples" / "migration" / "templates"


def make_namespace() -> dict[str, Any]:
    async def f() -> None: ...

    request = Request(
        {"type": "http", "method": "GET", "path": "/", "headers": [], "query_string": b""}
    )
    return {
        "Starlette": Starlette,
        "Router": Router,
        "FileResponse": FileResponse,
        "Jinja2Templates": Jinja2Templates,
        "f": f,
        "app": Starlette(),
        "request": request,
        "templates": Jinja2Templates(directory=TEMPLATES),
    }


# (old code exactly as references/migration.md shows it, exception, message as 1.x prints it)
REMOVED_IN_1_0 = [
    (
        "Starlette(on_startup=[f])",
        TypeError,
        "Starlette.__init__() got an unexpected keyword argument 'on_startup'",
    ),
    (
        "Starlette(on_shutdown=[f])",
        TypeError,
        "Starlette.__init__() got an unexpected keyword argument 'on_shutdown'",
    ),
    (
        "Router(on_startup=[f])",
        TypeError,
        "Router.__init__() got an unexpected keyword argument 'on_startup'",
    ),
    ('app.on_event("startup")', AttributeError, "'Starlette' object has no attribute 'on_event'"),
    (
        'app.add_event_handler("startup", f)',
        AttributeError,
        "'Starlette' object has no attribute 'add_event_handler'",
    ),
    ("app.router.startup()", AttributeError, "'Router' object has no attribute 'startup'"),
    ("app.router.shutdown()", AttributeError, "'Router' object has no attribute 'shutdown'"),
    ('app.route("/")', AttributeError, "'Starlette' object has no attribute 'route'"),
    (
        'app.websocket_route("/ws")',
        AttributeError,
        "'Starlette' object has no attribute 'websocket_route'",
    ),
    (
        'app.add_websocket_route("/ws", f)',
        AttributeError,
        "'Starlette' object has no attribute 'add_websocket_route'",
    ),
    (
        "app.exception_handler(404)",
        AttributeError,
        "'Starlette' object has no attribute 'exception_handler'",
    ),
    ('app.middleware("http")', AttributeError, "'Starlette' object has no attribute 'middleware'"),
    ('app.router.route("/")', AttributeError, "'Router' object has no attribute 'route'"),
    (
        'app.router.on_event("startup")',
        AttributeError,
        "'Router' object has no attribute 'on_event'",
    ),
    (
        "from starlette.routing import iscoroutinefunction_or_partial",
        ImportError,
        "cannot import name 'iscoroutinefunction_or_partial' from 'starlette.routing'",
    ),
    (
        'Jinja2Templates(directory="templates", trim_blocks=True)',
        TypeError,
        "Jinja2Templates.__init__() got an unexpected keyword argument 'trim_blocks'",
    ),
    (
        'templates.TemplateResponse("page.html", {"request": request})',
        TypeError,
        "unhashable type: 'dict'",
    ),
    (
        'templates.TemplateResponse(name="page.html", context={"request": request})',
        TypeError,
        "Jinja2Templates.TemplateResponse() missing 1 required positional argument: 'request'",
    ),
    (
        'FileResponse("report.pdf", method="GET")',
        TypeError,
        "FileResponse.__init__() got an unexpected keyword argument 'method'",
    ),
]


@pytest.mark.parametrize(("old", "error", "message"), REMOVED_IN_1_0)
def test_removed_api_raises_the_quoted_error(old: str, error: type, message: str) -> None:
    namespace = make_namespace()
    with pytest.raises(error) as exc:
        exec(compile(old, "<old>", "exec"), namespace)
    assert str(exc.value).startswith(message)
    assert type(exc.value) is error


@pytest.mark.parametrize(("old", "error", "message"), REMOVED_IN_1_0)
def test_removed_api_row_is_in_the_reference(old: str, error: type, message: str) -> None:
    text = MIGRATION_MD.read_text(encoding="utf-8")
    assert f"`{old}`" in text
    assert f"`{error.__name__}: {message}" in text


def test_jinja2_missing_fails_at_import_of_starlette_templating(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)
    monkeypatch.delitem(sys.modules, "starlette.templating")
    with pytest.raises(ImportError, match=r"^jinja2 must be installed to use Jinja2Templates$"):
        importlib.import_module("starlette.templating")


def test_cors_wildcard_with_credentials_echoes_the_origin() -> None:
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    async def home(request: Request) -> PlainTextResponse:
        return PlainTextResponse("ok")

    app = Starlette(
        routes=[Route("/", home)],
        middleware=[Middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)],
    )
    response = TestClient(app).get("/", headers={"Origin": "https://a.example"})
    # Without any cookie in the request: 0.x answered "*" here.
    assert response.headers["access-control-allow-origin"] == "https://a.example"


def test_session_read_adds_vary_cookie_and_sets_no_cookie(monkeypatch) -> None:
    from starlette.config import Config
    from starlette.datastructures import Secret
    from starlette.middleware import Middleware
    from starlette.middleware.sessions import SessionMiddleware
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    secret = Config(environ={"SECRET_KEY": "test-only-" + "x" * 32})("SECRET_KEY", cast=Secret)

    async def read(request: Request) -> JSONResponse:
        return JSONResponse({"user": request.session.get("user")})

    app = Starlette(
        routes=[Route("/", read)],
        middleware=[Middleware(SessionMiddleware, secret_key=secret, same_site="lax")],
    )
    response = TestClient(app).get("/")
    assert response.headers["vary"] == "Cookie"
    assert "set-cookie" not in response.headers


def test_template_autoescape_follows_file_extension(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("{{ x }}")
    (tmp_path / "a.txt").write_text("{{ x }}")
    templates = Jinja2Templates(directory=tmp_path)
    assert templates.get_template("a.html").render(x="<b>") == "&lt;b&gt;"
    assert templates.get_template("a.txt").render(x="<b>") == "<b>"


# -- replacements -----------------------------------------------------------------------


def test_lifespan_replaces_startup_and_shutdown_events() -> None:
    from examples.migration.lifespan_replaces_startup_events import app

    with TestClient(app) as client:
        assert client.get("/health").json() == {"db_connected": True}
        assert client.get("/nope").status_code == 404
        assert client.post("/health").status_code == 405


def test_lifespan_runs_sync_async_and_partial_hooks_in_order() -> None:
    from examples.migration import lifespan_runs_startup_hooks as module

    module.started.clear()
    with TestClient(module.app) as client:
        assert client.get("/status").json() == {"started": ["config:prod", "cache"]}


def test_iscoroutinefunction_sees_through_partial() -> None:
    import functools
    import inspect

    async def hook(x: int) -> None: ...

    assert inspect.iscoroutinefunction(functools.partial(hook, 1))


def test_routes_list_replaces_route_and_websocket_decorators() -> None:
    from examples.migration.routes_list_replaces_decorators import app

    client = TestClient(app)
    assert client.get("/").text == "Hello"
    assert client.post("/items").status_code == 201
    assert client.get("/items").status_code == 405
    assert client.get("/missing").status_code == 404
    with client.websocket_connect("/ws") as ws:
        ws.send_text("ping")
        assert ws.receive_text() == "ping"


def test_exception_handlers_mapping_replaces_decorator() -> None:
    from examples.migration.exception_handlers_mapping import app

    client = TestClient(app)
    assert client.post("/buy/apple").json() == {"bought": "apple"}
    assert client.post("/buy/gone").status_code == 409
    assert client.post("/buy/missing").json() == {"error": "not found", "path": "/buy/missing"}
    assert client.get("/nowhere").json() == {"error": "not found", "path": "/nowhere"}
    assert client.get("/buy/apple").status_code == 405


def test_middleware_list_replaces_decorator() -> None:
    from examples.migration.middleware_list_replaces_decorator import app

    client = TestClient(app)
    assert client.get("/").headers["x-app-version"] == "2"
    assert client.get("/missing").headers["x-app-version"] == "2"


def test_templates_take_request_first_and_escape_input() -> None:
    from examples.migration.templates_request_first import app

    client = TestClient(app)
    response = client.get("/", params={"name": "<script>"})
    assert "<h1>Hello &lt;script&gt;</h1>" in response.text
    assert '<a href="http://testserver/">home</a>' in response.text
    assert client.get("/missing").status_code == 404


def test_file_response_answers_head_without_method_argument() -> None:
    from examples.migration.file_response_without_method import app

    client = TestClient(app)
    full = client.get("/report")
    head = client.head("/report")
    assert full.status_code == head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == full.headers["content-length"]
    assert full.headers["content-disposition"] == 'attachment; filename="report.txt"'
    assert client.post("/report").status_code == 405


def test_fastapi_habits_translated_read_and_create() -> None:
    from examples.migration import fastapi_habits_translated as module

    with TestClient(module.app) as client:
        assert client.get("/items/1?verbose=1").json() == {
            "id": 1,
            "name": "apple",
            "verbose": True,
        }
        created = client.post("/items/", json={"name": "pear"})
        assert (created.status_code, created.json()) == (201, {"id": 2})
        assert module.audit_log[-1] == "created 2"
        assert client.get("/items/2").json()["name"] == "pear"


def test_fastapi_habits_translated_rejects_bad_input_with_4xx() -> None:
    from examples.migration.fastapi_habits_translated import app

    with TestClient(app) as client:
        missing = client.get("/items/99")
        assert (missing.status_code, missing.text) == (404, "Item not found")
        assert missing.headers["content-type"].startswith("text/plain")
        assert client.get("/items/abc").status_code == 404
        malformed = client.post("/items/", content=b"{not json")
        assert (malformed.status_code, malformed.text) == (400, "Malformed JSON")
        wrong = client.post("/items/", json={"name": 5})
        assert (wrong.status_code, wrong.text) == (422, "name must be a string")
        assert client.post("/items/", json=["x"]).status_code == 422
        assert client.delete("/items/1").status_code == 405


# -- "Not this" --------------------------------------------------------------------------


def test_dont_on_startup_fails_at_import() -> None:
    sys.modules.pop("examples.migration.dont_on_startup", None)
    with pytest.raises(TypeError, match=r"unexpected keyword argument 'on_startup'"):
        importlib.import_module("examples.migration.dont_on_startup")


def test_dont_route_decorator_fails_at_import() -> None:
    sys.modules.pop("examples.migration.dont_route_decorator", None)
    with pytest.raises(AttributeError, match="'Starlette' object has no attribute 'route'"):
        importlib.import_module("examples.migration.dont_route_decorator")


def test_dont_template_response_name_first_fails_per_request() -> None:
    from examples.migration.dont_template_response_name_first import app

    with pytest.raises(TypeError, match=r"^unhashable type: 'dict'$"):
        TestClient(app).get("/")
    assert TestClient(app, raise_server_exceptions=False).get("/").status_code == 500


def test_dont_return_dict_fails_per_request() -> None:
    from examples.migration.dont_return_dict import app

    with pytest.raises(TypeError, match=r"^'dict' object is not callable$"):
        TestClient(app).get("/")


# -- 1.x landmarks quoted in the version table --------------------------------------------


@pytest.mark.starlette("1.8")
def test_python_floor_is_3_11_since_1_8() -> None:
    requires = importlib.metadata.metadata("starlette")["Requires-Python"]
    assert requires == ">=3.11"


@pytest.mark.starlette("1.2")
def test_test_client_is_built_on_httpx2_since_1_2() -> None:
    import starlette.testclient

    assert starlette.testclient.httpx.__name__ == "httpx2"


@pytest.mark.starlette("1.3.1")
def test_deprecations_are_user_warnings_visible_by_default_since_1_3_1() -> None:
    from starlette.exceptions import StarletteDeprecationWarning

    assert issubclass(StarletteDeprecationWarning, UserWarning)
    assert not issubclass(StarletteDeprecationWarning, DeprecationWarning)
    import starlette.status

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        assert starlette.status.HTTP_422_UNPROCESSABLE_ENTITY == 422
    assert caught[0].category is StarletteDeprecationWarning


# -- the version table, pinned on 1.0 (behaviour details are tested in each linked topic) ----


def anyio_floor() -> str:
    requires = importlib.metadata.requires("starlette") or []
    (anyio,) = [req for req in requires if req.startswith("anyio")]
    return anyio


@pytest.mark.starlette("1.0", before="1.8")
def test_python_3_10_is_supported_before_1_8() -> None:
    assert importlib.metadata.metadata("starlette")["Requires-Python"] == ">=3.10"


@pytest.mark.starlette("1.7")
def test_anyio_4_is_required_since_1_7() -> None:
    assert ">=4" in anyio_floor()


@pytest.mark.starlette("1.0", before="1.7")
def test_anyio_3_is_accepted_before_1_7() -> None:
    assert ">=3" in anyio_floor()


@pytest.mark.starlette("1.0", before="1.2")
def test_test_client_is_built_on_httpx_before_1_2() -> None:
    import starlette.testclient

    assert starlette.testclient.httpx.__name__ == "httpx"


NEW_KEYWORDS = [
    ("starlette.middleware.gzip", "GZipMiddleware", {"thread_minimum_size": 1}),  # 1.4
    ("starlette.middleware.gzip", "GZipMiddleware", {"exclude_content_types": ()}),  # 1.5
    ("starlette.applications", "Starlette", {"max_body_size": 1}),  # 1.6
    ("starlette.middleware.sessions", "SessionMiddleware", {"partitioned": True}),  # 1.7
]


@pytest.mark.starlette("1.0", before="1.4")
@pytest.mark.parametrize(("module", "name", "keyword"), NEW_KEYWORDS)
def test_keywords_of_the_version_table_are_unknown_on_1_0(module, name, keyword) -> None:
    cls = getattr(importlib.import_module(module), name)
    args = () if name == "Starlette" else (Starlette(),)
    kwargs = {"secret_key": "k"} if name == "SessionMiddleware" else {}
    with pytest.raises(TypeError, match=f"unexpected keyword argument '{next(iter(keyword))}'"):
        cls(*args, **kwargs, **keyword)


@pytest.mark.starlette("1.0", before="1.7")
def test_otel_middleware_and_websocket_disconnected_are_missing_before_1_7() -> None:
    import starlette.websockets

    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("starlette.middleware.opentelemetry")
    assert not hasattr(starlette.websockets, "WebSocketDisconnected")


@pytest.mark.starlette("1.10")
def test_form_message_warns_since_1_10() -> None:
    from starlette.exceptions import StarletteDeprecationWarning
    from starlette.formparsers import FormMessage

    with pytest.warns(StarletteDeprecationWarning, match="`FormMessage` is deprecated"):
        FormMessage(1)


@pytest.mark.starlette("1.0", before="1.10")
def test_form_message_is_silent_before_1_10() -> None:
    from starlette.formparsers import FormMessage

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert FormMessage(1) is FormMessage.FIELD_START


@pytest.mark.parametrize(
    "old",
    [
        "413_REQUEST_ENTITY_TOO_LARGE",
        "414_REQUEST_URI_TOO_LONG",
        "416_REQUESTED_RANGE_NOT_SATISFIABLE",
        "422_UNPROCESSABLE_ENTITY",
    ],
)
def test_every_old_status_name_warns_and_still_works(old: str) -> None:
    import starlette.status

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert getattr(starlette.status, f"HTTP_{old}") == int(old[:3])
    assert "is deprecated" in str(caught[0].message)


def test_add_route_and_router_add_websocket_route_still_exist() -> None:
    from starlette.responses import PlainTextResponse
    from starlette.websockets import WebSocket

    async def home(request: Request) -> PlainTextResponse:
        return PlainTextResponse("home")

    async def ws(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.close()

    app = Starlette()
    app.add_route("/", home)
    app.router.add_websocket_route("/ws", ws)
    client = TestClient(app)
    assert client.get("/").text == "home"
    with client.websocket_connect("/ws"):
        pass
