"""Every message quoted in references/troubleshooting.md, triggered and asserted verbatim.

A missing optional package is simulated by blocking its import (a meta path finder that
raises ModuleNotFoundError like a real absence) and importing a fresh copy of the Starlette
module that needs it; nothing is uninstalled.
"""

from __future__ import annotations

import asyncio
import importlib
import importlib.metadata
import importlib.util
import logging
import re
import sys
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.config import Config, Environ, EnvironError
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, StreamingResponse
from starlette.routing import Mount, NoMatchFound, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.testclient import TestClient
from starlette.websockets import WebSocket, WebSocketDisconnect

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "references" / "troubleshooting.md"

MESSAGES = {
    "on_startup": "Starlette.__init__() got an unexpected keyword argument 'on_startup'",
    "route": "'Starlette' object has no attribute 'route'",
    "get": "'Starlette' object has no attribute 'get'",
    "response_model": "Route.__init__() got an unexpected keyword argument 'response_model'",
    "multipart": "The `python-multipart` library must be installed to use form parsing.",
    "jinja2": "jinja2 must be installed to use Jinja2Templates",
    "itsdangerous": "No module named 'itsdangerous'",
    "httpx2_missing": (
        "The starlette.testclient module requires the httpx2 package to be installed."
    ),
    "httpx_missing": "The starlette.testclient module requires the httpx package to be installed.",
    "httpx_deprecated": (
        "Using `httpx` with `starlette.testclient` is deprecated; install `httpx2` instead."
    ),
    "timeout": (
        "You should not use the 'timeout' argument with the TestClient. "
        "See https://github.com/Kludex/starlette/issues/1108 for more information."
    ),
    "allow_redirects": "get() got an unexpected keyword argument 'allow_redirects'",
    "session": "SessionMiddleware must be installed to access request.session",
    "user": "AuthenticationMiddleware must be installed to access request.user",
    "auth": "AuthenticationMiddleware must be installed to access request.auth",
    "no_match": 'No route exists for name "item" and params "id".',
    "static_dir": "Directory 'static' does not exist",
    "static_dir_lazy": "StaticFiles directory 'static' does not exist.",
    "lifespan_unsupported": "ASGI 'lifespan' protocol appears unsupported.",
    "already_started": "Caught handled exception, but response already started.",
    "ws_not_accepted": 'WebSocket is not connected. Need to call "accept" first.',
    "ws_send_after_close": 'Cannot call "send" once a close message has been sent.',
    "status_422": (
        "'HTTP_422_UNPROCESSABLE_ENTITY' is deprecated. "
        "Use 'HTTP_422_UNPROCESSABLE_CONTENT' instead."
    ),
    "gen_lifespan": (
        "generator function lifespans are deprecated, use an @contextlib.asynccontextmanager "
        "function instead"
    ),
    "agen_lifespan": (
        "async generator function lifespans are deprecated, use an "
        "@contextlib.asynccontextmanager function instead"
    ),
    "wsgi": (
        "starlette.middleware.wsgi is deprecated and will be removed in a future release. "
        "Please refer to https://github.com/abersheeran/a2wsgi as a replacement."
    ),
    "middleware_started": "Cannot add middleware after an application has started",
    "path_slash": "Routed paths must start with '/'",
    "duplicated_param": "Duplicated param name id at path /{id}/{id}",
    "unknown_convertor": "Unknown path convertor 'uuid4'",
    "middleware_unwrapped": "cannot unpack non-iterable type object",
    "dict_return": "'dict' object is not callable",
    # Prefixed by the function's qualified name, e.g. "app() missing ...".
    "asgi_as_route": "() missing 2 required positional arguments: 'receive' and 'send'",
    "config_missing": "Config 'SECRET_KEY' is missing, and has no default.",
    "config_bool": "Config 'DEBUG' has value 'maybe'. Not a valid bool.",
    "environ_set": "Attempting to set environ['DEBUG'], but the value has already been read.",
    "env_file": "Config file '.env' not found.",
    "stream_consumed": "Stream consumed",
    "bad_json": "Expecting value: line 1 column 1 (char 0)",
    "too_many_files": "Too many files. Maximum number of files is 1.",
}


