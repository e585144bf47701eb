import importlib
import inspect
import uuid
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Host, Mount, NoMatchFound, Route, Router, WebSocketRoute
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect


def allow(response: Any) -> set[str]:  # an httpx or httpx2 Response
    return set(response.headers["allow"].split(", "))


# --- Convertors ---------------------------------------------------------------------------


def test_str_is_the_default_and_matches_one_segment() -> None:
    from examples.routing.path_convertors import app

    client = TestClient(app)
    assert client.get("/tags/python").json() == {"tag": ["str", "python"]}
    assert client.get("/tags/a/b").status_code == 404


def test_path_matches_slashes_and_the_empty_string() -> None:
    from examples.routing.path_convertors import app

    client = TestClient(app)
    assert client.get("/files/docs/a.txt").json() == {"file_path": ["str", "docs/a.txt"]}
    assert client.get("/files/").json() == {"file_path": ["str", ""]}


def test_int_matches_digits_only() -> None:
    from examples.routing.path_convertors import app

    client = TestClient(app)
    assert client.get("/orders/42").json() == {"order_id": ["int", "42"]}
    for bad in ("/orders/abc", "/orders/-1", "/orders/4.2"):
        assert client.get(bad).status_code == 404


def test_float_matches_plain_decimals_only() -> None:
    from examples.routing.path_convertors import app

    client = TestClient(app)
    assert client.get("/prices/1.5").json() == {"amount": ["float", "1.5"]}
    assert client.get("/prices/3").json() == {"amount": ["float", "3.0"]}
    for bad in ("/prices/1.", "/prices/-1", "/prices/1e5", "/prices/nan"):
        assert client.get(bad).status_code == 404


def test_uuid_matches_with_or_without_dashes_and_any_case() -> None:
    from examples.routing.path_convertors import app

    client = TestClient(app)
    token = uuid.uuid4()
    expected = {"token": ["UUID", str(token)]}
    assert client.get(f"/tokens/{token}").json() == expected
    assert client.get(f"/tokens/{token.hex.upper()}").json() == expected
    assert client.get("/tokens/not-a-uuid").status_code == 404


def test_unknown_convertor_name_fails_when_the_route_is_built() -> None:
    with pytest.raises(AssertionError, match="Unknown path convertor 'slug'"):
        Route("/posts/{post:slug}", PlainTextResponse("x"))


def test_custom_convertor_converts_and_builds_urls() -> None:
    from examples.routing.custom_convertor import app

    client = TestClient(app)
    assert client.get("/products/3,1,2").json() == {"ids": [3, 1, 2], "self": "/products/3,1,2"}
    assert app.url_path_for("products", ids=[7, 8]) == "/products/7,8"


def test_custom_convertor_regex_rejects_bad_input_with_404() -> None:
    from examples.routing.custom_convertor import app

    client = TestClient(app)
    for bad in ("/products/1,,2", "/products/abc", "/products/1,"):
        assert client.get(bad).status_code == 404


def test_convertor_that_raises_gives_500_not_404() -> None:
    from examples.routing.dont_convertor_that_raises import app

    assert TestClient(app).get("/reports/2026-02-28").json() == {"day": "2026-02-28"}
    with pytest.raises(ValueError):
        TestClient(app).get("/reports/2026-02-30")
    client = TestClient(app, raise_server_exceptions=False)
    assert client.get("/reports/2026-02-30").status_code == 500


# --- Priority -----------------------------------------------------------------------------


def test_literal_route_listed_first_wins() -> None:
    from examples.routing.route_priority import app

    client = TestClient(app)
    assert client.get("/accounts/me").json() == {"account": "the signed-in account"}
    assert client.get("/accounts/ada").json() == {"account": "ada"}


def test_parameter_route_listed_first_shadows_the_literal() -> None:
    from examples.routing.dont_route_shadowing import app

    assert TestClient(app).get("/accounts/me").json() == {"account": "me"}


# --- Methods, 405, HEAD ---------------------------------------------------------------------


