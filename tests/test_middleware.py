"""Specifications for references/middleware.md: the stack, every built-in, custom middleware."""

from __future__ import annotations

import gzip
import importlib
import logging
import sys
import uuid

import anyio
import pytest
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.errors import ServerErrorMiddleware
from starlette.middleware.exceptions import ExceptionMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route, Router
from starlette.testclient import TestClient
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from examples.middleware.base_http_middleware import app as base_http_app
from examples.middleware.cors_explicit_origins import app as cors_app
from examples.middleware.dont_base_http_contextvar import app as dont_contextvar_app
from examples.middleware.dont_base_http_read_body import app as dont_read_body_app
from examples.middleware.dont_cors_wildcard_credentials import app as dont_cors_app
from examples.middleware.dont_http_exception_in_middleware import app as dont_http_exc_app
from examples.middleware.pure_asgi_request_id import app as request_id_app
from examples.middleware.pure_asgi_request_id import request_id_var
from examples.middleware.pure_asgi_timing import app as timing_app
from examples.middleware.route_and_mount_middleware import app as route_mw_app
from examples.middleware.stack_order import Tag
from examples.middleware.stack_order import app as order_app
from examples.middleware.trusted_host_https_redirect import app as host_app
from tests.helpers import import_fresh

APP_ORIGIN = "https://app.example.com"


def load_example(monkeypatch: pytest.MonkeyPatch, name: str, **env: str):
    return import_fresh(monkeypatch, f"examples.middleware.{name}", **env)


# --- the stack -----------------------------------------------------------------------


def test_stack_is_server_error_then_user_middleware_in_list_order_then_exception_then_router():
    stack = order_app.build_middleware_stack()
    layers = []
    while not isinstance(stack, Router):
        layers.append(getattr(stack, "name", type(stack).__name__))
        stack = stack.app
    assert layers == ["ServerErrorMiddleware", "added", "first", "second", "ExceptionMiddleware"]


def test_first_middleware_in_list_sees_the_request_first_and_add_middleware_goes_outside():
    with TestClient(order_app) as client:
        assert client.get("/").json() == {"trace": ["added", "first", "second"]}


def test_middleware_cannot_be_added_after_the_app_started():
    app = Starlette(routes=[Route("/", lambda request: PlainTextResponse("ok"))])
    with TestClient(app) as client:
        client.get("/")
    with pytest.raises(RuntimeError, match="Cannot add middleware after an application"):
        app.add_middleware(Tag, name="late")


def test_http_exception_raised_in_user_middleware_becomes_a_500():
    client = TestClient(dont_http_exc_app, raise_server_exceptions=False)
    response = client.get("/")
    assert response.status_code == 500
    assert response.text == "Internal Server Error"
    with pytest.raises(Exception, match="401"):
        TestClient(dont_http_exc_app).get("/")


def test_pure_asgi_api_key_middleware_sends_its_own_401(monkeypatch):
    module = load_example(monkeypatch, "pure_asgi_api_key", API_KEY="k-123")
    with TestClient(module.app) as client:  # lifespan passes through untouched
        assert client.get("/").status_code == 401
        assert client.get("/", headers={"X-API-Key": "wrong"}).status_code == 401
        assert client.get("/", headers={"X-API-Key": "k-123"}).text == "ok"
        assert client.get("/missing", headers={"X-API-Key": "k-123"}).status_code == 404


def test_pure_asgi_api_key_example_refuses_to_start_without_its_secret(monkeypatch):
    monkeypatch.delenv("API_KEY", raising=False)
    with pytest.raises(KeyError, match=r"Config 'API_KEY' is missing, and has no default\."):
        load_example(monkeypatch, "pure_asgi_api_key")


def test_500_and_exception_handlers_go_to_server_error_middleware_others_inside():
    async def on_error(request: Request, exc: Exception) -> Response:
        return PlainTextResponse("sorry", status_code=500)

    async def on_404(request: Request, exc: Exception) -> Response:
        return PlainTextResponse("nope", status_code=404)

    app = Starlette(exception_handlers={Exception: on_error, 404: on_404})
    stack = app.build_middleware_stack()
    assert stack.handler is on_error
    assert isinstance(stack.app, ExceptionMiddleware)
    assert 404 in stack.app._status_handlers


def _defaults(cls) -> dict:
    import inspect

    return {
        name: param.default
        for name, param in inspect.signature(cls).parameters.items()
        if name != "app"
    }


def test_builtin_parameters_and_defaults_match_the_table():
    from starlette.middleware.sessions import SessionMiddleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    cors = _defaults(CORSMiddleware)
    assert {k: tuple(v) if isinstance(v, list) else v for k, v in cors.items()} == {
        "allow_origins": (),
        "allow_methods": ("GET",),
        "allow_headers": (),
        "allow_credentials": False,
        "allow_origin_regex": None,
        "allow_private_network": False,
        "expose_headers": (),
        "max_age": 600,
    }
    assert _defaults(TrustedHostMiddleware) == {"allowed_hosts": None, "www_redirect": True}
    session = _defaults(SessionMiddleware)
    assert session["session_cookie"] == "session"
    assert session["max_age"] == 14 * 24 * 60 * 60 == 1209600
    assert (session["path"], session["same_site"], session["https_only"]) == ("/", "lax", False)
    assert session["domain"] is None


