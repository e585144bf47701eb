"""Specifications for references/sessions.md."""

import base64
import json
import os
import secrets
import time
from datetime import datetime

import pytest

# Examples read their secrets from the environment at import; tests make random ones.
for _name in ("SESSION_SECRET_KEY", "ADMIN_PASSWORD"):
    os.environ.setdefault(_name, secrets.token_urlsafe(32))
os.environ.setdefault("ADMIN_USERNAME", "admin")

from itsdangerous import TimestampSigner  # noqa: E402
from starlette.applications import Starlette  # noqa: E402
from starlette.middleware import Middleware  # noqa: E402
from starlette.middleware.sessions import SessionMiddleware  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import PlainTextResponse  # noqa: E402
from starlette.routing import Route  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from examples.authentication import login_redirect  # noqa: E402
from examples.sessions import server_side_sessions, session_cart  # noqa: E402

HTTPS = "https://testserver"


def cart_client() -> TestClient:
    return TestClient(session_cart.app, base_url=HTTPS)


def decode(cookie_value: str) -> object:
    payload, _timestamp, _signature = cookie_value.split(".")
    return json.loads(base64.b64decode(payload))


def sign(data: object, key: str | None = None, age: int = 0) -> str:
    class Signer(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - age

    payload = base64.b64encode(json.dumps(data).encode())
    return Signer(key or os.environ["SESSION_SECRET_KEY"]).sign(payload).decode()


def session_app(**options) -> Starlette:
    async def write(request: Request) -> PlainTextResponse:
        request.session["x"] = request.query_params.get("x", "1")
        return PlainTextResponse("written")

    async def read(request: Request) -> PlainTextResponse:
        return PlainTextResponse(json.dumps(dict(request.session)))

    options.setdefault("secret_key", os.environ["SESSION_SECRET_KEY"])
    return Starlette(
        routes=[Route("/write", write), Route("/read", read)],
        middleware=[Middleware(SessionMiddleware, **options)],
    )


# --- the cart example -------------------------------------------------------------------


def test_cart_add_then_show() -> None:
    client = cart_client()
    assert client.post("/cart", json={"item": "apple"}).status_code == 201
    assert client.post("/cart", json={"item": "pear"}).json() == {"items": ["apple", "pear"]}
    assert client.get("/cart").json() == {"items": ["apple", "pear"]}


def test_cookie_is_signed_not_encrypted_the_client_can_read_it() -> None:
    response = cart_client().post("/cart", json={"item": "apple"})
    assert decode(response.cookies["session"]) == {"cart": ["apple"]}


def test_cookie_attributes_from_the_example() -> None:
    set_cookie = cart_client().post("/cart", json={"item": "a"}).headers["set-cookie"]
    attributes = set_cookie.split("; ")[1:]
    assert attributes == ["path=/", "Max-Age=604800", "httponly", "samesite=lax", "secure"]


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"\xff\xfe", b"[1, 2]", b'{"item": 3}', b'{"item": ""}', b'{"x": "a"}'],
)
def test_cart_rejects_bad_input_with_4xx(body: bytes) -> None:
    response = cart_client().post("/cart", content=body)
    assert response.status_code in (400, 422)
    assert "set-cookie" not in response.headers


def test_cart_rejects_long_items_and_caps_the_count() -> None:
    client = cart_client()
    assert client.post("/cart", json={"item": "x" * 65}).status_code == 422
    for n in range(session_cart.MAX_ITEMS):
        assert client.post("/cart", json={"item": f"item{n}"}).status_code == 201
    assert client.post("/cart", json={"item": "one more"}).json() == {"detail": "Cart is full"}
    assert len(client.cookies["session"]) < 4096


def test_unknown_route_and_method() -> None:
    client = cart_client()
    assert client.get("/nope").status_code == 404
    assert client.put("/cart").status_code == 405


