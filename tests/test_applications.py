from starlette.testclient import TestClient

from examples.applications.minimal_app import app


def test_minimal_app_serves_json() -> None:
    with TestClient(app) as client:
        assert client.get("/").json() == {"hello": "world"}
        assert client.get("/users/7").json() == {"user_id": 7}


def test_minimal_app_rejects_non_int_path_param_with_404() -> None:
    with TestClient(app) as client:
        assert client.get("/users/abc").status_code == 404
