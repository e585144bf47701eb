import anyio
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient
from starlette.types import ASGIApp, Message


def call_with_extensions(app: ASGIApp, extensions: dict[str, dict[str, object]]) -> list[Message]:
    """Call the app as a server that advertises `extensions` would, and record what it sends."""
    scope = {
        "type": "http",
        "http_version": "2",
        "method": "GET",
        "scheme": "https",
        "path": "/",
        "raw_path": b"/",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"example.org")],
        "server": ("example.org", 443),
        "extensions": extensions,
    }
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        sent.append(message)

    anyio.run(app, scope, receive, send)
    return sent


@pytest.mark.starlette("1.8")
def test_report_sends_103_links_before_the_response_when_the_server_supports_it() -> None:
    from examples.early_hints.preload_assets import app

    sent = call_with_extensions(app, {"http.response.early_hint": {}})
    assert sent[0] == {
        "type": "http.response.early_hint",
        "links": [
            b"</assets/style.css>; rel=preload; as=style",
            b"</assets/app.js>; rel=modulepreload",
        ],
    }
    assert sent[1]["type"] == "http.response.start"
    assert sent[1]["status"] == 200


@pytest.mark.starlette("1.8")
def test_early_hints_are_a_noop_without_the_extension() -> None:
    from examples.early_hints.preload_assets import app

    sent = call_with_extensions(app, {})
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]


@pytest.mark.starlette("1.8")
def test_testclient_does_not_advertise_early_hints_and_gets_the_page() -> None:
    from examples.early_hints.preload_assets import app

    client = TestClient(app)
    response = client.get("/")
    assert response.status_code == 200
    assert '<link rel="stylesheet" href="/assets/style.css">' in response.text
    assert client.get("/assets/style.css").headers["content-type"].startswith("text/css")
    assert client.get("/assets/app.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/missing.css").status_code == 404


@pytest.mark.starlette("1.8")
def test_send_early_hints_links_are_positional_only() -> None:
    async def endpoint(request: Request) -> PlainTextResponse:
        await request.send_early_hints(link="</a.css>; rel=preload; as=style")  # type: ignore[call-arg]
        return PlainTextResponse("unreachable")  # pragma: no cover

    with pytest.raises(TypeError, match="positional-only arguments passed as keyword"):
        TestClient(Starlette(routes=[Route("/", endpoint)])).get("/")


async def pushing(request: Request) -> PlainTextResponse:
    await request.send_push_promise("/assets/style.css")
    return PlainTextResponse("pushed")


def test_send_push_promise_sends_http_response_push_only_with_the_extension() -> None:
    app = Starlette(routes=[Route("/", pushing)])
    assert TestClient(app).get("/").text == "pushed"
    sent = call_with_extensions(app, {"http.response.push": {}})
    assert sent[0]["type"] == "http.response.push"
    assert sent[0]["path"] == "/assets/style.css"
    assert [m["type"] for m in call_with_extensions(app, {})] == [
        "http.response.start",
        "http.response.body",
    ]


@pytest.mark.starlette("1.0", before="1.8")
def test_before_1_8_send_early_hints_is_an_attribute_error() -> None:
    from examples.early_hints.preload_assets import app

    assert not hasattr(Request, "send_early_hints")
    message = "'Request' object has no attribute 'send_early_hints'"
    with pytest.raises(AttributeError, match=message):
        call_with_extensions(app, {"http.response.early_hint": {}})