def test_reading_adds_vary_cookie_but_does_not_resend_the_cookie() -> None:
    client = cart_client()
    client.post("/cart", json={"item": "apple"})
    response = client.get("/cart")
    assert response.headers["vary"] == "Cookie"
    assert "set-cookie" not in response.headers


def test_endpoint_that_never_touches_the_session_gets_no_vary_and_no_cookie() -> None:
    client = cart_client()
    client.post("/cart", json={"item": "apple"})
    response = client.get("/health")
    assert "vary" not in response.headers
    assert "set-cookie" not in response.headers


def test_empty_session_sets_no_cookie() -> None:
    response = cart_client().get("/cart")
    assert response.headers["vary"] == "Cookie"
    assert "set-cookie" not in response.headers


def test_emptying_a_session_expires_the_cookie() -> None:
    client = cart_client()
    client.post("/cart", json={"item": "apple"})
    response = client.delete("/cart")
    assert response.status_code == 204
    assert response.headers["set-cookie"] == (
        "session=null; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; "
        "httponly; samesite=lax; secure"
    )
    assert client.get("/cart").json() == {"items": []}


def test_secure_cookie_is_not_sent_back_over_plain_http() -> None:
    client = TestClient(session_cart.app)  # http://testserver
    client.post("/cart", json={"item": "apple"})
    assert client.get("/cart").json() == {"items": []}


def test_dont_mutate_nested_value_loses_the_change() -> None:
    from examples.sessions import dont_mutate_nested_session_value as dont

    client = TestClient(dont.app, base_url=HTTPS)
    client.post("/cart", json={"item": "apple"})  # creates the key: saved
    response = client.post("/cart", json={"item": "pear"})
    assert response.json() == {"items": ["apple", "pear"]}
    assert "set-cookie" not in response.headers  # the append was not seen
    assert client.get("/cart").json() == {"items": ["apple"]}


# --- SessionMiddleware behaviour --------------------------------------------------------


def test_default_cookie_attributes() -> None:
    set_cookie = TestClient(session_app()).get("/write").headers["set-cookie"]
    assert set_cookie.startswith("session=")
    assert set_cookie.split("; ")[1:] == ["path=/", "Max-Age=1209600", "httponly", "samesite=lax"]


def test_all_cookie_parameters() -> None:
    app = session_app(
        session_cookie="sid",
        max_age=None,
        path="/app",
        same_site="strict",
        https_only=True,
        domain="example.com",
    )
    set_cookie = TestClient(app).get("/write").headers["set-cookie"]
    assert set_cookie.startswith("sid=")
    attributes = set_cookie.split("; ")[1:]
    assert attributes == [
        "path=/app",
        "httponly",
        "samesite=strict",
        "secure",
        "domain=example.com",
    ]


@pytest.mark.parametrize(
    "cookie",
    [
        "garbage",
        sign({"x": "forged"}, key="another-secret"),  # also: after rotating secret_key
        sign({"x": "old"}, age=1209600 + 60),  # older than max_age
    ],
)
def test_bad_or_expired_cookie_gives_an_empty_session_silently(cookie: str) -> None:
    response = TestClient(session_app()).get("/read", headers={"Cookie": f"session={cookie}"})
    assert (response.status_code, response.text) == (200, "{}")


def test_valid_cookie_is_read() -> None:
    cookie = sign({"x": "kept"}, age=60)
    response = TestClient(session_app()).get("/read", headers={"Cookie": f"session={cookie}"})
    assert response.json() == {"x": "kept"}


def test_max_age_none_means_no_server_side_expiry() -> None:
    cookie = sign({"x": "ancient"}, age=10 * 365 * 24 * 3600)
    client = TestClient(session_app(max_age=None))
    assert client.get("/read", headers={"Cookie": f"session={cookie}"}).json() == {"x": "ancient"}


def test_starlette_sends_oversized_cookies_without_error() -> None:
    response = TestClient(session_app()).get("/write", params={"x": "y" * 5000})
    assert len(response.headers["set-cookie"]) > 4096
    payload = response.headers["set-cookie"].split("=", 1)[1].split(".")[0]
    assert len(payload) >= len(json.dumps({"x": "y" * 5000})) * 4 // 3