def test_route_serves_each_listed_method() -> None:
    from examples.routing.methods_and_head import app

    client = TestClient(app)
    assert client.get("/items").json() == {"items": ["lamp", "desk"]}
    assert client.post("/items").status_code == 201
    assert client.delete("/items/1").status_code == 204


def test_unlisted_method_gets_405_with_allow_header() -> None:
    from examples.routing.methods_and_head import app

    client = TestClient(app)
    response = client.put("/items")
    assert (response.status_code, response.text) == (405, "Method Not Allowed")
    assert allow(response) == {"GET", "HEAD", "POST"}
    assert allow(client.get("/items/1")) == {"DELETE"}


def test_head_is_added_for_get_and_sends_no_body() -> None:
    from examples.routing.methods_and_head import app

    client = TestClient(app)
    response = client.head("/items")
    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["content-length"] == client.get("/items").headers["content-length"]


def test_function_endpoint_without_methods_serves_only_get_and_head() -> None:
    from examples.routing.route_priority import app

    response = TestClient(app).post("/accounts/me")
    assert response.status_code == 405
    assert allow(response) == {"GET", "HEAD"}


def test_path_match_comes_before_method_check() -> None:
    from examples.routing.methods_and_head import app

    assert TestClient(app).delete("/items/abc").status_code == 404


def test_split_method_routes_report_only_the_first_routes_methods() -> None:
    from examples.routing.split_method_routes import app

    client = TestClient(app)
    assert client.get("/items").status_code == 200
    assert client.post("/items").status_code == 201
    assert allow(client.delete("/items")) == {"GET", "HEAD"}


# --- Mounts and reverse lookups --------------------------------------------------------------


def test_mount_params_reach_the_endpoint_and_url_for_is_absolute() -> None:
    from examples.routing.named_mounts_url_for import app

    client = TestClient(app)
    assert client.get("/orgs/acme/members").json() == {
        "org": "acme",
        "first": "http://testserver/orgs/acme/members/1",
    }
    assert client.get("/orgs/acme/members/2").json() == {
        "org": "acme",
        "id": 2,
        "list": "/orgs/acme/members",
    }


def test_url_path_for_uses_mount_name_prefix() -> None:
    from examples.routing.named_mounts_url_for import app

    assert app.url_path_for("api:member", org="acme", member_id=2) == "/orgs/acme/members/2"


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("member", {"org": "a", "member_id": 1}, 'name "member" and params "org, member_id"'),
        ("api:member", {"org": "a"}, 'name "api:member" and params "org"'),
        ("api:members", {"org": "a", "page": 2}, 'name "api:members" and params "org, page"'),
    ],
)
def test_wrong_name_or_params_raise_no_match_found(name: str, params: dict, message: str) -> None:
    from examples.routing.named_mounts_url_for import app

    with pytest.raises(NoMatchFound) as exc_info:
        app.url_path_for(name, **params)
    assert str(exc_info.value) == f"No route exists for {message}."


