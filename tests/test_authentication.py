"""Specifications for references/authentication.md."""

import base64
import json
import os
import secrets

import pytest
from itsdangerous import TimestampSigner

# Examples read their secrets from the environment at import; tests make random ones.
for _name in ("READ_TOKEN", "ADMIN_TOKEN", "BASIC_AUTH_PASSWORD", "SESSION_SECRET_KEY"):
    os.environ.setdefault(_name, secrets.token_urlsafe(32))
os.environ.setdefault("BASIC_AUTH_USERNAME", "admin")
os.environ.setdefault("ADMIN_USERNAME", "admin")
os.environ.setdefault("ADMIN_PASSWORD", secrets.token_urlsafe(16))

from starlette.applications import Starlette  # noqa: E402
from starlette.authentication import (  # noqa: E402
    AuthCredentials,
    AuthenticationBackend,
    BaseUser,
    SimpleUser,
    UnauthenticatedUser,
    requires,
)
from starlette.middleware import Middleware  # noqa: E402
from starlette.middleware.authentication import AuthenticationMiddleware  # noqa: E402
from starlette.middleware.sessions import SessionMiddleware  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import PlainTextResponse  # noqa: E402
from starlette.routing import Route  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402
from starlette.websockets import WebSocketDisconnect  # noqa: E402

from examples.authentication import basic_auth, bearer_token_api, login_redirect  # noqa: E402


def bearer(name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {os.environ[name]}"}


def basic(userpass: bytes) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(userpass).decode()}


# --- bearer tokens ----------------------------------------------------------------------

bearer_client = TestClient(bearer_token_api.app)


def test_bearer_valid_token_sets_user_and_scopes() -> None:
    response = bearer_client.get("/me", headers=bearer("READ_TOKEN"))
    assert response.status_code == 200
    assert response.json() == {"user": "reader", "scopes": ["authenticated"]}


def test_bearer_missing_header_is_anonymous_and_requires_answers_401_with_challenge() -> None:
    response = bearer_client.get("/me")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize(
    "header",
    ["Bearer wrong-token", "Bearer", "Bearer    ", "Basic dXNlcjpwYXNz", "Token abc", "garbage"],
)
def test_bearer_bad_credentials_get_401_from_on_error_never_500(header: str) -> None:
    response = bearer_client.get("/me", headers={"Authorization": header})
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["www-authenticate"]
    assert response.json()["detail"]


def test_bearer_non_ascii_token_gets_401_not_a_compare_digest_type_error() -> None:
    response = bearer_client.get("/me", headers={"Authorization": b"Bearer \xff\xfe"})
    assert response.status_code == 401


def test_compare_digest_raises_type_error_on_non_ascii_str() -> None:
    with pytest.raises(TypeError, match="non-ASCII"):
        secrets.compare_digest("\xff", "a")


def test_stacked_requires_gives_401_to_anonymous_and_403_to_missing_scope() -> None:
    assert bearer_client.get("/admin/report").status_code == 401
    forbidden = bearer_client.get("/admin/report", headers=bearer("READ_TOKEN"))
    assert (forbidden.status_code, forbidden.text) == (403, "Forbidden")
    ok = bearer_client.get("/admin/report", headers=bearer("ADMIN_TOKEN"))
    assert ok.json() == {"report": "ok", "by": "admin"}


def test_endpoint_method_not_defined_is_405_and_unknown_route_404() -> None:
    response = bearer_client.post("/admin/report", headers=bearer("ADMIN_TOKEN"))
    assert response.status_code == 405
    assert bearer_client.get("/nope").status_code == 404


def test_requires_on_websocket_accepts_with_scope() -> None:
    with bearer_client.websocket_connect("/events", headers=bearer("READ_TOKEN")) as ws:
        assert ws.receive_json() == {"user": "reader"}


def test_requires_on_websocket_closes_before_accept_with_code_1000() -> None:
    with pytest.raises(WebSocketDisconnect) as info:
        with bearer_client.websocket_connect("/events"):
            pass  # pragma: no cover
    assert info.value.code == 1000


def test_on_error_response_is_not_sent_on_websockets_connection_closed_1000() -> None:
    with pytest.raises(WebSocketDisconnect) as info:
        with bearer_client.websocket_connect("/events", headers={"Authorization": "Bearer x"}):
            pass  # pragma: no cover
    assert info.value.code == 1000


# --- basic auth -------------------------------------------------------------------------

basic_client = TestClient(basic_auth.app)


