import importlib
import threading

import pytest
from starlette.applications import Starlette
from starlette.endpoints import HTTPEndpoint
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from examples.endpoints.http_endpoint import app as notes_app
from examples.endpoints.requires_scopes import app as reports_app

# --- http_endpoint --------------------------------------------------------------------


def test_notes_create_list_get_delete() -> None:
    with TestClient(notes_app) as client:
        created = client.post("/notes", json={"text": "buy milk"})
        assert created.status_code == 201
        assert created.json() == {"id": 1, "text": "buy milk"}
        assert client.get("/notes").json() == [{"id": 1, "text": "buy milk"}]
        assert client.get("/notes/1").json() == {"id": 1, "text": "buy milk"}
        assert client.delete("/notes/1").status_code == 204
        assert client.get("/notes/1").status_code == 404


def test_notes_reject_malformed_json_with_400() -> None:
    with TestClient(notes_app) as client:
        response = client.post(
            "/notes", content=b"{bad", headers={"content-type": "application/json"}
        )
    assert response.status_code == 400
    assert response.json() == {"error": "invalid JSON"}


@pytest.mark.parametrize("body", [{"text": 3}, {"text": ""}, {"text": "x" * 501}, ["text"], {}])
def test_notes_reject_wrong_types_and_sizes_with_422(body: object) -> None:
    with TestClient(notes_app) as client:
        assert client.post("/notes", json=body).status_code == 422


def test_notes_unknown_route_is_404() -> None:
    with TestClient(notes_app) as client:
        assert client.get("/notes/abc").status_code == 404


def test_undefined_method_is_405_with_allow_listing_defined_ones() -> None:
    with TestClient(notes_app) as client:
        response = client.put("/notes")
    assert response.status_code == 405
    assert response.text == "Method Not Allowed"
    assert set(response.headers["allow"].split(", ")) >= {"GET", "POST"}


@pytest.mark.starlette("1.9")
def test_allow_header_includes_head_when_get_is_defined() -> None:
    with TestClient(notes_app) as client:
        assert client.put("/notes").headers["allow"] == "GET, HEAD, POST"
        assert client.post("/notes/1").headers["allow"] == "GET, HEAD, DELETE"


@pytest.mark.starlette("1.0", before="1.9")
def test_before_1_9_allow_lists_head_only_when_head_is_defined() -> None:
    with TestClient(notes_app) as client:
        assert client.put("/notes").headers["allow"] == "GET, POST"
        assert client.post("/notes/1").headers["allow"] == "GET, DELETE"
    assert TestClient(Probe).put("/").headers["allow"].startswith("GET, HEAD")


def test_head_is_served_by_get_without_a_body() -> None:
    with TestClient(notes_app) as client:
        client.post("/notes", json={"text": "x"})
        response = client.head("/notes")
    assert response.status_code == 200
    assert response.content == b""
    assert int(response.headers["content-length"]) > 0


def test_options_is_405_unless_defined() -> None:
    with TestClient(notes_app) as client:
        assert client.options("/notes").status_code == 405


class Probe(HTTPEndpoint):
    async def get(self, request: Request) -> PlainTextResponse:
        return PlainTextResponse("get")

    async def head(self, request: Request) -> Response:
        return Response(headers={"x-head": "own"})

    def post(self, request: Request) -> PlainTextResponse:
        return PlainTextResponse(threading.current_thread().name)

    async def search(self, request: Request) -> PlainTextResponse:
        return PlainTextResponse("helper")

    async def query(self, request: Request) -> PlainTextResponse:
        return PlainTextResponse("query")


class PostOnly(HTTPEndpoint):
    async def post(self, request: Request) -> PlainTextResponse:
        return PlainTextResponse("post")


def test_head_without_get_or_head_is_405() -> None:
    assert TestClient(PostOnly).head("/").status_code == 405


def test_a_new_instance_handles_each_request() -> None:
    seen: list[HTTPEndpoint] = []

    class Recorder(HTTPEndpoint):
        async def get(self, request: Request) -> PlainTextResponse:
            seen.append(self)
            return PlainTextResponse("ok")

    client = TestClient(Recorder)
    client.get("/")
    client.get("/")
    assert seen[0] is not seen[1]


ORIGIN = "https://app.example"


def test_cors_preflight_is_answered_before_the_endpoint() -> None:
    app = Starlette(
        routes=[Route("/", PostOnly)],
        middleware=[
            Middleware(
                CORSMiddleware, allow_origins=["https://app.example"], allow_methods=["POST"]
            )
        ],
    )
    headers = {"Origin": ORIGIN, "Access-Control-Request-Method": "POST"}
    assert TestClient(app).options("/", headers=headers).status_code == 200


