import pytest
import yaml
from openapi_spec_validator import OpenAPIV31SpecValidator, OpenAPIV32SpecValidator, validate
from starlette.endpoints import HTTPEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route, WebSocketRoute
from starlette.schemas import SchemaGenerator
from starlette.testclient import TestClient
from starlette.websockets import WebSocket

import examples.schemas.openapi_from_docstrings as users_module
from examples.schemas.openapi_from_docstrings import app, schemas

INFO = {"title": "T", "version": "1"}


@pytest.fixture(autouse=True)
def fresh_users(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(users_module, "USERS", {1: "Ada", 2: "Alan"})


# --- openapi_from_docstrings.py -------------------------------------------------------


def test_yaml_schema_is_served_and_valid_openapi_31() -> None:
    response = TestClient(app).get("/schema")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/vnd.oai.openapi"
    schema = yaml.safe_load(response.text)
    OpenAPIV31SpecValidator(schema).validate()
    assert schema == TestClient(app).get("/openapi.json").json()


def test_schema_lists_routes_mounts_and_class_methods() -> None:
    paths = schemas.get_schema(routes=app.routes)["paths"]
    assert sorted(paths) == ["/admin/stats", "/users", "/users/{user_id}"]
    assert sorted(paths["/users"]) == ["get", "post"]
    assert sorted(paths["/users/{user_id}"]) == ["delete", "get"]
    assert paths["/users"]["get"] == {
        "summary": "List users",
        "responses": {"200": {"description": "All users."}},
    }


def test_list_and_get_users() -> None:
    client = TestClient(app)
    assert client.get("/users").json() == [{"id": 1, "name": "Ada"}, {"id": 2, "name": "Alan"}]
    assert client.get("/users/2").json() == {"id": 2, "name": "Alan"}
    assert client.get("/users/9").status_code == 404
    assert client.get("/users/abc").status_code == 404
    assert client.get("/admin/stats").json() == {"users": 2}
    assert client.get("/health").json() == {"status": "ok"}


def test_create_user_validates_input() -> None:
    client = TestClient(app)
    created = client.post("/users", json={"name": "Grace"})
    assert created.status_code == 201
    assert created.json() == {"id": 3, "name": "Grace"}
    assert client.post("/users", content=b"{not json").status_code == 400
    for bad in ({"name": 5}, {"name": ""}, {"name": "x" * 101}, [], {}):
        response = client.post("/users", json=bad)
        assert response.status_code == 422, bad


def test_delete_user_and_unknown_method() -> None:
    client = TestClient(app)
    assert client.delete("/users/1").status_code == 204
    assert client.delete("/users/1").status_code == 404
    assert client.put("/users/2").status_code == 405
    assert client.delete("/users").status_code == 405


# --- SchemaGenerator behaviour --------------------------------------------------------


def endpoint_with_doc(doc: str | None):
    async def endpoint(request: Request) -> PlainTextResponse:
        return PlainTextResponse("")

    endpoint.__doc__ = doc
    return endpoint


def schema_for(*routes: Route, openapi: str = "3.1.0") -> dict:
    return SchemaGenerator({"openapi": openapi, "info": INFO}).get_schema(routes=list(routes))


def test_function_route_with_several_methods_repeats_the_docstring() -> None:
    doc = 'responses: {"200": {description: ok}}'
    paths = schema_for(Route("/x", endpoint_with_doc(doc), methods=["GET", "POST"]))["paths"]
    assert paths["/x"]["get"] == paths["/x"]["post"]
    assert "head" not in paths["/x"]


def test_routes_without_a_yaml_mapping_docstring_are_left_out() -> None:
    schema = schema_for(
        Route("/none", endpoint_with_doc(None)),
        Route("/prose", endpoint_with_doc("Just prose.")),
    )
    assert schema["paths"] == {}


def test_unquoted_status_codes_become_int_keys_that_validators_reject() -> None:
    doc = "responses:\n  200:\n    description: ok"
    schema = schema_for(Route("/x", endpoint_with_doc(doc)))
    assert list(schema["paths"]["/x"]["get"]["responses"]) == [200]
    with pytest.raises(TypeError):
        validate(schema)


# --- query_method_openapi32.py --------------------------------------------------------


@pytest.mark.starlette("1.7")
def test_query_method_is_served_and_documented_in_openapi_32() -> None:
    from examples.schemas.query_method_openapi32 import app as search_app

    client = TestClient(search_app)
    assert client.request("QUERY", "/search", json={"prefix": "A"}).json() == ["Ada", "Alan"]
    schema = client.get("/openapi.json").json()
    OpenAPIV32SpecValidator(schema).validate()
    assert list(schema["paths"]["/search"]) == ["query"]


@pytest.mark.starlette("1.7")
def test_query_method_rejects_bad_input_and_other_methods() -> None:
    from examples.schemas.query_method_openapi32 import app as search_app

    client = TestClient(search_app)
    assert client.request("QUERY", "/search", content=b"{oops").status_code == 400
    assert client.request("QUERY", "/search", json={"prefix": 1}).status_code == 400
    response = client.get("/search")
    assert response.status_code == 405
    assert response.headers["allow"] == "QUERY"


def test_only_the_text_after_the_last_separator_is_parsed() -> None:
    doc = 'Prose.\n---\nsummary: old\n---\nsummary: new\nresponses: {"200": {description: ok}}'
    paths = schema_for(Route("/x", endpoint_with_doc(doc)))["paths"]
    assert paths["/x"]["get"]["summary"] == "new"


def test_class_endpoints_list_each_defined_method_and_skip_websockets() -> None:
    doc = 'responses: {"200": {description: ok}}'

    class Many(HTTPEndpoint):
        post = put = patch = options = endpoint_with_doc(doc)

    async def ws(websocket: WebSocket) -> None:
        """responses: {"200": {description: ok}}"""

    schema = schema_for(Route("/many", Many), WebSocketRoute("/ws", ws))
    assert sorted(schema["paths"]) == ["/many"]
    assert sorted(schema["paths"]["/many"]) == ["options", "patch", "post", "put"]


@pytest.mark.starlette("1.7")
@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_query_operations_are_dropped_below_openapi_32_for_each_version(version: str) -> None:
    from examples.schemas.query_method_openapi32 import app as search_app

    schema = SchemaGenerator({"openapi": version, "info": INFO}).get_schema(search_app.routes)
    assert schema["paths"] == {}


@pytest.mark.starlette("1.0", before="1.7")
def test_before_1_7_query_is_never_documented() -> None:
    class Search(HTTPEndpoint):
        async def query(self, request: Request) -> PlainTextResponse:
            """
            responses:
              "200":
                description: Matches.
            """
            return PlainTextResponse("")  # pragma: no cover

    generator = SchemaGenerator({"openapi": "3.2.0", "info": INFO})
    assert generator.get_schema([Route("/search", Search)])["paths"] == {}