def test_basic_auth_valid_credentials() -> None:
    userpass = f"admin:{os.environ['BASIC_AUTH_PASSWORD']}".encode()
    response = basic_client.get("/admin", headers=basic(userpass))
    assert (response.status_code, response.text) == (200, "Hello, admin")


def test_basic_auth_missing_header_challenges() -> None:
    response = basic_client.get("/admin")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Basic realm="admin", charset="UTF-8"'


@pytest.mark.parametrize(
    "header",
    [
        "Basic !!!not-base64!!!",  # bad base64
        "Basic " + base64.b64encode(b"no-colon").decode(),  # missing colon
        "Basic " + base64.b64encode(b"\xff\xfe:x").decode(),  # not UTF-8
        "Basic é",  # non-ASCII base64 input
        "Bearer abc",  # wrong scheme
        "Basic " + base64.b64encode(b"admin:wrong").decode(),  # wrong password
        "Basic " + base64.b64encode(b"root:wrong").decode(),  # wrong user
    ],
)
def test_basic_auth_malformed_or_wrong_credentials_get_401_never_500(header: str) -> None:
    response = basic_client.get("/admin", headers={"Authorization": header.encode("utf-8")})
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Basic ")


def test_default_on_error_is_plain_text_400() -> None:
    app = Starlette(
        routes=[Route("/", lambda request: PlainTextResponse("ok"))],
        middleware=[Middleware(AuthenticationMiddleware, backend=basic_auth.BasicAuthBackend())],
    )
    response = TestClient(app).get("/", headers={"Authorization": "Basic !!!"})
    assert (response.status_code, response.text) == (400, "Malformed Basic credentials")
    assert "www-authenticate" not in response.headers


def test_dont_naive_basic_auth_500s_on_missing_colon() -> None:
    from examples.authentication import dont_naive_basic_auth

    header = basic(b"no-colon")
    with pytest.raises(ValueError, match="not enough values to unpack"):
        TestClient(dont_naive_basic_auth.app).get("/admin", headers=header)
    client = TestClient(dont_naive_basic_auth.app, raise_server_exceptions=False)
    assert client.get("/admin", headers=header).status_code == 500


# --- redirect to a login page -------------------------------------------------------------


def login_client() -> TestClient:
    # https_only=True: the Secure cookie only comes back over https.
    return TestClient(login_redirect.app, base_url="https://testserver")


def credentials(**extra: str) -> dict[str, str]:
    return {"username": "admin", "password": os.environ["ADMIN_PASSWORD"], **extra}


def test_requires_redirect_sends_303_to_named_route_with_absolute_next() -> None:
    response = login_client().get("/?tab=1", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == (
        "https://testserver/login?next=https%3A%2F%2Ftestserver%2F%3Ftab%3D1"
    )


def test_login_form_escapes_next() -> None:
    response = login_client().get("/login", params={"next": '"><script>'})
    assert "&quot;&gt;&lt;script&gt;" in response.text
    assert "<script>" not in response.text


def test_login_then_dashboard_then_logout() -> None:
    client = login_client()
    response = client.post(
        "/login", data=credentials(next="https://testserver/?tab=1"), follow_redirects=False
    )
    assert (response.status_code, response.headers["location"]) == (303, "/?tab=1")
    assert client.get("/").text == "<p>Hello, admin</p>"
    response = client.post("/logout", follow_redirects=False)
    assert response.headers["location"] == "https://testserver/login"
    assert client.get("/", follow_redirects=False).status_code == 303


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)"],
)
def test_login_never_redirects_off_site(next_url: str) -> None:
    response = login_client().post(
        "/login", data=credentials(next=next_url), follow_redirects=False
    )
    assert response.headers["location"] == "/"


def test_login_without_next_goes_home() -> None:
    response = login_client().post("/login", data=credentials(), follow_redirects=False)
    assert response.headers["location"] == "/"


@pytest.mark.parametrize(
    "data", [{"username": "admin", "password": "wrong"}, {"username": "x"}, {}]
)
def test_login_rejects_bad_or_missing_fields_with_400(data: dict[str, str]) -> None:
    client = login_client()
    response = client.post("/login", data=data, follow_redirects=False)
    assert response.status_code == 400
    assert "session" not in response.cookies


def test_login_rejects_file_upload_with_400() -> None:
    response = login_client().post("/login", files={"username": ("a.txt", b"x")})
    assert response.status_code == 400


def signed_cookie(data: dict) -> str:
    payload = base64.b64encode(json.dumps(data).encode())
    return TimestampSigner(os.environ["SESSION_SECRET_KEY"]).sign(payload).decode()


