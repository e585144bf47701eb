"""Specifications for references/security.md: the hardening checklist, one test per claim."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.datastructures import Secret
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from examples.security.cookie_flags import app as cookie_app
from examples.security.dont_https_redirect_behind_proxy import app as dont_proxy_app
from examples.security.safe_file_download import FILES_DIR, safe_path
from examples.security.safe_file_download import app as download_app
from examples.security.security_headers import SecurityHeadersMiddleware
from examples.security.security_headers import app as headers_app
from tests.helpers import import_fresh

PROXY = ("10.0.0.5", 41000)


def load_example(monkeypatch: pytest.MonkeyPatch, name: str, **env: str):
    return import_fresh(monkeypatch, f"examples.security.{name}", **env)


# --- secrets from config -----------------------------------------------------------------


def test_secret_hides_its_value_in_repr_and_str_reveals_it():
    secret = Secret("k-123")
    assert repr(secret) == "Secret('**********')"
    assert str(secret) == "k-123"


def test_compare_digest_on_non_ascii_str_raises_type_error_so_compare_bytes():
    import secrets

    with pytest.raises(TypeError, match="comparing strings with non-ASCII characters"):
        secrets.compare_digest("ünïcode", "k-123")
    assert secrets.compare_digest("ünïcode".encode(), b"k-123") is False


def test_api_key_example_reads_its_key_from_the_environment(monkeypatch):
    monkeypatch.setenv("API_KEY", "from-env")
    monkeypatch.delitem(sys.modules, "examples.middleware.pure_asgi_api_key", raising=False)
    module = importlib.import_module("examples.middleware.pure_asgi_api_key")
    assert repr(module.API_KEY) == "Secret('**********')"
    client = TestClient(module.app)
    assert client.get("/", headers={"X-API-Key": "from-env"}).text == "ok"
    assert client.get("/", headers={"X-API-Key": "ünïcode".encode("latin-1")}).status_code == 401


# --- trusted hosts -----------------------------------------------------------------------


def test_without_trusted_host_urls_are_built_from_the_client_host_header():
    async def reset_link(request: Request) -> Response:
        return PlainTextResponse(str(request.url_for("reset")))

    app = Starlette(routes=[Route("/reset", reset_link, name="reset")])
    client = TestClient(app, base_url="https://attacker.example")
    assert client.get("/reset").text == "https://attacker.example/reset"


# --- HTTPS behind a proxy ------------------------------------------------------------------


def test_https_redirect_behind_tls_proxy_without_proxy_headers_redirects_forever():
    client = TestClient(dont_proxy_app, base_url="http://www.example.com", client=PROXY)
    response = client.get("/", headers={"X-Forwarded-Proto": "https"}, follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "https://www.example.com/"


def test_proxy_headers_from_a_trusted_proxy_set_the_scheme_and_client(monkeypatch):
    module = load_example(monkeypatch, "proxy_https_redirect", FORWARDED_ALLOW_IPS="10.0.0.5")
    client = TestClient(module.app, base_url="http://www.example.com", client=PROXY)
    response = client.get(
        "/", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}
    )
    assert response.json() == {"scheme": "https", "client": "198.51.100.7"}


def test_plain_http_through_the_trusted_proxy_is_still_redirected(monkeypatch):
    module = load_example(monkeypatch, "proxy_https_redirect", FORWARDED_ALLOW_IPS="10.0.0.5")
    client = TestClient(module.app, base_url="http://www.example.com", client=PROXY)
    response = client.get("/", headers={"X-Forwarded-Proto": "http"}, follow_redirects=False)
    assert response.status_code == 307


def test_garbage_proxy_headers_from_the_trusted_proxy_are_not_a_500(monkeypatch):
    module = load_example(monkeypatch, "proxy_https_redirect", FORWARDED_ALLOW_IPS="10.0.0.5")
    client = TestClient(module.app, base_url="http://www.example.com", client=PROXY)
    headers = {"X-Forwarded-Proto": "javascript", "X-Forwarded-For": "not an ip,,"}
    assert client.get("/", headers=headers, follow_redirects=False).status_code == 307


def test_proxy_headers_from_an_untrusted_client_are_ignored(monkeypatch):
    module = load_example(monkeypatch, "proxy_https_redirect", FORWARDED_ALLOW_IPS="10.0.0.5")
    client = TestClient(module.app, base_url="http://www.example.com", client=("203.0.113.9", 1))
    response = client.get("/", headers={"X-Forwarded-Proto": "https"}, follow_redirects=False)
    assert response.status_code == 307


def test_proxy_example_trusts_only_localhost_by_default(monkeypatch):
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    module = load_example(monkeypatch, "proxy_https_redirect")
    assert list(module.TRUSTED_PROXIES) == ["127.0.0.1"]
    with TestClient(module.app, base_url="https://www.example.com") as client:  # lifespan too
        assert client.get("/").json() == {"scheme": "https", "client": "testclient"}
    no_client = TestClient(module.app, base_url="https://www.example.com")
    assert no_client.get("/").status_code == 200


def test_behind_a_proxy_without_proxy_headers_client_and_scheme_are_the_proxy_hop():
    async def info(request: Request) -> Response:
        return PlainTextResponse(f"{request.client.host} {request.url_for('info')}")

    app = Starlette(routes=[Route("/", info, name="info")])
    client = TestClient(app, base_url="http://www.example.com", client=PROXY)
    response = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert response.text == "10.0.0.5 http://www.example.com/"


def test_trusting_every_address_lets_any_client_claim_https():
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    async def scheme(request: Request) -> Response:
        return PlainTextResponse(request.url.scheme)

    app = ProxyHeadersMiddleware(Starlette(routes=[Route("/", scheme)]), trusted_hosts="*")
    client = TestClient(app, client=("203.0.113.9", 1))
    assert client.get("/", headers={"X-Forwarded-Proto": "https"}).text == "https"


def test_uvicorn_cli_has_proxy_headers_on_by_default_and_forwarded_allow_ips():
    cli = importlib.import_module("uvicorn.main").main  # the click command
    options = {param.name: param for param in cli.params}
    assert options["proxy_headers"].default is True
    assert "--forwarded-allow-ips" in options["forwarded_allow_ips"].opts


def test_uvicorn_reads_proxy_headers_by_default_but_trusts_only_localhost(monkeypatch):
    import uvicorn

    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    config = uvicorn.Config(dont_proxy_app)
    assert config.proxy_headers is True
    assert config.forwarded_allow_ips == "127.0.0.1,::1"
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.0.0.5")
    assert uvicorn.Config(dont_proxy_app).forwarded_allow_ips == "10.0.0.5"


# --- security headers --------------------------------------------------------------------


def test_security_headers_are_on_every_response_and_hsts_only_over_https():
    https = TestClient(headers_app, base_url="https://testserver").get("/")
    assert https.headers["x-content-type-options"] == "nosniff"
    assert https.headers["x-frame-options"] == "DENY"
    assert https.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert https.headers["cross-origin-opener-policy"] == "same-origin"
    assert https.headers["content-security-policy"].startswith("default-src 'self'")
    assert https.headers["strict-transport-security"] == "max-age=63072000; includeSubDomains"
    http = TestClient(headers_app).get("/")
    assert "strict-transport-security" not in http.headers
    missing = TestClient(headers_app).get("/nope")
    assert missing.status_code == 404
    assert missing.headers["x-content-type-options"] == "nosniff"


def test_security_headers_keep_an_endpoint_own_value():
    with TestClient(headers_app) as client:
        csp = client.get("/widget").headers.get_list("content-security-policy")
    assert csp == ["default-src 'self'; frame-ancestors https://partner.example.com"]


def _boom(request: Request) -> Response:
    raise RuntimeError("boom")


def test_headers_from_middleware_list_are_missing_on_500_pages():
    inner = Starlette(
        routes=[Route("/boom", _boom)], middleware=[Middleware(SecurityHeadersMiddleware)]
    )
    response = TestClient(inner, raise_server_exceptions=False).get("/boom")
    assert response.status_code == 500
    assert "x-content-type-options" not in response.headers


def test_wrapping_the_whole_app_puts_headers_on_500_pages_too():
    outer = SecurityHeadersMiddleware(Starlette(routes=[Route("/boom", _boom)]))
    response = TestClient(outer, raise_server_exceptions=False).get("/boom")
    assert response.status_code == 500
    assert response.headers["x-content-type-options"] == "nosniff"


# --- cookie flags --------------------------------------------------------------------------


def test_cookie_is_set_with_secure_httponly_samesite_and_host_prefix():
    client = TestClient(cookie_app, base_url="https://testserver", follow_redirects=False)
    set_cookie = client.post("/theme").headers["set-cookie"]
    assert set_cookie.startswith("__Host-theme=dark;")
    for flag in ("HttpOnly", "Max-Age=2592000", "Path=/", "SameSite=lax", "Secure"):
        assert flag in set_cookie
    assert "Domain" not in set_cookie
    assert client.get("/").text == "dark"
    deleted = client.post("/theme/forget").headers["set-cookie"]
    assert "Max-Age=0" in deleted and "Secure" in deleted
    assert client.get("/").text == "light"


def test_cookie_routes_reject_wrong_methods_with_405():
    client = TestClient(cookie_app, base_url="https://testserver")
    assert client.get("/theme").status_code == 405
    assert client.post("/").status_code == 405


def test_secure_cookie_is_not_sent_back_over_plain_http():
    https = TestClient(cookie_app, base_url="https://testserver")
    https.post("/theme")
    http = TestClient(cookie_app, base_url="http://testserver", cookies=https.cookies)
    assert http.get("/").text == "light"


def test_set_cookie_defaults_are_samesite_lax_without_secure_or_httponly():
    response = Response()
    response.set_cookie("a", "1")
    assert response.headers["set-cookie"] == "a=1; Path=/; SameSite=lax"


def test_session_cookie_is_always_httponly_and_secure_only_with_https_only():
    from starlette.middleware.sessions import SessionMiddleware

    async def login(request: Request) -> Response:
        request.session["user"] = "ada"
        return PlainTextResponse("ok")

    def cookie(**options) -> str:
        app = Starlette(
            routes=[Route("/", login)],
            middleware=[Middleware(SessionMiddleware, secret_key="test-only", **options)],
        )
        return TestClient(app, base_url="https://testserver").get("/").headers["set-cookie"]

    assert "httponly; samesite=lax" in cookie()
    assert "secure" not in cookie()
    assert "httponly; samesite=strict; secure" in cookie(https_only=True, same_site="strict")


@pytest.mark.starlette("1.7")
def test_session_partitioned_cookie_works_on_any_python_since_1_7():
    from starlette.middleware.sessions import SessionMiddleware

    async def login(request: Request) -> Response:
        request.session["user"] = "ada"
        return PlainTextResponse("ok")

    app = Starlette(
        routes=[Route("/", login)],
        middleware=[
            Middleware(
                SessionMiddleware,
                secret_key="test-only",
                https_only=True,
                same_site="none",
                partitioned=True,
            )
        ],
    )
    header = TestClient(app, base_url="https://testserver").get("/").headers["set-cookie"]
    assert header.endswith("httponly; samesite=none; secure; partitioned")


@pytest.mark.skipif(sys.version_info >= (3, 14), reason="Python 3.14 supports partitioned")
def test_set_cookie_partitioned_raises_before_python_3_14():
    with pytest.raises(ValueError, match=r"Partitioned cookies are only supported in Python 3\.14"):
        Response().set_cookie("a", "1", secure=True, samesite="none", partitioned=True)


@pytest.mark.starlette("1.7")
@pytest.mark.skipif(sys.version_info >= (3, 14), reason="Python 3.14 supports partitioned")
def test_delete_cookie_partitioned_raises_before_python_3_14():
    with pytest.raises(ValueError, match=r"Partitioned cookies are only supported in Python 3\.14"):
        Response().delete_cookie("a", secure=True, samesite="none", partitioned=True)


# --- CSRF ------------------------------------------------------------------------------------


def test_starlette_ships_no_csrf_middleware():
    import importlib.util

    assert importlib.util.find_spec("starlette.middleware.csrf") is None


@pytest.fixture
def csrf(monkeypatch):
    return load_example(monkeypatch, "csrf_session_token", SECRET_KEY="test-signing-key")


def _form_token(client: TestClient) -> str:
    html = client.get("/transfer").text
    return html.split('name="csrf_token" value="')[1].split('"')[0]


def test_csrf_post_without_token_is_403(csrf):
    client = TestClient(csrf.app, base_url="https://testserver")
    _form_token(client)
    response = client.post("/transfer", data={"amount": "100"})
    assert response.status_code == 403
    assert response.text == "CSRF token missing"


def test_csrf_post_with_wrong_token_is_403(csrf):
    client = TestClient(csrf.app, base_url="https://testserver")
    _form_token(client)
    response = client.post("/transfer", data={"amount": "100", "csrf_token": "guess"})
    assert response.status_code == 403
    assert response.text == "CSRF token invalid"


def test_csrf_form_field_or_header_token_is_accepted(csrf):
    client = TestClient(csrf.app, base_url="https://testserver")
    token = _form_token(client)
    assert _form_token(client) == token  # stable for the session
    ok = client.post("/transfer", data={"amount": "100", "csrf_token": token})
    assert ok.json() == {"sent": "100"}
    via_header = client.post("/transfer", data={"amount": "5"}, headers={"X-CSRF-Token": token})
    assert via_header.json() == {"sent": "5"}


def test_csrf_token_of_another_session_or_no_session_is_403(csrf):
    alice = TestClient(csrf.app, base_url="https://testserver")
    token = _form_token(alice)
    mallory = TestClient(csrf.app, base_url="https://testserver")
    _form_token(mallory)
    assert mallory.post("/transfer", data={"csrf_token": token}).status_code == 403
    fresh = TestClient(csrf.app, base_url="https://testserver")
    assert fresh.post("/transfer", data={"csrf_token": token}).status_code == 403
    assert fresh.post("/transfer", content=b"{}").status_code == 403


def test_csrf_token_sent_as_a_file_part_is_403_not_500(csrf):
    client = TestClient(csrf.app, base_url="https://testserver")
    token = _form_token(client)
    response = client.post("/transfer", files={"csrf_token": ("t.txt", token.encode())})
    assert response.status_code == 403


def _post_malformed_multipart(csrf):  # type: ignore[no-untyped-def]
    client = TestClient(csrf.app, base_url="https://testserver", raise_server_exceptions=False)
    _form_token(client)
    return client.post(
        "/transfer",
        content=b"--x\r\nnot a header\r\n",
        headers={"Content-Type": "multipart/form-data; boundary=x"},
    )


@pytest.mark.starlette("1.7")
def test_csrf_malformed_multipart_is_400_since_1_7(csrf):
    assert _post_malformed_multipart(csrf).status_code == 400


@pytest.mark.starlette("1.0", before="1.7")
def test_before_1_7_csrf_malformed_multipart_is_a_500(csrf):
    assert _post_malformed_multipart(csrf).status_code == 500


def test_csrf_session_cookie_is_secure_so_plain_http_loses_the_session(csrf):
    client = TestClient(csrf.app, base_url="https://testserver")
    first = client.get("/transfer")
    assert first.headers["set-cookie"].endswith("httponly; samesite=lax; secure")
    token = first.text.split('name="csrf_token" value="')[1].split('"')[0]
    http = TestClient(csrf.app, cookies=client.cookies)
    assert http.post("/transfer", data={"csrf_token": token}).status_code == 403


def test_csrf_example_requires_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(KeyError, match="SECRET_KEY"):
        load_example(monkeypatch, "csrf_session_token")


# --- body and upload limits ---


def test_form_limits_default_to_1000_files_1000_fields_and_1_mib_parts():
    import inspect

    params = inspect.signature(Request.form).parameters
    assert params["max_files"].default == 1000
    assert params["max_fields"].default == 1000
    assert params["max_part_size"].default == 1024 * 1024


@pytest.mark.starlette("1.0", before="1.6")
def test_before_1_6_there_is_no_max_body_size():
    with pytest.raises(TypeError, match="unexpected keyword argument 'max_body_size'"):
        Starlette(max_body_size=1024)  # type: ignore[call-arg]


def test_without_max_body_size_bodies_are_unlimited():
    async def size(request: Request) -> Response:
        return PlainTextResponse(str(len(await request.body())))

    app = Starlette(routes=[Route("/", size, methods=["POST"])])
    assert TestClient(app).post("/", content=b"x" * (3 * 1024 * 1024)).text == str(3 * 1024 * 1024)


# --- body and upload limits (1.6) ----------------------------------------------------------


PNG = ("a.png", b"\x89PNG\r\n" + b"0" * 100, "image/png")


@pytest.mark.starlette("1.6")
def test_upload_accepts_one_allowed_file():
    from examples.security.upload_limits import app

    response = TestClient(app).post("/upload", files={"file": PNG})
    assert response.json() == {"size": 106, "type": "image/png"}


@pytest.mark.starlette("1.6")
def test_upload_rejects_more_than_max_files():
    from examples.security.upload_limits import app

    response = TestClient(app).post("/upload", files=[("file", PNG), ("file", PNG)])
    assert response.status_code == 400
    assert response.text == "Too many files. Maximum number of files is 1."


@pytest.mark.starlette("1.6")
def test_upload_rejects_more_than_max_fields():
    from examples.security.upload_limits import app

    fields = {f"f{i}": "x" for i in range(6)}
    response = TestClient(app).post("/upload", data=fields, files={"file": PNG})
    assert response.status_code == 400
    assert response.text == "Too many fields. Maximum number of fields is 5."


@pytest.mark.starlette("1.6")
def test_upload_rejects_a_text_field_over_max_part_size_but_not_a_larger_file():
    from examples.security.upload_limits import app

    client = TestClient(app)
    response = client.post("/upload", data={"note": "x" * 17000}, files={"file": PNG})
    assert response.status_code == 400
    assert response.text == "Part exceeded maximum size of 16KB."
    big = ("b.pdf", b"%PDF" + b"0" * 100_000, "application/pdf")
    assert client.post("/upload", files={"file": big}).json()["size"] == 100_004


@pytest.mark.starlette("1.6")
def test_upload_over_the_route_body_limit_is_413():
    from examples.security.upload_limits import MIB, app

    huge = ("h.pdf", b"0" * (5 * MIB), "application/pdf")
    response = TestClient(app).post("/upload", files={"file": huge})
    assert response.status_code == 413
    assert response.text == "Content Too Large"


@pytest.mark.starlette("1.6")
def test_upload_bad_inputs_are_4xx():
    from examples.security.upload_limits import app

    client = TestClient(app)
    assert client.post("/upload", data={"file": "not a file"}).status_code == 400
    assert (
        client.post(
            "/upload", files={"file": ("a.exe", b"MZ", "application/x-msdownload")}
        ).status_code
        == 415
    )
    # The declared content type is the client's claim, not checked against the bytes.
    fake = ("x.png", b"MZ not an image", "image/png")
    assert client.post("/upload", files={"file": fake}).status_code == 200
    assert client.get("/upload").status_code == 405
    assert client.post("/other", content=b"x" * (64 * 1024 + 1)).status_code == 413


# --- safe file downloads -------------------------------------------------------------------


def test_download_serves_files_and_subdirectories_inside_the_base():
    client = TestClient(download_app)
    response = client.get("/files/report.txt")
    assert response.text == "quarterly report\n"
    assert response.headers["content-disposition"] == 'attachment; filename="report.txt"'
    assert client.get("/files/docs/guide.txt").text == "user guide\n"


@pytest.mark.parametrize(
    "url",
    [
        "/files/..%2Fsafe_file_download.py",
        "/files/docs/..%2F..%2Fsafe_file_download.py",
        "/files/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/files/%2Fetc%2Fpasswd",
        "/files//etc/passwd",
        "/files/report.txt%00.png",
        "/files/docs",
        "/files/missing.txt",
    ],
)
def test_download_rejects_traversal_absolute_nul_directories_and_missing_with_404(url):
    response = TestClient(download_app).get(url)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "user_path", ["../safe_file_download.py", "/etc/passwd", "docs/../../x", "a\x00b", ""]
)
def test_safe_path_refuses_paths_that_escape_or_are_not_files(user_path):
    from starlette.exceptions import HTTPException

    with pytest.raises(HTTPException) as excinfo:
        safe_path(FILES_DIR, user_path)
    assert excinfo.value.status_code == 404


def test_safe_path_refuses_a_symlink_that_points_outside(tmp_path: Path):
    from starlette.exceptions import HTTPException

    base = tmp_path / "base"
    base.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (base / "link.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(HTTPException):
        safe_path(base.resolve(), "link.txt")


def test_path_param_receives_decoded_slashes_and_dot_segments():
    async def echo(request: Request) -> Response:
        return PlainTextResponse(request.path_params["path"])

    client = TestClient(Starlette(routes=[Route("/files/{path:path}", echo)]))
    assert client.get("/files/..%2F..%2Fetc%2Fpasswd").text == "../../etc/passwd"
    assert client.get("/files/%2Fetc%2Fpasswd").text == "/etc/passwd"
    assert client.get("/files/a%00b").text == "a\x00b"


def test_path_resolve_with_nul_byte_raises_value_error():
    with pytest.raises(ValueError, match="embedded null byte"):
        (FILES_DIR / "a\x00b").resolve()


# --- templates ---


def test_jinja2_templates_autoescape_but_a_plain_environment_does_not(tmp_path: Path):
    import jinja2
    from starlette.templating import Jinja2Templates

    (tmp_path / "page.html").write_text("{{ name }}")
    user_input = "<script>alert(1)</script>"
    default = Jinja2Templates(directory=tmp_path)
    rendered = default.get_template("page.html").render(name=user_input)
    assert rendered == "&lt;script&gt;alert(1)&lt;/script&gt;"
    plain = Jinja2Templates(env=jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path)))
    assert plain.get_template("page.html").render(name=user_input) == user_input
    fixed_env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(tmp_path), autoescape=jinja2.select_autoescape()
    )
    fixed = Jinja2Templates(env=fixed_env).get_template("page.html").render(name=user_input)
    assert fixed == rendered


# --- debug=True ----------------------------------------------------------------------------


def test_debug_true_sends_traceback_source_and_secrets_to_the_client(monkeypatch):
    dsn = "postgresql://app:pw-from-env@db/prod"
    module = load_example(monkeypatch, "dont_debug_true", DATABASE_URL=dsn)
    client = TestClient(module.app, raise_server_exceptions=False)
    text = client.get("/checkout")
    assert text.status_code == 500
    assert text.text.startswith("Traceback (most recent call last):")
    assert f"ConnectionError: cannot reach {dsn}" in text.text
    assert "dont_debug_true.py" in text.text
    html = client.get("/checkout", headers={"Accept": "text/html"})
    assert "pw-from-env" in html.text
    assert "raise&nbspConnectionError" in html.text  # the source line


def test_debug_false_sends_only_internal_server_error(monkeypatch):
    module = load_example(monkeypatch, "dont_debug_true", DATABASE_URL="postgresql://x:pw@db/p")
    app = Starlette(routes=[Route("/checkout", module.checkout)])  # debug defaults to False
    response = TestClient(app, raise_server_exceptions=False).get("/checkout")
    assert response.status_code == 500
    assert response.text == "Internal Server Error"