def test_values_must_be_json_serializable() -> None:
    async def store_datetime(request: Request) -> PlainTextResponse:
        request.session["when"] = datetime(2026, 1, 1)
        return PlainTextResponse("ok")

    app = Starlette(
        routes=[Route("/", store_datetime)],
        middleware=[Middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET_KEY"])],
    )
    with pytest.raises(TypeError, match="Object of type datetime is not JSON serializable"):
        TestClient(app).get("/")


def test_request_session_without_middleware_fails_with_assertion() -> None:
    async def endpoint(request: Request) -> PlainTextResponse:
        return PlainTextResponse(str(request.session))  # pragma: no cover

    with pytest.raises(AssertionError, match="SessionMiddleware must be installed"):
        TestClient(Starlette(routes=[Route("/", endpoint)])).get("/")


@pytest.mark.starlette("1.7")
def test_partitioned_cookie() -> None:
    from examples.sessions import partitioned_embed_session

    client = TestClient(partitioned_embed_session.app, base_url=HTTPS)
    response = client.get("/widget")
    assert response.json() == {"views": 1}
    attributes = response.headers["set-cookie"].split("; ")[1:]
    assert attributes == [
        "path=/",
        "Max-Age=1209600",
        "httponly",
        "samesite=none",
        "secure",
        "partitioned",
    ]
    assert client.get("/widget").json() == {"views": 2}


@pytest.mark.starlette("1.7")
def test_popitem_and_in_place_or_are_saved() -> None:
    async def mutate(request: Request) -> PlainTextResponse:
        session = request.session
        if "a" in session:
            session.popitem()
        else:
            session |= {"a": 1}
        return PlainTextResponse("ok")

    client = TestClient(
        Starlette(
            routes=[Route("/", mutate)],
            middleware=[Middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET_KEY"])],
        )
    )
    assert decode(client.get("/").cookies["session"]) == {"a": 1}
    assert client.get("/").headers["set-cookie"].startswith("session=null;")


@pytest.mark.starlette("1.8")
def test_max_age_zero_emits_max_age_0() -> None:
    set_cookie = TestClient(session_app(max_age=0)).get("/write").headers["set-cookie"]
    assert "; Max-Age=0; " in set_cookie


@pytest.mark.starlette("1.8")
def test_pop_through_scope_adds_vary_cookie() -> None:
    async def pop(request: Request) -> PlainTextResponse:
        request.scope["session"].pop("x")  # not through request.session
        return PlainTextResponse("popped")

    app = Starlette(
        routes=[Route("/", pop)],
        middleware=[Middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET_KEY"])],
    )
    response = TestClient(app).get("/", headers={"Cookie": f"session={sign({'x': 1})}"})
    assert response.headers["vary"] == "Cookie"
    assert response.headers["set-cookie"].startswith("session=null;")


@pytest.mark.starlette("1.9")
def test_existing_vary_headers_are_kept() -> None:
    async def endpoint(request: Request) -> PlainTextResponse:
        request.session.get("x")
        response = PlainTextResponse("ok")
        response.headers.append("Vary", "Accept-Encoding")
        response.headers.append("Vary", "Origin")
        return response

    app = Starlette(
        routes=[Route("/", endpoint)],
        middleware=[Middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET_KEY"])],
    )
    assert TestClient(app).get("/").headers["vary"] == "Accept-Encoding, Origin, Cookie"


# --- login, logout, revocation ------------------------------------------------------------


def admin_credentials() -> dict[str, str]:
    return {"username": "admin", "password": os.environ["ADMIN_PASSWORD"]}


def test_cookie_only_logout_does_not_revoke_a_copied_cookie() -> None:
    client = TestClient(login_redirect.app, base_url=HTTPS)
    response = client.post("/login", data=admin_credentials(), follow_redirects=False)
    stolen = response.cookies["session"]
    client.post("/logout")
    replay = TestClient(login_redirect.app, base_url=HTTPS)
    response = replay.get("/", headers={"Cookie": f"session={stolen}"})
    assert response.text == "<p>Hello, admin</p>"


def server_client() -> TestClient:
    return TestClient(server_side_sessions.app, base_url=HTTPS)


def test_server_side_cookie_holds_only_the_session_id() -> None:
    response = server_client().post("/login", json=admin_credentials())
    assert response.json() == {"user": "admin"}
    assert list(decode(response.cookies["session"])) == ["sid"]


def test_server_side_logout_revokes_copied_cookies() -> None:
    client = server_client()
    stolen = client.post("/login", json=admin_credentials()).cookies["session"]
    assert client.get("/me").json() == {"user": "admin"}
    assert client.post("/logout").status_code == 204
    replay = server_client().get("/me", headers={"Cookie": f"session={stolen}"})
    assert replay.status_code == 403


def test_server_side_login_rotates_the_session_id() -> None:
    client = server_client()
    first = client.post("/login", json=admin_credentials()).cookies["session"]
    second = client.post("/login", json=admin_credentials()).cookies["session"]
    assert decode(first) != decode(second)
    assert server_client().get("/me", headers={"Cookie": f"session={first}"}).status_code == 403


def test_server_side_idle_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    client = server_client()
    client.post("/login", json=admin_credentials())
    later = time.monotonic() + server_side_sessions.IDLE_TIMEOUT + 1
    monkeypatch.setattr(server_side_sessions.time, "monotonic", lambda: later)
    assert client.get("/me").status_code == 403


def test_server_side_anonymous_and_logout_without_session() -> None:
    client = server_client()
    assert client.get("/me").status_code == 403
    assert client.post("/logout").status_code == 204


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{oops", 400),
        (b"[]", 422),
        (b'{"username": "admin"}', 422),
        (b'{"username": 1, "password": 2}', 422),
        (b'{"username": "admin", "password": "wrong"}', 400),
    ],
)
def test_server_side_login_rejects_bad_input(body: bytes, status: int) -> None:
    response = server_client().post("/login", content=body)
    assert response.status_code == status
    assert "set-cookie" not in response.headers


@pytest.mark.parametrize(
    ("operation", "expected"),
    [
        (lambda s: s.__setitem__("b", 2), {"a": 1, "b": 2}),
        (lambda s: s.update(b=2), {"a": 1, "b": 2}),
        (lambda s: s.setdefault("b", 2), {"a": 1, "b": 2}),
        (lambda s: s.__delitem__("a"), None),
        (lambda s: s.pop("a"), None),
        (lambda s: s.clear(), None),
    ],
)
def test_tracked_operations_send_a_cookie(operation, expected) -> None:
    async def endpoint(request: Request) -> PlainTextResponse:
        operation(request.session)
        return PlainTextResponse("ok")

    app = Starlette(
        routes=[Route("/", endpoint)],
        middleware=[Middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET_KEY"])],
    )
    response = TestClient(app).get("/", headers={"Cookie": f"session={sign({'a': 1})}"})
    if expected is None:
        assert response.headers["set-cookie"].startswith("session=null; path=/; expires=")
    else:
        assert decode(response.cookies["session"]) == expected


def test_untracked_operations_send_no_cookie() -> None:
    async def endpoint(request: Request) -> PlainTextResponse:
        request.session["a"].append(2)  # nested change
        request.session.setdefault("a", [])  # existing key
        request.session.pop("missing", None)  # missing key
        return PlainTextResponse("ok")

    app = Starlette(
        routes=[Route("/", endpoint)],
        middleware=[Middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET_KEY"])],
    )
    response = TestClient(app).get("/", headers={"Cookie": f"session={sign({'a': [1]})}"})
    assert "set-cookie" not in response.headers


# --- behaviour of older releases, pinned on 1.0 ---------------------------------------------


def session_endpoint_app(endpoint) -> Starlette:
    return Starlette(
        routes=[Route("/", endpoint)],
        middleware=[Middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET_KEY"])],
    )


@pytest.mark.starlette("1.0", before="1.7")
def test_popitem_and_in_place_or_are_lost_before_1_7() -> None:
    async def mutate(request: Request) -> PlainTextResponse:
        session = request.session
        if request.query_params.get("op") == "popitem":
            session.popitem()
        else:
            session |= {"b": 2}
        return PlainTextResponse("ok")

    client = TestClient(session_endpoint_app(mutate))
    cookie = {"Cookie": f"session={sign({'a': 1})}"}
    for op in ("popitem", "or"):
        response = client.get("/", params={"op": op}, headers=cookie)
        assert "set-cookie" not in response.headers


@pytest.mark.starlette("1.0", before="1.7")
def test_partitioned_is_unknown_before_1_7() -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument 'partitioned'"):
        SessionMiddleware(session_app(), secret_key="k", partitioned=True)


@pytest.mark.starlette("1.7")
def test_parameter_defaults() -> None:
    import inspect

    parameters = inspect.signature(SessionMiddleware).parameters
    defaults = {
        name: p.default for name, p in parameters.items() if name not in ("app", "secret_key")
    }
    assert defaults == {
        "session_cookie": "session",
        "max_age": 14 * 24 * 60 * 60,
        "path": "/",
        "same_site": "lax",
        "https_only": False,
        "domain": None,
        "partitioned": False,
    }


@pytest.mark.starlette("1.7")
def test_attribute_order_with_every_flag() -> None:
    app = session_app(same_site="none", https_only=True, domain="example.com", partitioned=True)
    attributes = TestClient(app).get("/write").headers["set-cookie"].split("; ")[1:]
    assert attributes == [
        "path=/",
        "Max-Age=1209600",
        "httponly",
        "samesite=none",
        "secure",
        "domain=example.com",
        "partitioned",
    ]


@pytest.mark.starlette("1.0", before="1.8")
def test_max_age_zero_sent_no_max_age_before_1_8() -> None:
    set_cookie = TestClient(session_app(max_age=0)).get("/write").headers["set-cookie"]
    assert set_cookie.split("; ")[1:] == ["path=/", "httponly", "samesite=lax"]


@pytest.mark.starlette("1.0", before="1.8")
def test_pop_through_scope_added_no_vary_before_1_8() -> None:
    async def pop(request: Request) -> PlainTextResponse:
        request.scope["session"].pop("x")
        return PlainTextResponse("popped")

    response = TestClient(session_endpoint_app(pop)).get(
        "/", headers={"Cookie": f"session={sign({'x': 1})}"}
    )
    assert "vary" not in response.headers
    assert response.headers["set-cookie"].startswith("session=null;")


@pytest.mark.starlette("1.0", before="1.9")
def test_only_the_first_vary_header_was_kept_before_1_9() -> None:
    async def endpoint(request: Request) -> PlainTextResponse:
        request.session.get("x")
        response = PlainTextResponse("ok")
        response.headers.append("Vary", "Accept-Encoding")
        response.headers.append("Vary", "Origin")
        return response

    response = TestClient(session_endpoint_app(endpoint)).get("/")
    assert response.headers.get_list("vary") == ["Accept-Encoding, Cookie"]


def test_a_session_that_arrives_and_ends_empty_sets_no_cookie_even_if_written() -> None:
    async def endpoint(request: Request) -> PlainTextResponse:
        request.session["a"] = 1
        del request.session["a"]
        return PlainTextResponse("ok")

    response = TestClient(session_endpoint_app(endpoint)).get("/")
    assert response.headers["vary"] == "Cookie"
    assert "set-cookie" not in response.headers


def test_server_side_wrong_method_and_unknown_route() -> None:
    client = server_client()
    assert client.get("/login").status_code == 405
    assert client.post("/me").status_code == 405
    assert client.get("/nope").status_code == 404
