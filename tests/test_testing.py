import importlib
import sys

import anyio
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, StreamingResponse
from starlette.routing import Route
from starlette.testclient import TestClient
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from examples.testing.async_client import anyio_backend as anyio_backend
from examples.testing.async_client import httpx
from examples.testing.async_client import (
    test_echo_with_async_client as test_echo_with_async_client,
)
from examples.testing.client_basics import app as basics_app
from examples.testing.client_basics import (
    test_client_options_reach_the_request as test_client_options_reach_the_request,
)
from examples.testing.client_basics import (
    test_lifespan_runs_inside_with_block as test_lifespan_runs_inside_with_block,
)
from examples.testing.client_basics import (
    test_redirects_are_followed_unless_disabled as test_redirects_are_followed_unless_disabled,
)
from examples.testing.client_basics import (
    test_server_exceptions_are_raised_in_the_test as test_server_exceptions_are_raised_in_the_test,
)
from examples.testing.client_basics import (
    test_server_exceptions_as_500_responses as test_server_exceptions_as_500_responses,
)
from examples.testing.client_basics import test_trio_backend as test_trio_backend
from examples.testing.dont_lifespan_without_with import check_items
from examples.testing.override_config import app as config_app
from examples.testing.override_config import test_defaults as test_defaults
from examples.testing.override_config import (
    test_override_with_an_explicit_environ as test_override_with_an_explicit_environ,
)


def test_dont_lifespan_without_with_fails_with_attributeerror() -> None:
    with pytest.raises(AttributeError, match=r"^'State' object has no attribute 'items'$"):
        check_items()


@pytest.mark.anyio
async def test_asgitransport_runs_no_lifespan() -> None:
    transport = httpx.ASGITransport(app=basics_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        with pytest.raises(AttributeError, match="'State' object has no attribute 'greeting'"):
            await client.get("/")


def test_env_changes_after_import_do_not_reach_a_built_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAINTENANCE", "true")
    assert TestClient(config_app).get("/").status_code == 200


def test_timeout_argument_warns() -> None:
    with pytest.warns(
        Warning, match=r"You should not use the 'timeout' argument with the TestClient"
    ):
        TestClient(basics_app).get("/whoami", timeout=1)


def test_per_request_cookies_are_deprecated_by_httpx() -> None:
    with pytest.warns(DeprecationWarning, match=r"Setting per-request cookies=<\.\.\.> is being"):
        TestClient(basics_app).get("/whoami", cookies={"theme": "dark"})


@pytest.mark.starlette("1.2")
def test_testclient_warns_when_only_httpx_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    from starlette.exceptions import StarletteDeprecationWarning

    real_client_module = importlib.import_module("httpx2")
    monkeypatch.setitem(sys.modules, "httpx", real_client_module)  # pretend httpx is installed
    monkeypatch.setitem(sys.modules, "httpx2", None)  # and httpx2 is not
    monkeypatch.delitem(sys.modules, "starlette.testclient")
    with pytest.warns(StarletteDeprecationWarning) as record:
        importlib.import_module("starlette.testclient")
    assert str(record[0].message) == (
        "Using `httpx` with `starlette.testclient` is deprecated; install `httpx2` instead."
    )
    assert issubclass(StarletteDeprecationWarning, UserWarning)


@pytest.mark.starlette("1.9")
def test_streaming_example(monkeypatch: pytest.MonkeyPatch) -> None:
    from examples.testing.streaming_events import (
        test_read_the_first_events_of_an_endless_stream as run,
    )

    run(monkeypatch)


def endless_stream_app(events: list[str]) -> Starlette:
    """Streams one line, then waits forever; records when its generator is closed."""

    async def endless(request: Request) -> StreamingResponse:
        async def body() -> object:
            try:
                yield b"first\n"
                await anyio.sleep_forever()
            finally:
                events.append("generator closed")

        return StreamingResponse(body())

    return Starlette(routes=[Route("/", endless)])


@pytest.mark.starlette("1.9")
def test_closing_an_unfinished_stream_cancels_the_app() -> None:
    events: list[str] = []
    with TestClient(endless_stream_app(events)) as client:
        with client.stream("GET", "/") as response:
            lines = response.iter_lines()
            assert next(lines) == "first"
            assert events == []
        assert events == ["generator closed"]


@pytest.mark.starlette("1.7")
def test_trailers_example() -> None:
    from examples.testing.response_trailers import (
        test_trailers_are_exposed_as_a_response_extension as run,
    )

    run()


def call(app: ASGIApp, extensions: dict[str, object]) -> list[Message]:
    scope = {"type": "http", "method": "GET", "path": "/", "headers": [], "extensions": extensions}
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}  # pragma: no cover

    async def send(message: Message) -> None:
        sent.append(message)

    anyio.run(app, scope, receive, send)
    return sent