def test_own_head_handler_wins_over_get() -> None:
    assert TestClient(Probe).head("/").headers["x-head"] == "own"


def test_sync_handler_runs_in_a_worker_thread() -> None:
    assert TestClient(Probe).post("/").text != threading.main_thread().name


@pytest.mark.starlette("1.1")
def test_only_standard_verbs_dispatch_helper_methods_are_not_exposed() -> None:
    client = TestClient(Starlette(routes=[Route("/", Probe)]))
    assert client.request("SEARCH", "/").status_code == 405
    assert client.request("DISPATCH", "/").status_code == 405


@pytest.mark.starlette("1.0", before="1.1")
def test_before_1_1_any_method_name_dispatches_to_a_matching_attribute() -> None:
    client = TestClient(Starlette(routes=[Route("/", Probe)]))
    assert client.request("SEARCH", "/").text == "helper"
    # QUERY too, by the same accident; 1.1 to 1.6 answer it with 405.
    assert client.request("QUERY", "/").text == "query"
    with pytest.raises(TypeError, match="dispatch"):
        client.request("DISPATCH", "/")


@pytest.mark.starlette("1.7")
def test_query_dispatches_to_the_query_method() -> None:
    client = TestClient(Starlette(routes=[Route("/", Probe)]))
    assert client.request("QUERY", "/").text == "query"


def test_plain_asgi_endpoint_returns_405_itself() -> None:
    response = TestClient(Probe).put("/")
    assert (response.status_code, response.text) == (405, "Method Not Allowed")


def test_inside_starlette_405_goes_through_exception_handlers() -> None:
    async def custom_405(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        return JSONResponse({"allow": exc.headers["Allow"]}, status_code=405)

    app = Starlette(routes=[Route("/", Probe)], exception_handlers={405: custom_405})
    assert TestClient(app).put("/").json()["allow"].startswith("GET, HEAD")


def test_dont_instantiate_endpoint_raises_typeerror_at_import() -> None:
    with pytest.raises(TypeError) as info:
        importlib.import_module("examples.endpoints.dont_instantiate_endpoint")
    assert str(info.value) == (
        "HTTPEndpoint.__init__() missing 3 required positional arguments: "
        "'scope', 'receive', and 'send'"
    )


# --- requires_scopes ------------------------------------------------------------------


@pytest.fixture
def tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTS_ADMIN_TOKEN", "admin-token-for-tests")
    monkeypatch.setenv("REPORTS_READ_TOKEN", "read-token-for-tests")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.usefixtures("tokens")
def test_reader_can_get_but_post_is_hidden_with_404() -> None:
    client = TestClient(reports_app)
    response = client.get("/reports", headers=bearer("read-token-for-tests"))
    assert response.json() == {"reports": [], "user": "read"}
    assert client.post("/reports", headers=bearer("read-token-for-tests")).status_code == 404


@pytest.mark.usefixtures("tokens")
def test_admin_can_post() -> None:
    client = TestClient(reports_app)
    assert client.post("/reports", headers=bearer("admin-token-for-tests")).status_code == 201


@pytest.mark.usefixtures("tokens")
@pytest.mark.parametrize(
    "headers", [{}, bearer("wrong"), {"Authorization": "Basic abc"}, {"Authorization": "Bearer"}]
)
def test_requires_answers_403_without_the_scope(headers: dict[str, str]) -> None:
    assert TestClient(reports_app).get("/reports", headers=headers).status_code == 403


# --- query_method (1.7) ---------------------------------------------------------------


@pytest.mark.starlette("1.7")
def test_query_method_filters_with_a_json_body() -> None:
    from examples.endpoints.query_method import app

    client = TestClient(app)
    response = client.request("QUERY", "/products", json={"max_price": 30})
    assert [p["name"] for p in response.json()] == ["kettle", "mug"]
    assert len(client.get("/products").json()) == 3


@pytest.mark.starlette("1.7")
@pytest.mark.parametrize(
    ("content", "status"),
    [(b"{bad", 400), (b'{"max_price": "30"}', 422), (b'{"max_price": true}', 422), (b"[]", 422)],
)
def test_query_method_rejects_bad_bodies(content: bytes, status: int) -> None:
    from examples.endpoints.query_method import app

    response = TestClient(app).request("QUERY", "/products", content=content)
    assert response.status_code == status


@pytest.mark.starlette("1.9")
def test_query_appears_in_allow() -> None:
    from examples.endpoints.query_method import app

    assert TestClient(app).post("/products").headers["allow"] == "GET, HEAD, QUERY"