def test_login_clears_the_session_first() -> None:
    planted = {"Cookie": "session=" + signed_cookie({"planted": "by attacker"})}
    response = login_client().post(
        "/login", data=credentials(), headers=planted, follow_redirects=False
    )
    payload = response.cookies["session"].split(".")[0]
    assert json.loads(base64.b64decode(payload)) == {"username": "admin"}


def test_session_backend_ignores_non_string_username() -> None:
    async def endpoint(request: Request) -> PlainTextResponse:
        return PlainTextResponse(str(request.user.is_authenticated))

    async def seed(request: Request) -> PlainTextResponse:
        request.session["username"] = 42
        return PlainTextResponse("seeded")

    app = Starlette(
        routes=[Route("/", endpoint), Route("/seed", seed)],
        middleware=[
            Middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET_KEY"]),
            Middleware(AuthenticationMiddleware, backend=login_redirect.SessionBackend()),
        ],
    )
    client = TestClient(app)
    client.get("/seed")
    assert client.get("/").text == "False"


def test_authentication_before_session_middleware_fails_with_assertion() -> None:
    app = Starlette(
        routes=[Route("/", lambda request: PlainTextResponse("ok"))],
        middleware=[
            Middleware(AuthenticationMiddleware, backend=login_redirect.SessionBackend()),
            Middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET_KEY"]),
        ],
    )
    with pytest.raises(AssertionError, match="SessionMiddleware must be installed"):
        TestClient(app).get("/")


# --- requires() and users ---------------------------------------------------------------


def test_requires_without_request_or_websocket_parameter_fails_at_decoration() -> None:
    async def endpoint(req: Request) -> None: ...  # pragma: no cover

    with pytest.raises(Exception, match='No "request" or "websocket" argument on function'):
        requires("authenticated")(endpoint)


def test_requires_asserts_the_request_argument_is_a_request() -> None:
    @requires("authenticated")
    def endpoint(request: Request) -> None: ...  # pragma: no cover

    with pytest.raises(AssertionError):
        endpoint("not a request")


@pytest.mark.starlette("1.2.1")
def test_requires_assertion_names_the_wrong_type() -> None:
    @requires("authenticated")
    async def endpoint(request: Request) -> None: ...  # pragma: no cover

    coroutine = endpoint("not a request")
    with pytest.raises(AssertionError, match="required to be of type 'Request' not 'str'"):
        coroutine.send(None)


def test_requires_works_on_sync_endpoints_and_takes_a_scope_list() -> None:
    class AdminBackend(AuthenticationBackend):
        async def authenticate(self, conn):
            return AuthCredentials(conn.headers.get("x-scopes", "").split()), SimpleUser("u")

    @requires(["authenticated", "admin"], status_code=404)
    def hidden(request: Request) -> PlainTextResponse:
        return PlainTextResponse("found")

    app = Starlette(
        routes=[Route("/", hidden)],
        middleware=[Middleware(AuthenticationMiddleware, backend=AdminBackend())],
    )
    client = TestClient(app)
    assert client.get("/", headers={"x-scopes": "authenticated"}).status_code == 404
    assert client.get("/", headers={"x-scopes": "authenticated admin"}).text == "found"


def test_backend_returning_none_gives_unauthenticated_user_and_empty_scopes() -> None:
    class NoBackend(AuthenticationBackend):
        async def authenticate(self, conn):
            return None

    async def endpoint(request: Request) -> PlainTextResponse:
        user = request.user
        assert isinstance(user, UnauthenticatedUser)
        return PlainTextResponse(
            f"{user.is_authenticated}|{user.display_name}|{request.auth.scopes}"
        )

    app = Starlette(
        routes=[Route("/", endpoint)],
        middleware=[Middleware(AuthenticationMiddleware, backend=NoBackend())],
    )
    assert TestClient(app).get("/").text == "False||[]"


def test_request_user_without_middleware_fails_with_assertion() -> None:
    async def endpoint(request: Request) -> PlainTextResponse:
        return PlainTextResponse(request.user.display_name)  # pragma: no cover

    app = Starlette(routes=[Route("/", endpoint)])
    with pytest.raises(AssertionError, match="AuthenticationMiddleware must be installed"):
        TestClient(app).get("/")


def test_custom_user_implements_the_base_user_properties() -> None:
    user = bearer_token_api.TokenUser("ada")
    assert (user.is_authenticated, user.display_name, user.identity) == (True, "ada", "ada")


def test_base_user_identity_raises_not_implemented() -> None:
    with pytest.raises(NotImplementedError):
        BaseUser().identity  # noqa: B018