@pytest.mark.starlette("1.7")
def test_trailers_example_sends_none_without_the_extension() -> None:
    from examples.testing.response_trailers import app

    sent = call(app, {})
    assert sent[0]["trailers"] is False
    assert [m["type"] for m in sent].count("http.response.trailers") == 0


@pytest.mark.starlette("1.7")
def test_responses_without_trailers_have_no_trailer_extension() -> None:
    assert "http.response.trailers" not in TestClient(basics_app).get("/whoami").extensions


@pytest.mark.starlette("1.9")
def test_a_discarded_line_iterator_closes_the_stream() -> None:
    events: list[str] = []
    with TestClient(endless_stream_app(events)) as client:
        with client.stream("GET", "/") as response:
            assert next(response.iter_lines()) == "first"
            assert events == ["generator closed"]


def test_default_user_agent_and_root_path() -> None:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        body = f"{request.headers['user-agent']} {scope['root_path']}"
        await PlainTextResponse(body)(scope, receive, send)

    assert TestClient(app, root_path="/api").get("/").text == "testclient /api"


@pytest.mark.anyio
async def test_asgitransport_client_address_and_500s() -> None:
    transport = httpx.ASGITransport(app=basics_app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        assert (await client.get("/whoami")).json()["client"] == ["127.0.0.1", 123]
        assert (await client.get("/boom")).status_code == 500


# --- Older releases ---------------------------------------------------------------------------


def full_extra_requirements() -> list[str]:
    import importlib.metadata

    requirements = importlib.metadata.metadata("starlette").get_all("Requires-Dist") or []
    return [r.split(";")[0] for r in requirements if "extra == 'full'" in r]


@pytest.mark.starlette("1.3")
def test_full_extra_installs_httpx2_from_1_3() -> None:
    assert any(r.startswith("httpx2") for r in full_extra_requirements())


@pytest.mark.starlette("1.0", before="1.3")
def test_before_1_3_full_extra_installs_httpx_only() -> None:
    requirements = full_extra_requirements()
    assert not any(r.startswith("httpx2") for r in requirements)
    assert any(r.startswith("httpx") for r in requirements)


@pytest.mark.starlette("1.0", before="1.2")
def test_before_1_2_the_test_client_is_built_on_httpx() -> None:
    import starlette.testclient

    assert starlette.testclient.httpx.__name__ == "httpx"


@pytest.mark.starlette("1.0", before="1.9")
def test_before_1_9_stream_returns_only_after_the_app_finished() -> None:
    events: list[str] = []

    async def finite(request: Request) -> StreamingResponse:
        async def body() -> object:
            try:
                yield b"first\n"
                await anyio.sleep(0.01)
                yield b"second\n"
            finally:
                events.append("generator finished")

        return StreamingResponse(body())

    with TestClient(Starlette(routes=[Route("/", finite)])) as client:
        with client.stream("GET", "/") as response:
            assert events == ["generator finished"]
            assert list(response.iter_lines()) == ["first", "second"]


@pytest.mark.starlette("1.0", before="1.7")
def test_before_1_7_the_test_client_offers_no_trailers_extension() -> None:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        offered = "http.response.trailers" in scope.get("extensions", {})
        await PlainTextResponse(str(offered))(scope, receive, send)

    response = TestClient(app).get("/")
    assert response.text == "False"
    assert "http.response.trailers" not in response.extensions


def test_client_defaults_base_url_and_client_address() -> None:
    assert TestClient(basics_app).get("/whoami").json() == {
        "url": "http://testserver/whoami",
        "client": ["testclient", 50000],
        "tenant": None,
        "theme": None,
    }


def test_app_state_is_the_lifespan_state_dict() -> None:
    with TestClient(basics_app) as client:
        assert client.app_state == {"greeting": "hello"}