class _Blocker:
    """A meta path finder that makes `names` (and their submodules) look uninstalled."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = set(names)

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        if fullname.split(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)


def block_imports(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    for module in list(sys.modules):
        if module.split(".")[0] in names:
            monkeypatch.delitem(sys.modules, module)
    monkeypatch.setattr(sys, "meta_path", [_Blocker(names), *sys.meta_path])


def fresh_copy(module: str) -> ModuleType:
    """Execute a Starlette module again under a private name (the original stays intact)."""
    original = importlib.import_module(module)
    spec = importlib.util.spec_from_file_location(f"_fresh_{module}", original.__file__)
    assert spec is not None and spec.loader is not None
    copy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(copy)
    return copy


def text(body: str) -> PlainTextResponse:
    return PlainTextResponse(body)


def client_for(*routes: Any, **kwargs: Any) -> TestClient:
    return TestClient(Starlette(routes=list(routes)), **kwargs)


# -- removed APIs and FastAPI habits -----------------------------------------------------


def test_on_startup_argument_is_a_type_error() -> None:
    with pytest.raises(TypeError) as exc:
        Starlette(on_startup=[])  # type: ignore[call-arg]
    assert str(exc.value) == MESSAGES["on_startup"]


def test_route_decorator_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError) as exc:
        Starlette().route("/")  # type: ignore[attr-defined]
    assert str(exc.value) == MESSAGES["route"]


def test_fastapi_get_decorator_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError) as exc:
        Starlette().get("/")  # type: ignore[attr-defined]
    assert str(exc.value) == MESSAGES["get"]


def test_fastapi_response_model_is_a_type_error() -> None:
    async def endpoint(request: Request) -> PlainTextResponse:
        return text("x")

    with pytest.raises(TypeError) as exc:
        Route("/", endpoint, response_model=dict)  # type: ignore[call-arg]
    assert str(exc.value) == MESSAGES["response_model"]


def test_returning_a_dict_is_a_type_error_and_a_500() -> None:
    async def endpoint(request: Request) -> dict[str, int]:
        return {"a": 1}

    with pytest.raises(TypeError) as exc:
        client_for(Route("/", endpoint)).get("/")
    assert str(exc.value) == MESSAGES["dict_return"]
    assert (
        client_for(Route("/", endpoint), raise_server_exceptions=False).get("/").status_code == 500
    )


def test_asgi_app_passed_to_route_gets_called_as_an_endpoint() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await PlainTextResponse("raw")(scope, receive, send)

    with pytest.raises(TypeError) as exc:
        client_for(Route("/raw", app)).get("/raw")
    assert str(exc.value).endswith(f".app{MESSAGES['asgi_as_route']}")
    assert client_for(Mount("/raw", app)).get("/raw").text == "raw"


def test_middleware_class_without_middleware_wrapper_is_a_type_error() -> None:
    from starlette.middleware.cors import CORSMiddleware

    app = Starlette(middleware=[CORSMiddleware])  # type: ignore[list-item]
    with pytest.raises(TypeError) as exc:
        TestClient(app).get("/")
    assert str(exc.value) == MESSAGES["middleware_unwrapped"]


# -- optional packages -------------------------------------------------------------------


def test_missing_python_multipart_fails_on_form_parsing(monkeypatch) -> None:
    block_imports(monkeypatch, "python_multipart", "multipart")
    requests = fresh_copy("starlette.requests")
    body = b"a=1"

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/",
        "query_string": b"",
        "headers": [(b"content-type", b"application/x-www-form-urlencoded")],
    }

    async def parse() -> None:
        await requests.Request(scope, receive).form()

    with pytest.raises(AssertionError) as exc:
        asyncio.run(parse())
    assert str(exc.value) == MESSAGES["multipart"]


def test_missing_jinja2_fails_at_import(monkeypatch) -> None:
    block_imports(monkeypatch, "jinja2")
    with pytest.raises(ImportError) as exc:
        fresh_copy("starlette.templating")
    assert str(exc.value) == MESSAGES["jinja2"]


def test_missing_itsdangerous_fails_at_import_of_session_middleware(monkeypatch) -> None:
    block_imports(monkeypatch, "itsdangerous")
    with pytest.raises(ModuleNotFoundError) as exc:
        fresh_copy("starlette.middleware.sessions")
    assert str(exc.value) == MESSAGES["itsdangerous"]


def missing_test_client_message(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    block_imports(monkeypatch, "httpx2", "httpx")
    with pytest.raises(RuntimeError) as exc:
        fresh_copy("starlette.testclient")
    return str(exc.value).splitlines()


@pytest.mark.starlette("1.2")
def test_missing_test_client_package_asks_for_httpx2_since_1_2(monkeypatch) -> None:
    lines = missing_test_client_message(monkeypatch)
    assert (lines[0], lines[-1]) == (MESSAGES["httpx2_missing"], "    $ pip install httpx2")


@pytest.mark.starlette("1.0", before="1.2")
def test_missing_test_client_package_asked_for_httpx_before_1_2(monkeypatch) -> None:
    lines = missing_test_client_message(monkeypatch)
    assert (lines[0], lines[-1]) == (MESSAGES["httpx_missing"], "    $ pip install httpx")


@pytest.mark.starlette("1.2")
def test_test_client_with_only_httpx_warns(monkeypatch) -> None:
    from starlette.exceptions import StarletteDeprecationWarning

    httpx2 = importlib.import_module("httpx2")
    block_imports(monkeypatch, "httpx2")
    monkeypatch.setitem(sys.modules, "httpx", httpx2)  # stands in for an installed httpx
    with pytest.warns(StarletteDeprecationWarning) as caught:
        fresh_copy("starlette.testclient")
    assert str(caught[0].message) == MESSAGES["httpx_deprecated"]


def test_test_client_timeout_argument_warns() -> None:
    async def endpoint(request: Request) -> PlainTextResponse:
        return text("x")

    with pytest.warns(Warning) as caught:
        client_for(Route("/", endpoint)).get("/", timeout=1)
    assert str(caught[0].message) == MESSAGES["timeout"]


def allow_redirects_error() -> str:
    with pytest.raises(TypeError) as exc:
        client_for().get("/", allow_redirects=False)  # type: ignore[call-arg]
    return str(exc.value)


@pytest.mark.starlette("1.0", before="1.7")
def test_allow_redirects_names_test_client_get_before_1_7() -> None:
    assert allow_redirects_error() == f"TestClient.{MESSAGES['allow_redirects']}"


@pytest.mark.starlette("1.7")
def test_allow_redirects_names_client_get_since_1_7() -> None:
    assert allow_redirects_error() == f"Client.{MESSAGES['allow_redirects']}"


# -- middleware that is not installed ------------------------------------------------------


@pytest.mark.parametrize(
    ("attribute", "key"), [("session", "session"), ("user", "user"), ("auth", "auth")]
)
def test_request_attribute_without_its_middleware(attribute: str, key: str) -> None:
    async def endpoint(request: Request) -> PlainTextResponse:
        getattr(request, attribute)
        return text("x")

    with pytest.raises(AssertionError) as exc:
        client_for(Route("/", endpoint)).get("/")
    assert str(exc.value) == MESSAGES[key]


def test_add_middleware_after_start_is_a_runtime_error() -> None:
    from starlette.middleware.gzip import GZipMiddleware

    app = Starlette()
    TestClient(app).get("/")
    with pytest.raises(RuntimeError) as exc:
        app.add_middleware(GZipMiddleware)
    assert str(exc.value) == MESSAGES["middleware_started"]
    assert Middleware(GZipMiddleware)  # the fix: pass middleware= at construction


# -- routing -----------------------------------------------------------------------------


def test_url_for_unknown_name_or_params_raises_no_match_found() -> None:
    async def endpoint(request: Request) -> PlainTextResponse:
        return text(str(request.url_for("item", id=1)))

    with pytest.raises(NoMatchFound) as exc:
        client_for(Route("/", endpoint), Route("/items/{item_id}", endpoint, name="item")).get("/")
    assert str(exc.value) == MESSAGES["no_match"]


def test_route_definition_errors() -> None:
    async def endpoint(request: Request) -> PlainTextResponse:
        return text("x")

    with pytest.raises(AssertionError) as slash:
        Route("items", endpoint)
    with pytest.raises(AssertionError) as mount_slash:
        Mount("static", routes=[])
    with pytest.raises(ValueError) as duplicated:
        Route("/{id}/{id}", endpoint)
    with pytest.raises(AssertionError) as convertor:
        Route("/{id:uuid4}", endpoint)
    assert str(slash.value) == str(mount_slash.value) == MESSAGES["path_slash"]
    assert str(duplicated.value) == MESSAGES["duplicated_param"]
    assert str(convertor.value) == MESSAGES["unknown_convertor"]


def test_static_files_missing_directory(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RuntimeError) as eager:
        StaticFiles(directory="static")
    assert str(eager.value) == MESSAGES["static_dir"]
    lazy = client_for(Mount("/static", StaticFiles(directory="static", check_dir=False)))
    with pytest.raises(RuntimeError) as exc:
        lazy.get("/static/app.css")
    assert str(exc.value) == MESSAGES["static_dir_lazy"]


# -- lifespan and responses --------------------------------------------------------------


def test_uvicorn_reports_lifespan_unsupported_for_an_app_without_it(caplog) -> None:
    from uvicorn.config import Config as UvicornConfig
    from uvicorn.lifespan.on import LifespanOn

    async def http_only(scope: Any, receive: Any, send: Any) -> None:
        assert scope["type"] == "http"

    async def start() -> None:
        config = UvicornConfig(app=http_only, lifespan="auto", log_config=None)
        config.load()
        await LifespanOn(config).startup()

    with caplog.at_level(logging.INFO, logger="uvicorn.error"):
        asyncio.run(start())
    assert MESSAGES["lifespan_unsupported"] in caplog.messages


def test_http_exception_after_response_started() -> None:
    async def chunks():
        yield b"partial"
        raise HTTPException(status_code=400)

    async def endpoint(request: Request) -> StreamingResponse:
        return StreamingResponse(chunks())

    with pytest.raises(RuntimeError) as exc:
        client_for(Route("/", endpoint)).get("/")
    assert str(exc.value) == MESSAGES["already_started"]


def test_reading_a_consumed_stream_raises() -> None:
    async def endpoint(request: Request) -> PlainTextResponse:
        async for _ in request.stream():
            pass
        await request.body()
        return text("x")

    with pytest.raises(RuntimeError) as exc:
        client_for(Route("/", endpoint, methods=["POST"])).post("/", content=b"abc")
    assert str(exc.value) == MESSAGES["stream_consumed"]


def test_unchecked_request_json_is_a_500() -> None:
    async def endpoint(request: Request) -> PlainTextResponse:
        return text(str(await request.json()))

    client = client_for(Route("/", endpoint, methods=["POST"]), raise_server_exceptions=False)
    assert client.post("/", content=b"").status_code == 500
    with pytest.raises(ValueError) as exc:
        client_for(Route("/", endpoint, methods=["POST"])).post("/", content=b"")
    assert str(exc.value) == MESSAGES["bad_json"]


def test_form_limit_is_a_400_with_its_message() -> None:
    async def endpoint(request: Request) -> PlainTextResponse:
        async with request.form(max_files=1) as form:
            return text(str(len(form)))

    files = [("a", ("a.txt", b"a")), ("b", ("b.txt", b"b"))]
    response = client_for(Route("/", endpoint, methods=["POST"])).post("/", files=files)
    assert (response.status_code, response.text) == (400, MESSAGES["too_many_files"])


def test_sync_endpoint_runs_in_a_thread_async_endpoint_on_the_loop() -> None:
    threads: dict[str, str] = {}

    def blocking(request: Request) -> PlainTextResponse:
        threads["def"] = threading.current_thread().name
        return text("x")

    async def non_blocking(request: Request) -> PlainTextResponse:
        threads["async"] = threading.current_thread().name
        return text("x")

    client = client_for(Route("/def", blocking), Route("/async", non_blocking))
    client.get("/def")
    client.get("/async")
    assert threads["def"] != threads["async"]


# -- websockets --------------------------------------------------------------------------


def test_websocket_receive_before_accept() -> None:
    async def endpoint(websocket: WebSocket) -> None:
        await websocket.receive_text()

    with pytest.raises(RuntimeError) as exc:
        with client_for(WebSocketRoute("/ws", endpoint)).websocket_connect("/ws"):
            pass  # pragma: no cover
    assert str(exc.value) == MESSAGES["ws_not_accepted"]


def test_websocket_send_after_close() -> None:
    async def endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.close()
        await websocket.send_text("late")

    with pytest.raises(RuntimeError) as exc:
        with client_for(WebSocketRoute("/ws", endpoint)).websocket_connect("/ws") as ws:
            ws.receive_text()
    assert str(exc.value) == MESSAGES["ws_send_after_close"]


def test_websocket_closed_before_accept_disconnects_the_client() -> None:
    async def endpoint(websocket: WebSocket) -> None:
        await websocket.close()

    with pytest.raises(WebSocketDisconnect) as exc:
        with client_for(WebSocketRoute("/ws", endpoint)).websocket_connect("/ws"):
            pass  # pragma: no cover
    assert exc.value.code == 1000


# -- deprecations ------------------------------------------------------------------------


def test_old_status_name_warns() -> None:
    import starlette.status

    with pytest.warns(Warning) as caught:
        assert starlette.status.HTTP_422_UNPROCESSABLE_ENTITY == 422
    assert str(caught[0].message) == MESSAGES["status_422"]


def test_generator_lifespans_warn() -> None:
    def sync_lifespan(app: Starlette):
        yield

    async def async_lifespan(app: Starlette):
        yield

    with pytest.warns(Warning) as sync_caught:
        Starlette(lifespan=sync_lifespan)
    with pytest.warns(Warning) as async_caught:
        Starlette(lifespan=async_lifespan)
    assert str(sync_caught[0].message) == MESSAGES["gen_lifespan"]
    assert str(async_caught[0].message) == MESSAGES["agen_lifespan"]


def test_wsgi_middleware_import_warns(monkeypatch) -> None:
    monkeypatch.delitem(sys.modules, "starlette.middleware.wsgi", raising=False)
    with pytest.warns(Warning) as caught:
        importlib.import_module("starlette.middleware.wsgi")
    assert str(caught[0].message) == MESSAGES["wsgi"]


@pytest.mark.starlette("1.0", before="1.3.1")
def test_deprecations_are_deprecation_warnings_before_1_3_1() -> None:
    import starlette.status

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert starlette.status.HTTP_413_REQUEST_ENTITY_TOO_LARGE == 413
    assert caught[0].category is DeprecationWarning


@pytest.mark.starlette("1.3.1")
def test_deprecations_are_starlette_deprecation_warnings_since_1_3_1() -> None:
    import starlette.status
    from starlette.exceptions import StarletteDeprecationWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert starlette.status.HTTP_413_REQUEST_ENTITY_TOO_LARGE == 413
    assert caught[0].category is StarletteDeprecationWarning


# -- config ------------------------------------------------------------------------------


def test_config_errors() -> None:
    with pytest.raises(KeyError) as missing:
        Config(environ={})("SECRET_KEY")
    with pytest.raises(ValueError) as bad_bool:
        Config(environ={"DEBUG": "maybe"})("DEBUG", cast=bool)
    environ = Environ({"DEBUG": "true"})
    assert environ["DEBUG"] == "true"
    with pytest.raises(EnvironError) as late:
        environ["DEBUG"] = "false"
    assert missing.value.args[0] == MESSAGES["config_missing"]
    assert str(bad_bool.value) == MESSAGES["config_bool"]
    assert str(late.value) == MESSAGES["environ_set"]


def test_config_missing_env_file_warns(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.warns(UserWarning) as caught:
        Config(".env", environ={})
    assert str(caught[0].message) == MESSAGES["env_file"]


# -- the reference quotes them all --------------------------------------------------------


def test_every_message_is_quoted_in_the_reference() -> None:
    doc = DOC.read_text(encoding="utf-8")
    missing = [key for key, message in MESSAGES.items() if message not in doc]
    assert missing == []
    assert len(MESSAGES) >= 25


# -- fixes named in the reference --------------------------------------------------------


def test_body_read_first_allows_stream_afterwards() -> None:
    async def endpoint(request: Request) -> PlainTextResponse:
        body = await request.body()
        chunks = [chunk async for chunk in request.stream()]
        return text(f"{body!r} {b''.join(chunks)!r}")

    response = client_for(Route("/", endpoint, methods=["POST"])).post("/", content=b"abc")
    assert response.text == "b'abc' b'abc'"


def test_config_bool_accepts_true_false_1_0_in_any_case() -> None:
    environ = {"A": "TRUE", "B": "False", "C": "1", "D": "0"}
    config = Config(environ=environ)
    assert [config(key, cast=bool) for key in "ABCD"] == [True, False, True, False]


def test_builtin_path_convertors() -> None:
    from starlette import convertors

    # register_url_convertor() adds to this dict process-wide (the routing examples do), so
    # check the built-ins by their classes, not by the dict's size.
    builtins = {
        name
        for name, conv in convertors.CONVERTOR_TYPES.items()
        if type(conv).__module__ == "starlette.convertors"
    }
    assert builtins == {"str", "path", "int", "float", "uuid"}


def test_full_extra_installs_the_optional_packages() -> None:
    requires = importlib.metadata.requires("starlette") or []
    full = {re.split(r"[<>=;\[ ]", req)[0] for req in requires if "extra == 'full'" in req}
    assert {"itsdangerous", "jinja2", "python-multipart", "pyyaml"} <= full


@pytest.mark.starlette("1.7")
def test_websocket_disconnected_is_a_runtime_error_since_1_7() -> None:
    from starlette.websockets import WebSocketDisconnected

    async def endpoint(websocket: WebSocket) -> None:
        await websocket.receive_text()

    assert issubclass(WebSocketDisconnected, RuntimeError)
    with pytest.raises(WebSocketDisconnected):
        with client_for(WebSocketRoute("/ws", endpoint)).websocket_connect("/ws"):
            pass  # pragma: no cover


@pytest.mark.starlette("1.0", before="1.7")
def test_websocket_errors_are_plain_runtime_errors_before_1_7() -> None:
    async def endpoint(websocket: WebSocket) -> None:
        await websocket.receive_text()

    with pytest.raises(RuntimeError) as exc:
        with client_for(WebSocketRoute("/ws", endpoint)).websocket_connect("/ws"):
            pass  # pragma: no cover
    assert type(exc.value) is RuntimeError


def test_uvicorn_lifespan_on_logs_the_real_error(caplog) -> None:
    from uvicorn.config import Config as UvicornConfig
    from uvicorn.lifespan.on import LifespanOn

    async def http_only(scope: Any, receive: Any, send: Any) -> None:
        assert scope["type"] == "http", "lifespan not handled"

    async def start() -> None:
        config = UvicornConfig(app=http_only, lifespan="on", log_config=None)
        config.load()
        await LifespanOn(config).startup()

    with caplog.at_level(logging.ERROR, logger="uvicorn.error"):
        asyncio.run(start())
    assert "AssertionError: lifespan not handled" in caplog.text