@pytest.mark.starlette("1.7")
def test_simple_user_identity_is_the_username_and_anonymous_is_empty() -> None:
    assert SimpleUser("ada").identity == "ada"
    assert UnauthenticatedUser().identity == ""


def test_requires_on_websocket_ignores_status_code_and_redirect() -> None:
    from starlette.routing import WebSocketRoute
    from starlette.websockets import WebSocket

    @requires("admin", status_code=401, redirect="home")
    async def ws(websocket: WebSocket) -> None: ...  # pragma: no cover

    app = Starlette(
        routes=[WebSocketRoute("/ws", ws)],
        middleware=[
            Middleware(AuthenticationMiddleware, backend=bearer_token_api.BearerTokenBackend())
        ],
    )
    with pytest.raises(WebSocketDisconnect) as info:
        with TestClient(app).websocket_connect("/ws"):
            pass  # pragma: no cover
    assert info.value.code == 1000


def test_secure_session_cookie_is_not_sent_back_over_plain_http() -> None:
    client = TestClient(login_redirect.app)  # http://testserver
    client.post("/login", data=credentials())
    assert client.get("/", follow_redirects=False).status_code == 303


# --- claims pinned on older releases and smaller claims -----------------------------------


class AnonymousBackend(AuthenticationBackend):
    async def authenticate(self, conn):
        return None


@pytest.mark.starlette("1.0", before="1.2.1")
def test_requires_assertion_has_no_message_before_1_2_1() -> None:
    @requires("authenticated")
    def endpoint(request: Request) -> None: ...  # pragma: no cover

    with pytest.raises(AssertionError) as info:
        endpoint("not a request")
    assert str(info.value) == ""


@pytest.mark.starlette("1.0", before="1.7")
def test_simple_and_unauthenticated_user_identity_raise_before_1_7() -> None:
    with pytest.raises(NotImplementedError):
        SimpleUser("ada").identity  # noqa: B018
    with pytest.raises(NotImplementedError):
        UnauthenticatedUser().identity  # noqa: B018


def test_requires_401_carries_no_www_authenticate_without_a_handler() -> None:
    @requires("authenticated", status_code=401)
    async def endpoint(request: Request) -> None: ...  # pragma: no cover

    app = Starlette(
        routes=[Route("/", endpoint)],
        middleware=[Middleware(AuthenticationMiddleware, backend=AnonymousBackend())],
    )
    response = TestClient(app).get("/")
    assert (response.status_code, response.text) == (401, "Unauthorized")
    assert "www-authenticate" not in response.headers


def test_on_error_is_called_on_websockets_but_its_response_is_discarded() -> None:
    from starlette.routing import WebSocketRoute
    from starlette.websockets import WebSocket

    calls: list[str] = []

    def on_error(conn, exc) -> PlainTextResponse:
        calls.append(conn.scope["type"])
        return PlainTextResponse("never sent", status_code=401)

    async def ws(websocket: WebSocket) -> None: ...  # pragma: no cover

    app = Starlette(
        routes=[WebSocketRoute("/ws", ws)],
        middleware=[
            Middleware(
                AuthenticationMiddleware,
                backend=bearer_token_api.BearerTokenBackend(),
                on_error=on_error,
            )
        ],
    )
    with pytest.raises(WebSocketDisconnect) as info:
        with TestClient(app).websocket_connect("/ws", headers={"Authorization": "Bearer x"}):
            pass  # pragma: no cover
    assert (calls, info.value.code) == (["websocket"], 1000)


def test_value_error_covers_every_base64_decoding_failure() -> None:
    import binascii

    assert issubclass(binascii.Error, ValueError)
    assert issubclass(UnicodeDecodeError, ValueError)
    with pytest.raises(ValueError):
        base64.b64decode("é", validate=True)


@pytest.mark.starlette("1.3.1")
def test_login_rejects_too_many_urlencoded_fields() -> None:
    data = credentials(next="/", extra="x")  # max_fields=3
    assert login_client().post("/login", data=data, follow_redirects=False).status_code == 400


@pytest.mark.starlette("1.0", before="1.3.1")
def test_login_max_fields_is_not_enforced_for_urlencoded_forms_before_1_3_1() -> None:
    data = credentials(next="/", extra="x")
    assert login_client().post("/login", data=data, follow_redirects=False).status_code == 303


def test_login_wrong_methods_and_unknown_route() -> None:
    client = login_client()
    assert client.get("/logout").status_code == 405
    assert client.put("/login").status_code == 405
    assert client.get("/nope").status_code == 404