def test_bare_mount_prefix_redirects_to_trailing_slash() -> None:
    from examples.routing.named_mounts_url_for import app

    client = TestClient(app)
    response = client.get("/orgs/acme", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (
        307,
        "http://testserver/orgs/acme/",
    )
    assert client.get("/orgs/acme").status_code == 404  # the mount has no "/" route
    assert client.get("/orgs/acme/members/x").status_code == 404


# --- Hosts ------------------------------------------------------------------------------------


def test_host_routes_by_host_header_and_ignores_port() -> None:
    from examples.routing.host_routing import app

    client = TestClient(app)
    assert client.get("/status", headers={"host": "api.example.com:8443"}).json() == {"site": "api"}
    assert client.get("/", headers={"host": "acme.example.com"}).json() == {
        "tenant": "acme",
        "home": "http://acme.example.com/",
    }


def test_matched_host_does_not_fall_through_and_unknown_host_is_404() -> None:
    from examples.routing.host_routing import app

    client = TestClient(app)
    assert client.get("/", headers={"host": "api.example.com"}).status_code == 404
    assert client.get("/status", headers={"host": "example.org"}).status_code == 404


def test_host_url_path_for_carries_the_host() -> None:
    from examples.routing.host_routing import app

    url = app.url_path_for("tenant:home", tenant="acme")
    assert (url, url.host) == ("/", "acme.example.com")
    assert str(url.make_absolute_url("https://example.com")) == "https://acme.example.com/"


@pytest.mark.starlette("1.9")
def test_host_matching_ignores_case() -> None:
    from examples.routing.host_routing import app

    response = TestClient(app).get("/status", headers={"host": "API.Example.COM"})
    assert response.json() == {"site": "api"}


# --- Trailing slashes ---------------------------------------------------------------------------


def test_trailing_slash_redirects_with_307_keeping_the_method() -> None:
    from examples.routing.route_priority import app

    client = TestClient(app)
    response = client.get("/accounts/me/", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (
        307,
        "http://testserver/accounts/me",
    )
    assert client.post("/accounts/me/", follow_redirects=False).status_code == 307


def test_slash_redirect_location_uses_the_request_host_header() -> None:
    from examples.routing.route_priority import app

    response = TestClient(app).get(
        "/accounts/me/", headers={"host": "evil.example"}, follow_redirects=False
    )
    assert response.headers["location"] == "http://evil.example/accounts/me"


def test_redirect_slashes_off_gives_404() -> None:
    from examples.routing.strict_slashes import app

    client = TestClient(app)
    assert client.get("/about").text == "about"
    assert client.get("/about/", follow_redirects=False).status_code == 404


# --- Route and mount middleware ------------------------------------------------------------------


def test_route_middleware_runs_only_for_its_route() -> None:
    from examples.routing.route_middleware import app

    client = TestClient(app)
    assert client.get("/drafts").headers["x-robots-tag"] == "noindex"
    assert "x-robots-tag" not in client.get("/").headers


def test_mount_middleware_runs_for_routes_under_the_mount() -> None:
    from examples.routing.route_middleware import app

    assert TestClient(app).get("/admin/users").headers["x-robots-tag"] == "noindex"


def test_routing_errors_are_answered_outside_route_and_mount_middleware() -> None:
    from examples.routing.route_middleware import app

    client = TestClient(app)
    not_allowed = client.post("/drafts")
    not_found = client.get("/admin/nope")
    assert (not_allowed.status_code, not_found.status_code) == (405, 404)
    assert "x-robots-tag" not in not_allowed.headers
    assert "x-robots-tag" not in not_found.headers


# --- scope["route"] (1.7) ---------------------------------------------------------------------


@pytest.mark.starlette("1.7")
def test_scope_route_gives_middleware_the_route_template() -> None:
    module = importlib.import_module("examples.routing.route_in_scope")
    module.HITS.clear()
    # The lifespan scope passes through the middleware too: it is not counted.
    with TestClient(module.app) as client:
        client.get("/orders/1")
        client.get("/orders/2")
        client.get("/v2/orders/3")
        client.get("/nope")
        client.post("/orders/1")
        assert client.get("/metrics").json() == {
            "/orders/{order_id:int}": 4,
            "unmatched": 1,
        }


# --- WebSocketRoute -----------------------------------------------------------------------------


def test_websocket_route_matches_websockets_only() -> None:
    from examples.routing.websocket_routes import app

    client = TestClient(app)
    with client.websocket_connect("/rooms/lobby") as websocket:
        assert websocket.receive_json() == {"room": "lobby", "url": "ws://testserver/rooms/lobby"}
    assert client.get("/rooms/lobby").status_code == 404


def test_unknown_websocket_path_is_closed_with_1000() -> None:
    from examples.routing.websocket_routes import app

    with pytest.raises(WebSocketDisconnect) as exc_info:
        with TestClient(app).websocket_connect("/nope"):
            pass  # pragma: no cover
    assert exc_info.value.code == 1000


def test_websocket_url_path_for_has_websocket_protocol() -> None:
    from examples.routing.websocket_routes import app

    url = app.url_path_for("room", name="lobby")
    assert (url, url.protocol) == ("/rooms/lobby", "websocket")


# --- Router-level 404 ---------------------------------------------------------------------------


async def hello(request: Request) -> PlainTextResponse:
    return PlainTextResponse("hello")


def test_unknown_route_is_404_not_found() -> None:
    response = TestClient(Starlette(routes=[Route("/", hello)])).get("/missing")
    assert (response.status_code, response.text) == (404, "Not Found")


# --- Rules and edge cases stated in routing.md -------------------------------------------------


def test_route_paths_must_start_with_a_slash() -> None:
    with pytest.raises(AssertionError, match="Routed paths must start with '/'"):
        Route("users", hello)


def test_empty_mount_listed_first_takes_every_path() -> None:
    app = Starlette(routes=[Mount("", routes=[Route("/a", hello)]), Route("/b", hello)])
    client = TestClient(app)
    assert client.get("/a").status_code == 200
    assert client.get("/b").status_code == 404


def test_parameter_host_listed_first_takes_every_subdomain() -> None:
    api = Router(routes=[Route("/status", hello)])
    tenants = Router(routes=[Route("/", hello)])
    app = Starlette(
        routes=[Host("{tenant}.example.com", app=tenants), Host("api.example.com", app=api)]
    )
    assert TestClient(app).get("/status", headers={"host": "api.example.com"}).status_code == 404


def test_nested_mount_names_chain() -> None:
    app = Starlette(
        routes=[
            Mount(
                "/site",
                name="site",
                routes=[Mount("/api", name="api", routes=[Route("/m/{id:int}", hello, name="m")])],
            )
        ]
    )
    assert app.url_path_for("site:api:m", id=3) == "/site/api/m/3"


def test_route_mount_and_websocket_route_accept_middleware() -> None:
    for cls in (Route, Mount, WebSocketRoute):
        assert "middleware" in inspect.signature(cls).parameters


def test_http_exception_from_the_endpoint_passes_through_route_middleware() -> None:
    from examples.routing.route_middleware import NoIndex

    async def forbidden(request: Request) -> PlainTextResponse:
        raise HTTPException(status_code=403)

    app = Starlette(routes=[Route("/", forbidden, middleware=[Middleware(NoIndex)])])
    response = TestClient(app).get("/")
    assert response.status_code == 403
    assert response.headers["x-robots-tag"] == "noindex"


def test_bare_router_can_turn_slash_redirects_off() -> None:
    router = Router(routes=[Route("/about", hello)], redirect_slashes=False)
    assert TestClient(router).get("/about/", follow_redirects=False).status_code == 404


def test_starlette_has_no_redirect_slashes_argument() -> None:
    assert "redirect_slashes" not in inspect.signature(Starlette).parameters
    assert Starlette().router.redirect_slashes is True


# --- Older releases ---------------------------------------------------------------------------


@pytest.mark.starlette("1.0", before="1.9")
def test_before_1_9_host_matching_is_case_sensitive() -> None:
    from examples.routing.host_routing import app

    response = TestClient(app).get("/status", headers={"host": "API.Example.COM"})
    assert response.status_code == 404


@pytest.mark.starlette("1.0", before="1.7")
def test_before_1_7_scope_has_no_route_key() -> None:
    seen: list[bool] = []

    class Record:
        def __init__(self, app: Any) -> None:
            self.app = app

        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            await self.app(scope, receive, send)
            seen.append("route" in scope)

    app = Starlette(routes=[Route("/", hello)], middleware=[Middleware(Record)])
    assert TestClient(app).get("/").text == "hello"
    assert seen == [False]


@pytest.mark.starlette("1.0", before="1.6")
def test_before_1_6_routes_and_mounts_take_no_max_body_size() -> None:
    for cls in (Route, Mount, Router):
        assert "max_body_size" not in inspect.signature(cls).parameters