def test_trusted_host_without_allowed_hosts_allows_any_host():
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    app = Starlette(
        routes=[Route("/", lambda request: PlainTextResponse("ok"))],
        middleware=[Middleware(TrustedHostMiddleware)],
    )
    assert TestClient(app, base_url="http://anything.example").get("/").text == "ok"


@pytest.mark.starlette("1.4")
def test_gzip_thread_minimum_size_defaults_to_128_kib():
    from starlette.middleware.gzip import GZipMiddleware

    assert _defaults(GZipMiddleware)["thread_minimum_size"] == 131072


@pytest.mark.starlette("1.5")
def test_gzip_exclude_content_types_is_keyword_only():
    import inspect

    from starlette.middleware.gzip import GZipMiddleware

    param = inspect.signature(GZipMiddleware).parameters["exclude_content_types"]
    assert param.kind is inspect.Parameter.KEYWORD_ONLY


@pytest.mark.starlette("1.6")
def test_body_limit_middleware_takes_only_max_body_size():
    import inspect

    from starlette.middleware.body_limit import RequestBodyLimitMiddleware

    params = inspect.signature(RequestBodyLimitMiddleware).parameters
    assert list(params) == ["app", "max_body_size"]
    assert params["max_body_size"].default is inspect.Parameter.empty


@pytest.mark.starlette("1.7")
def test_session_partitioned_and_otel_keyword_only_parameters_since_1_7():
    import inspect

    from starlette.middleware.opentelemetry import OpenTelemetryMiddleware
    from starlette.middleware.sessions import SessionMiddleware

    assert _defaults(SessionMiddleware)["partitioned"] is False
    params = inspect.signature(OpenTelemetryMiddleware).parameters
    assert {name: p.default for name, p in params.items() if name != "app"} == {
        "excluded_urls": (),
        "tracer_provider": None,
        "meter_provider": None,
    }
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for n, p in params.items() if n != "app")


@pytest.mark.starlette("1.7")
def test_cors_star_methods_include_query_since_1_7():
    app = CORSMiddleware(Starlette(), allow_origins=[APP_ORIGIN], allow_methods=["*"])
    response = TestClient(app).options(
        "/", headers={"Origin": APP_ORIGIN, "Access-Control-Request-Method": "QUERY"}
    )
    assert response.status_code == 200
    assert "QUERY" in response.headers["access-control-allow-methods"]


# --- CORS ------------------------------------------------------------------------------


def test_cors_preflight_from_allowed_origin_echoes_origin_and_allows_credentials():
    client = TestClient(cors_app)
    response = client.options(
        "/profile",
        headers={
            "Origin": APP_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert response.status_code == 200
    assert response.text == "OK"
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN
    assert response.headers["access-control-allow-credentials"] == "true"
    assert response.headers["access-control-allow-methods"] == "GET, POST"
    assert response.headers["access-control-max-age"] == "600"
    # Accept, Accept-Language, Content-Language and Content-Type are always allowed.
    assert response.headers["access-control-allow-headers"] == (
        "Accept, Accept-Language, Authorization, Content-Language, Content-Type, X-Request-ID"
    )


def test_cors_preflight_rejections_are_400_with_the_failed_checks():
    client = TestClient(cors_app)
    response = client.options(
        "/profile",
        headers={
            "Origin": "https://evil.example",
            "Access-Control-Request-Method": "DELETE",
            "Access-Control-Request-Headers": "x-unknown",
        },
    )
    assert response.status_code == 400
    assert response.text == "Disallowed CORS origin, method, headers"
    assert "access-control-allow-origin" not in response.headers


def test_cors_private_network_preflight_is_refused_unless_allowed():
    headers = {
        "Origin": APP_ORIGIN,
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Private-Network": "true",
    }
    response = TestClient(cors_app).options("/profile", headers=headers)
    assert response.status_code == 400
    assert response.text == "Disallowed CORS private-network"
    pna_app = Starlette(
        middleware=[
            Middleware(
                CORSMiddleware,
                allow_origins=[APP_ORIGIN],
                allow_private_network=True,
            )
        ]
    )
    response = TestClient(pna_app).options("/profile", headers=headers)
    assert response.status_code == 200
    assert response.headers["access-control-allow-private-network"] == "true"


def test_cors_simple_request_echoes_allowed_origin_exposes_headers_and_varies_on_origin():
    response = TestClient(cors_app).get("/profile", headers={"Origin": APP_ORIGIN})
    assert response.json() == {"name": "ada"}
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN
    assert response.headers["access-control-allow-credentials"] == "true"
    assert response.headers["access-control-expose-headers"] == "X-Request-ID"
    assert response.headers["vary"] == "Origin"


def test_cors_origin_regex_is_fullmatched():
    client = TestClient(cors_app)
    ok = client.get("/profile", headers={"Origin": "https://pr-42.preview.example.com"})
    assert ok.headers["access-control-allow-origin"] == "https://pr-42.preview.example.com"
    for origin in (
        "https://pr-42.preview.example.com.evil.example",
        "https://evil.example/https://pr-42.preview.example.com",
        "http://pr-42.preview.example.com",
    ):
        response = client.get("/profile", headers={"Origin": origin})
        assert "access-control-allow-origin" not in response.headers, origin


def test_cors_disallowed_origin_still_gets_the_response_but_no_allow_origin_header():
    response = TestClient(cors_app).get("/profile", headers={"Origin": "https://evil.example"})
    assert response.status_code == 200  # the browser, not the server, blocks the read
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.starlette("1.7")
def test_cors_vary_origin_on_every_response_and_preflight_varies_on_request_headers():
    client = TestClient(cors_app)
    assert client.get("/profile").headers["vary"] == "Origin"
    evil = client.get("/profile", headers={"Origin": "https://evil.example"})
    assert evil.headers["vary"] == "Origin"
    preflight = client.options(
        "/profile", headers={"Origin": APP_ORIGIN, "Access-Control-Request-Method": "GET"}
    )
    assert preflight.headers["vary"] == (
        "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, "
        "Access-Control-Request-Private-Network"
    )


def test_cors_wildcard_with_credentials_reflects_any_origin_with_credentials():
    response = TestClient(dont_cors_app).get("/profile", headers={"Origin": "https://evil.example"})
    assert response.headers["access-control-allow-origin"] == "https://evil.example"
    assert response.headers["access-control-allow-credentials"] == "true"


# --- GZip ------------------------------------------------------------------------------


def _gzip_app(**options) -> Starlette:
    from starlette.middleware.gzip import GZipMiddleware

    async def report(request: Request) -> PlainTextResponse:
        return PlainTextResponse("row\n" * 1000)

    async def tiny(request: Request) -> PlainTextResponse:
        return PlainTextResponse("ok")

    async def events(request: Request) -> StreamingResponse:
        async def stream():
            for i in range(3):
                yield f"data: {i}\n\n" * 200

        return StreamingResponse(stream(), media_type="text/event-stream")

    return Starlette(
        routes=[Route("/report", report), Route("/tiny", tiny), Route("/events", events)],
        middleware=[Middleware(GZipMiddleware, **options)],
    )


def test_gzip_compresses_large_responses_and_sets_vary():
    client = TestClient(_gzip_app(minimum_size=1000, compresslevel=6))
    response = client.get("/report", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.text == "row\n" * 1000


def test_gzip_leaves_responses_below_minimum_size_alone():
    client = TestClient(_gzip_app(minimum_size=1000))
    response = client.get("/tiny", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in response.headers
    assert response.text == "ok"


def test_gzip_needs_gzip_in_accept_encoding():
    client = TestClient(_gzip_app())
    response = client.get("/report", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in response.headers


def test_gzip_never_compresses_server_sent_events():
    response = TestClient(_gzip_app()).get("/events", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in response.headers
    assert response.text.startswith("data: 0")


def test_gzip_defaults_are_500_bytes_and_level_9():
    import inspect

    from starlette.middleware.gzip import GZipMiddleware

    params = inspect.signature(GZipMiddleware).parameters
    assert params["minimum_size"].default == 500
    assert params["compresslevel"].default == 9


def test_gzip_skips_responses_that_already_have_content_encoding():
    async def precompressed(request: Request) -> Response:
        body = gzip.compress(b"x" * 2000)
        return Response(body, headers={"Content-Encoding": "gzip"}, media_type="text/plain")

    from starlette.middleware.gzip import GZipMiddleware

    app = Starlette(routes=[Route("/", precompressed)], middleware=[Middleware(GZipMiddleware)])
    response = TestClient(app).get("/", headers={"Accept-Encoding": "gzip"})
    assert response.text == "x" * 2000  # decoded once: not double-compressed


@pytest.mark.starlette("1.5")
def test_gzip_default_exclusions_cover_images_archives_and_media_since_1_5():
    from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware

    assert "image/png" in DEFAULT_EXCLUDED_CONTENT_TYPES
    assert "video/*" in DEFAULT_EXCLUDED_CONTENT_TYPES
    assert "image/svg+xml" not in DEFAULT_EXCLUDED_CONTENT_TYPES

    async def png(request: Request) -> Response:
        return Response(b"\x89PNG" + b"0" * 2000, media_type="image/png")

    async def partial(request: Request) -> Response:
        return Response(b"0" * 2000, status_code=206, media_type="text/plain")

    app = Starlette(
        routes=[Route("/png", png), Route("/partial", partial)],
        middleware=[Middleware(GZipMiddleware)],
    )
    client = TestClient(app)
    for path in ("/png", "/partial"):
        response = client.get(path, headers={"Accept-Encoding": "gzip"})
        assert "content-encoding" not in response.headers, path


@pytest.mark.starlette("1.5")
def test_gzip_exclude_content_types_extends_defaults_case_insensitively():
    from examples.middleware.gzip_exclude_content_types import app

    client = TestClient(app)
    parquet = client.get("/data.parquet", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in parquet.headers
    assert parquet.content == b"PAR1" * 500
    csv = client.get("/data.csv", headers={"Accept-Encoding": "gzip"})
    assert csv.headers["content-encoding"] == "gzip"


@pytest.mark.starlette("1.5")
def test_gzip_exclusions_ignore_case_and_parameters_and_match_type_wildcards():
    from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware

    for media_type in (
        "application/zip",
        "application/gzip",
        "application/x-gzip",
        "image/jpeg",
        "image/gif",
        "image/webp",
        "image/avif",
        "font/woff",
        "font/woff2",
        "audio/*",
        "text/event-stream",
    ):
        assert media_type in DEFAULT_EXCLUDED_CONTENT_TYPES

    async def media(request: Request) -> Response:
        return Response(b"0" * 2000, headers={"Content-Type": request.query_params["type"]})

    app = Starlette(routes=[Route("/", media)], middleware=[Middleware(GZipMiddleware)])
    client = TestClient(app)
    for media_type in ("IMAGE/PNG; q=1", "video/mp4", "audio/ogg"):
        response = client.get("/", params={"type": media_type}, headers={"Accept-Encoding": "gzip"})
        assert "content-encoding" not in response.headers, media_type
    svg = client.get("/", params={"type": "image/svg+xml"}, headers={"Accept-Encoding": "gzip"})
    assert svg.headers["content-encoding"] == "gzip"


@pytest.mark.starlette("1.5")
def test_gzip_own_exclusion_tuple_replaces_the_defaults():
    from starlette.middleware.gzip import GZipMiddleware

    async def png(request: Request) -> Response:
        return Response(b"0" * 2000, media_type="image/png")

    app = Starlette(
        routes=[Route("/", png)],
        middleware=[Middleware(GZipMiddleware, exclude_content_types=("text/csv",))],
    )
    response = TestClient(app).get("/", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"


@pytest.mark.starlette("1.4")
def test_gzip_compresses_chunks_of_thread_minimum_size_in_a_worker_thread(monkeypatch):
    from starlette.middleware import gzip as gzip_module

    calls = []
    real_run_sync = gzip_module.anyio.to_thread.run_sync

    async def spy(func, *args, **kwargs):
        calls.append(len(args[0]))
        return await real_run_sync(func, *args, **kwargs)

    monkeypatch.setattr(gzip_module.anyio.to_thread, "run_sync", spy)

    async def big(request: Request) -> Response:
        return Response(b"a" * int(request.query_params["n"]), media_type="text/plain")

    app = Starlette(
        routes=[Route("/", big)],
        middleware=[Middleware(gzip_module.GZipMiddleware, thread_minimum_size=4096)],
    )
    client = TestClient(app)
    assert client.get("/?n=1000").headers["content-encoding"] == "gzip"
    assert calls == []
    assert client.get("/?n=5000").headers["content-encoding"] == "gzip"
    assert calls == [5000]


@pytest.mark.starlette("1.8")
def test_gzip_excludes_grpc_media_types_since_1_8():
    from starlette.middleware.gzip import GZipMiddleware

    async def grpc(request: Request) -> Response:
        return Response(b"0" * 2000, media_type="application/grpc+proto")

    app = Starlette(routes=[Route("/", grpc)], middleware=[Middleware(GZipMiddleware)])
    response = TestClient(app).get("/", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in response.headers


# --- TrustedHost and HTTPSRedirect -------------------------------------------------------


def test_trusted_host_allows_listed_and_wildcard_subdomain_hosts():
    assert TestClient(host_app, base_url="https://www.example.com").get("/").status_code == 200
    eu = TestClient(host_app, base_url="https://eu.api.example.com").get("/")
    assert eu.text == "hello from eu.api.example.com"


def test_trusted_host_rejects_unknown_hosts_with_400():
    for base_url in ("https://evil.example", "https://api.example.com", "https://testserver"):
        response = TestClient(host_app, base_url=base_url).get("/")
        assert response.status_code == 400, base_url
        assert response.text == "Invalid host header"


def test_trusted_host_www_redirect_sends_bare_domain_to_www():
    client = TestClient(host_app, base_url="https://example.com", follow_redirects=False)
    response = client.get("/path?q=1")
    assert response.status_code == 307
    assert response.headers["location"] == "https://www.example.com/path?q=1"


def test_trusted_host_pattern_wildcard_must_be_a_leading_label():
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    with pytest.raises(AssertionError, match="Domain wildcard patterns must be like"):
        TrustedHostMiddleware(Starlette(), allowed_hosts=["api.*.example.com"])


@pytest.mark.starlette("1.9")
def test_trusted_host_matches_case_insensitively_since_1_9():
    # An explicit Host header: httpx lower-cases a base_url's host.
    response = TestClient(host_app, base_url="https://x").get(
        "/", headers={"host": "WWW.Example.COM"}
    )
    assert response.status_code == 200


def test_https_redirect_sends_http_to_https_with_307_keeping_path_and_port():
    client = TestClient(host_app, base_url="http://www.example.com", follow_redirects=False)
    response = client.post("/?a=1")
    assert response.status_code == 307
    assert response.headers["location"] == "https://www.example.com/?a=1"
    client = TestClient(host_app, base_url="http://www.example.com:8080", follow_redirects=False)
    assert client.get("/").headers["location"] == "https://www.example.com:8080/"


def test_https_redirect_turns_ws_into_wss():
    from starlette.middleware.httpsredirect import HTTPSRedirectMiddleware

    app = HTTPSRedirectMiddleware(Starlette())
    messages: list[Message] = []

    async def receive() -> Message:  # pragma: no cover - never called
        return {"type": "websocket.connect"}

    async def send(message: Message) -> None:
        messages.append(message)

    scope = {
        "type": "websocket",
        "scheme": "ws",
        "path": "/ws",
        "query_string": b"",
        "headers": [(b"host", b"www.example.com")],
        "server": ("www.example.com", 80),
    }
    anyio.run(app, scope, receive, send)
    headers = dict(messages[0]["headers"])
    assert messages[0]["status"] == 307
    assert headers[b"location"] == b"wss://www.example.com/ws"


# --- Request body limit (1.6) ------------------------------------------------------------


@pytest.mark.starlette("1.6")
def test_body_limit_app_default_returns_413_content_too_large():
    from examples.middleware.body_limit import MIB, app

    client = TestClient(app)
    assert client.post("/comments", content=b"x" * 100).json() == {"received": 100}
    response = client.post("/comments", content=b"x" * (MIB + 1))
    assert response.status_code == 413
    assert response.text == "Content Too Large"


@pytest.mark.starlette("1.6")
def test_body_limit_counts_streamed_bytes_without_content_length():
    from examples.middleware.body_limit import MIB, app

    def chunks():
        for _ in range(3):
            yield b"x" * (MIB // 2)

    response = TestClient(app).post("/comments", content=chunks())
    assert response.status_code == 413


@pytest.mark.starlette("1.6")
def test_body_limit_understated_content_length_does_not_bypass_the_limit():
    from starlette.middleware.body_limit import RequestBodyLimitMiddleware

    async def endpoint(request: Request) -> PlainTextResponse:
        return PlainTextResponse(str(len(await request.body())))

    app = RequestBodyLimitMiddleware(Router([Route("/", endpoint, methods=["POST"])]), 10)
    statuses = []

    async def run() -> None:
        chunks = [b"x" * 8, b"x" * 8]

        async def receive() -> Message:
            return {"type": "http.request", "body": chunks.pop(0), "more_body": bool(chunks)}

        async def send(message: Message) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        scope = {
            "type": "http",
            "method": "POST",
            "path": "/",
            "root_path": "",
            "query_string": b"",
            "headers": [(b"content-length", b"5")],
        }
        await app(scope, receive, send)

    anyio.run(run)
    assert statuses == [413]


@pytest.mark.starlette("1.6")
def test_body_limit_innermost_route_limit_wins_over_app_limit():
    from examples.middleware.body_limit import KIB, MIB, app

    client = TestClient(app)
    assert client.post("/uploads", content=b"x" * (2 * MIB)).json() == {"received": 2 * MIB}
    assert client.post("/uploads", content=b"x" * (10 * MIB + 1)).status_code == 413
    assert client.post("/webhooks/github", content=b"x" * (64 * KIB + 1)).status_code == 413
    assert client.post("/webhooks/github", content=b"{}").json() == {"received": 2}


@pytest.mark.starlette("1.6")
def test_body_limit_from_max_body_size_sits_just_inside_server_error_middleware():
    from starlette.middleware.body_limit import RequestBodyLimitMiddleware

    from examples.middleware.body_limit import app

    stack = app.build_middleware_stack()
    assert isinstance(stack, ServerErrorMiddleware)
    assert isinstance(stack.app, RequestBodyLimitMiddleware)
    assert isinstance(stack.app.app, ExceptionMiddleware)


@pytest.mark.starlette("1.6")
def test_body_limit_unknown_route_and_method_stay_4xx():
    from examples.middleware.body_limit import app

    client = TestClient(app)
    assert client.post("/nope", content=b"x").status_code == 404
    assert client.get("/comments").status_code == 405


# --- OpenTelemetry (1.7) -------------------------------------------------------------------


@pytest.fixture(scope="module")
def span_exporter():
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    from examples.middleware.opentelemetry_tracing import tracer_provider

    exporter = InMemorySpanExporter()
    tracer_provider.add_span_processor(SimpleSpanProcessor(exporter))
    return exporter


@pytest.fixture
def spans(span_exporter):
    span_exporter.clear()
    yield span_exporter
    span_exporter.clear()


@pytest.mark.starlette("1.7")
def test_opentelemetry_names_server_span_after_route_template(spans):
    from opentelemetry.trace import SpanKind

    from examples.middleware.opentelemetry_tracing import app

    assert TestClient(app).get("/orders/42?x=1").json() == {"id": 42}
    (span,) = spans.get_finished_spans()
    assert span.name == "GET /orders/{order_id}"
    assert span.kind == SpanKind.SERVER
    assert span.attributes["http.route"] == "/orders/{order_id}"
    assert span.attributes["http.request.method"] == "GET"
    assert span.attributes["http.response.status_code"] == 200
    assert span.attributes["url.path"] == "/orders/42"
    assert span.attributes["url.query"] == "x=1"


@pytest.mark.starlette("1.7")
def test_opentelemetry_excluded_urls_create_no_span(spans):
    from examples.middleware.opentelemetry_tracing import app

    assert TestClient(app).get("/health").text == "ok"
    assert spans.get_finished_spans() == ()


@pytest.mark.starlette("1.7")
def test_opentelemetry_excluded_urls_are_searched_in_the_full_url(spans):
    from starlette.middleware.opentelemetry import OpenTelemetryMiddleware

    from examples.middleware.opentelemetry_tracing import tracer_provider

    app = OpenTelemetryMiddleware(
        Router([Route("/", lambda request: PlainTextResponse("ok"))]),
        excluded_urls=[r"^http://testserver/\?debug"],
        tracer_provider=tracer_provider,
    )
    TestClient(app).get("/?debug=1")
    assert spans.get_finished_spans() == ()
    TestClient(app).get("/")
    assert len(spans.get_finished_spans()) == 1


@pytest.mark.starlette("1.7")
def test_opentelemetry_continues_incoming_traceparent(spans):
    from examples.middleware.opentelemetry_tracing import app

    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    traceparent = f"00-{trace_id}-00f067aa0ba902b7-01"
    TestClient(app).get("/orders/1", headers={"traceparent": traceparent})
    (span,) = spans.get_finished_spans()
    assert format(span.context.trace_id, "032x") == trace_id
    assert format(span.parent.span_id, "016x") == "00f067aa0ba902b7"


@pytest.mark.starlette("1.7")
def test_opentelemetry_unmatched_request_keeps_method_only_name(spans):
    from examples.middleware.opentelemetry_tracing import app

    assert TestClient(app).get("/orders/abc").status_code == 404
    (span,) = spans.get_finished_spans()
    assert span.name == "GET"
    assert span.attributes["http.response.status_code"] == 404


@pytest.mark.starlette("1.7")
def test_opentelemetry_marks_5xx_spans_as_errors(spans):
    from opentelemetry.trace import StatusCode
    from starlette.middleware.opentelemetry import OpenTelemetryMiddleware

    from examples.middleware.opentelemetry_tracing import tracer_provider

    async def boom(request: Request) -> Response:
        raise RuntimeError("boom")

    app = Starlette(
        routes=[Route("/boom", boom)],
        middleware=[Middleware(OpenTelemetryMiddleware, tracer_provider=tracer_provider)],
    )
    assert TestClient(app, raise_server_exceptions=False).get("/boom").status_code == 500
    (span,) = spans.get_finished_spans()
    assert span.status.status_code == StatusCode.ERROR
    assert span.attributes["error.type"] == "RuntimeError"


@pytest.mark.starlette("1.7")
def test_opentelemetry_marks_returned_5xx_responses_as_errors(spans):
    from opentelemetry.trace import StatusCode
    from starlette.middleware.opentelemetry import OpenTelemetryMiddleware

    from examples.middleware.opentelemetry_tracing import tracer_provider

    async def unavailable(request: Request) -> Response:
        return PlainTextResponse("later", status_code=503)

    app = OpenTelemetryMiddleware(
        Router([Route("/", unavailable)]), tracer_provider=tracer_provider
    )
    assert TestClient(app).get("/").status_code == 503
    (span,) = spans.get_finished_spans()
    assert span.status.status_code == StatusCode.ERROR
    assert span.attributes["error.type"] == "503"


@pytest.mark.starlette("1.7")
def test_opentelemetry_two_instances_create_one_span(spans):
    from starlette.middleware.opentelemetry import OpenTelemetryMiddleware

    from examples.middleware.opentelemetry_tracing import app, tracer_provider

    wrapped = OpenTelemetryMiddleware(app, tracer_provider=tracer_provider)
    TestClient(wrapped).get("/orders/7")
    assert len(spans.get_finished_spans()) == 1


@pytest.mark.starlette("1.7")
def test_opentelemetry_without_tracer_provider_uses_the_unset_global_one(spans):
    from starlette.middleware.opentelemetry import OpenTelemetryMiddleware

    app = Starlette(
        routes=[Route("/", lambda request: PlainTextResponse("ok"))],
        middleware=[Middleware(OpenTelemetryMiddleware)],
    )
    assert TestClient(app).get("/").text == "ok"
    assert spans.get_finished_spans() == ()


# --- WSGI --------------------------------------------------------------------------------


def test_wsgi_middleware_import_warns_that_it_is_deprecated_for_a2wsgi(monkeypatch):
    monkeypatch.delitem(sys.modules, "starlette.middleware.wsgi", raising=False)
    monkeypatch.delitem(sys.modules, "examples.middleware.dont_wsgi_middleware", raising=False)
    message = (
        r"starlette\.middleware\.wsgi is deprecated and will be removed in a future release\. "
        r"Please refer to https://github\.com/abersheeran/a2wsgi as a replacement\."
    )
    with pytest.warns((DeprecationWarning, UserWarning), match=message):
        module = importlib.import_module("examples.middleware.dont_wsgi_middleware")
    assert TestClient(module.app).get("/legacy/").text == "legacy"


def test_wsgi_middleware_import_fails_under_warnings_as_errors(monkeypatch):
    import warnings

    monkeypatch.delitem(sys.modules, "starlette.middleware.wsgi", raising=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(Warning, match="a2wsgi"):
            importlib.import_module("starlette.middleware.wsgi")


@pytest.mark.starlette("1.3.1")
def test_wsgi_deprecation_is_a_visible_starlette_deprecation_warning_since_1_3_1(monkeypatch):
    from starlette.exceptions import StarletteDeprecationWarning

    monkeypatch.delitem(sys.modules, "starlette.middleware.wsgi", raising=False)
    with pytest.warns(StarletteDeprecationWarning) as record:
        importlib.import_module("starlette.middleware.wsgi")
    assert issubclass(record[0].category, UserWarning)


# --- pure ASGI and BaseHTTPMiddleware ----------------------------------------------------


def test_pure_asgi_timing_adds_server_timing_to_every_response():
    with TestClient(timing_app) as client:
        for path in ("/", "/missing"):
            assert client.get(path).headers["server-timing"].startswith("app;dur="), path


def test_pure_asgi_timing_does_not_buffer_streaming_responses():
    from examples.middleware.pure_asgi_timing import ServerTimingMiddleware

    async def stream(request: Request) -> StreamingResponse:
        async def chunks():
            for i in range(3):
                yield f"chunk {i}\n"

        return StreamingResponse(chunks(), media_type="text/plain")

    app = ServerTimingMiddleware(Router([Route("/", stream)]))
    with TestClient(app).stream("GET", "/") as response:
        assert response.headers["server-timing"].startswith("app;dur=")
        assert "".join(response.iter_text()) == "chunk 0\nchunk 1\nchunk 2\n"


def test_request_id_is_generated_echoed_and_visible_to_the_endpoint(caplog):
    client = TestClient(request_id_app)
    with caplog.at_level(logging.INFO, logger="orders"):
        response = client.post("/orders")
    generated = response.headers["x-request-id"]
    assert uuid.UUID(hex=generated)
    assert response.status_code == 201
    assert response.json() == {"request_id": generated}
    assert caplog.records[0].request_id == generated
    assert request_id_var.get() == "-"  # reset after the request


def test_request_id_keeps_a_plain_incoming_id_and_replaces_a_hostile_one():
    client = TestClient(request_id_app)
    kept = client.post("/orders", headers={"X-Request-ID": "edge-7f3a.1"})
    assert kept.headers["x-request-id"] == "edge-7f3a.1"
    for hostile in ("a" * 65, "id with spaces", "<script>", ""):
        response = client.post("/orders", headers={"X-Request-ID": hostile})
        assert response.headers["x-request-id"] != hostile
        assert uuid.UUID(hex=response.headers["x-request-id"])


def test_request_id_unknown_route_and_method_stay_4xx():
    with TestClient(request_id_app) as client:
        assert client.get("/orders").status_code == 405
        assert "x-request-id" in client.get("/nope").headers


def test_base_http_middleware_sets_cache_control_on_successful_gets_only():
    client = TestClient(base_http_app)
    assert client.get("/").headers["cache-control"] == "public, max-age=300"
    assert "cache-control" not in client.get("/missing").headers


def test_base_http_middleware_response_has_no_body_attribute():
    with pytest.raises(AttributeError, match="'_StreamingResponse' object has no attribute 'body'"):
        TestClient(dont_read_body_app).get("/")


def test_base_http_middleware_does_not_see_contextvars_set_by_the_endpoint():
    response = TestClient(dont_contextvar_app).get("/")
    assert response.headers["x-audit-user"] == "anonymous"


class _SlowSendRecorder:
    """Outer pure ASGI middleware: slow network, records when the body is fully sent."""

    def __init__(self, app: ASGIApp, events: list[str]) -> None:
        self.app = app
        self.events = events

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def slow_send(message: Message) -> None:
            await anyio.sleep(0.005)
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                self.events.append("response sent")

        await self.app(scope, receive, slow_send)


def _background_task_order() -> list[str]:
    """Order of "response sent" and "background task" behind BaseHTTPMiddleware."""
    events: list[str] = []

    async def task() -> None:
        events.append("background task")

    async def endpoint(request: Request) -> Response:
        return PlainTextResponse("ok", background=BackgroundTask(task))

    async def passthrough(request: Request, call_next: RequestResponseEndpoint) -> Response:
        return await call_next(request)

    app = Starlette(
        routes=[Route("/", endpoint)],
        middleware=[
            Middleware(_SlowSendRecorder, events=events),
            Middleware(BaseHTTPMiddleware, dispatch=passthrough),
        ],
    )
    TestClient(app).get("/")
    return events


@pytest.mark.starlette("1.7")
def test_base_http_middleware_runs_background_tasks_after_the_response_is_sent():
    assert _background_task_order() == ["response sent", "background task"]


# --- middleware on a Route or Mount ------------------------------------------------------


def test_route_websocket_route_mount_and_router_all_accept_middleware():
    import inspect

    from starlette.routing import Mount, WebSocketRoute

    for cls in (Route, WebSocketRoute, Mount, Router):
        assert "middleware" in inspect.signature(cls).parameters, cls


def test_router_middleware_wraps_the_whole_router():
    from examples.middleware.route_and_mount_middleware import NoStore

    router = Router(
        [Route("/", lambda request: PlainTextResponse("ok"))], middleware=[Middleware(NoStore)]
    )
    assert TestClient(router).get("/").headers["cache-control"] == "no-store"


def test_route_middleware_applies_to_that_route_only():
    client = TestClient(route_mw_app)
    assert client.get("/me").headers["cache-control"] == "no-store"
    assert "cache-control" not in client.get("/").headers


def test_mount_middleware_covers_its_routes_and_their_http_exceptions():
    client = TestClient(route_mw_app)
    assert client.get("/account/ada").headers["cache-control"] == "no-store"
    bob = client.get("/account/bob")
    assert bob.status_code == 404
    assert bob.headers["cache-control"] == "no-store"


def test_mount_middleware_misses_the_404_for_an_unmatched_path_inside_the_mount():
    response = TestClient(route_mw_app).get("/account/ada/extra")
    assert response.status_code == 404
    assert "cache-control" not in response.headers


# --- Older releases ------------------------------------------------------------------------


@pytest.mark.starlette("1.0", before="1.7")
def test_before_1_7_cors_star_methods_refuse_query():
    app = CORSMiddleware(Starlette(), allow_origins=[APP_ORIGIN], allow_methods=["*"])
    response = TestClient(app).options(
        "/", headers={"Origin": APP_ORIGIN, "Access-Control-Request-Method": "QUERY"}
    )
    assert (response.status_code, response.text) == (400, "Disallowed CORS method")


@pytest.mark.starlette("1.0", before="1.7")
def test_before_1_7_cors_varies_on_origin_only_for_allowed_origins():
    client = TestClient(cors_app)
    assert "vary" not in client.get("/profile").headers
    assert "vary" not in client.get("/profile", headers={"Origin": "https://evil.example"}).headers
    preflight = client.options(
        "/profile", headers={"Origin": APP_ORIGIN, "Access-Control-Request-Method": "GET"}
    )
    assert preflight.headers["vary"] == "Origin"


@pytest.mark.starlette("1.0", before="1.4")
def test_before_1_4_gzip_has_no_thread_minimum_size():
    from starlette.middleware.gzip import GZipMiddleware

    with pytest.raises(TypeError, match="unexpected keyword argument 'thread_minimum_size'"):
        GZipMiddleware(Starlette(), thread_minimum_size=1024)


@pytest.mark.starlette("1.0", before="1.5")
def test_before_1_5_gzip_excludes_only_event_streams_and_compresses_206():
    from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware

    assert DEFAULT_EXCLUDED_CONTENT_TYPES == ("text/event-stream",)
    with pytest.raises(TypeError, match="unexpected keyword argument 'exclude_content_types'"):
        GZipMiddleware(Starlette(), exclude_content_types=())

    async def media(request: Request) -> Response:
        status = int(request.query_params.get("status", "200"))
        return Response(b"0" * 2000, status, media_type=request.query_params["type"])

    app = Starlette(routes=[Route("/", media)], middleware=[Middleware(GZipMiddleware)])
    client = TestClient(app)
    for params in ({"type": "image/png"}, {"type": "video/mp4"}, {"type": "a/b", "status": "206"}):
        response = client.get("/", params=params, headers={"Accept-Encoding": "gzip"})
        assert response.headers["content-encoding"] == "gzip", params


@pytest.mark.starlette("1.0", before="1.8")
def test_before_1_8_gzip_compresses_grpc():
    from starlette.middleware.gzip import GZipMiddleware

    async def grpc(request: Request) -> Response:
        return Response(b"0" * 2000, media_type="application/grpc+proto")

    app = Starlette(routes=[Route("/", grpc)], middleware=[Middleware(GZipMiddleware)])
    response = TestClient(app).get("/", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"


@pytest.mark.starlette("1.0", before="1.9")
def test_before_1_9_trusted_host_is_case_sensitive():
    client = TestClient(host_app, base_url="https://x")
    response = client.get("/", headers={"host": "WWW.Example.COM"})
    assert (response.status_code, response.text) == (400, "Invalid host header")


@pytest.mark.starlette("1.0", before="1.7")
def test_before_1_7_no_otel_middleware_and_no_session_partitioned():
    from starlette.middleware.sessions import SessionMiddleware

    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("starlette.middleware.opentelemetry")
    with pytest.raises(TypeError, match="unexpected keyword argument 'partitioned'"):
        SessionMiddleware(Starlette(), secret_key="test-only", partitioned=True)


@pytest.mark.starlette("1.0", before="1.6")
def test_before_1_6_there_is_no_body_limit_middleware():
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("starlette.middleware.body_limit")


@pytest.mark.starlette("1.0", before="1.3.1")
def test_before_1_3_1_wsgi_import_warns_with_a_plain_deprecation_warning(monkeypatch):
    monkeypatch.delitem(sys.modules, "starlette.middleware.wsgi", raising=False)
    with pytest.warns(
        DeprecationWarning, match="starlette.middleware.wsgi is deprecated"
    ) as record:
        importlib.import_module("starlette.middleware.wsgi")
    assert record[0].category is DeprecationWarning  # hidden by default outside __main__


@pytest.mark.starlette("1.0", before="1.7")
def test_before_1_7_base_http_middleware_ran_background_tasks_before_the_response_was_sent():
    assert _background_task_order() == ["background task", "response sent"]
