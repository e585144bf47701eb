import os
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.testclient import TestClient

from examples.staticfiles.spa_fallback import app as spa_fallback_app
from examples.staticfiles.spa_html_mode import app as spa_app
from examples.staticfiles.static_assets import app
from examples.staticfiles.static_cache_control import app as cached_app

STATIC_DIR = Path(__file__).parent.parent / "examples" / "staticfiles" / "static"
CSS = (STATIC_DIR / "css" / "app.css").read_bytes()


def mounted(static: StaticFiles) -> TestClient:
    return TestClient(Starlette(routes=[Mount("/static", app=static)]))


# --- static_assets.py -----------------------------------------------------------------


def test_serves_files_with_content_type_etag_and_last_modified() -> None:
    response = TestClient(app).get("/static/css/app.css")
    assert response.status_code == 200
    assert response.content == CSS
    assert response.headers["content-type"] == "text/css; charset=utf-8"
    assert response.headers["accept-ranges"] == "bytes"
    assert response.headers["etag"].startswith('"')
    assert "last-modified" in response.headers
    assert "cache-control" not in response.headers


def test_api_route_next_to_the_static_mount_still_works() -> None:
    assert TestClient(app).get("/health").json() == {"status": "ok"}


def test_url_path_for_static_mount() -> None:
    assert app.url_path_for("static", path="css/app.css") == "/static/css/app.css"


def test_head_returns_headers_without_body() -> None:
    response = TestClient(app).head("/static/css/app.css")
    assert response.status_code == 200
    assert response.headers["content-length"] == str(len(CSS))
    assert response.content == b""


def test_missing_file_and_directory_without_html_mode_are_404() -> None:
    client = TestClient(app)
    assert client.get("/static/nope.css").status_code == 404
    response = client.get("/static/css")
    assert response.status_code == 404
    assert response.text == "Not Found"


def test_if_none_match_with_the_etag_gives_304() -> None:
    client = TestClient(app)
    etag = client.get("/static/css/app.css").headers["etag"]
    response = client.get("/static/css/app.css", headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == etag
    weak = client.get("/static/css/app.css", headers={"If-None-Match": f'"x", W/{etag}'})
    assert weak.status_code == 304


def test_if_modified_since_gives_304_unless_if_none_match_differs() -> None:
    client = TestClient(app)
    last_modified = client.get("/static/css/app.css").headers["last-modified"]
    headers = {"If-Modified-Since": last_modified}
    assert client.get("/static/css/app.css", headers=headers).status_code == 304
    headers["If-None-Match"] = '"other"'
    assert client.get("/static/css/app.css", headers=headers).status_code == 200


@pytest.mark.starlette("1.7")
def test_if_none_match_star_gives_304() -> None:
    response = TestClient(app).get("/static/css/app.css", headers={"If-None-Match": "*"})
    assert response.status_code == 304


def test_range_request_gives_206_with_content_range() -> None:
    response = TestClient(app).get("/static/css/app.css", headers={"Range": "bytes=0-3"})
    assert response.status_code == 206
    assert response.content == CSS[:4]
    assert response.headers["content-range"] == f"bytes 0-3/{len(CSS)}"


def test_unsatisfiable_range_gives_416_and_malformed_range_400() -> None:
    client = TestClient(app)
    response = client.get("/static/css/app.css", headers={"Range": "bytes=999-1000"})
    assert response.status_code == 416
    assert response.headers["content-range"] == f"bytes */{len(CSS)}"
    malformed = client.get("/static/css/app.css", headers={"Range": "items=0-1"})
    assert malformed.status_code == 400
    assert malformed.text == "Only support bytes range"


@pytest.mark.starlette("1.5.1")
def test_more_than_100_ranges_are_ignored_and_the_whole_file_sent() -> None:
    ranges = ",".join(f"{i}-{i}" for i in range(101))
    response = TestClient(app).get("/static/css/app.css", headers={"Range": f"bytes={ranges}"})
    assert response.status_code == 200
    assert response.content == CSS


@pytest.mark.parametrize(
    "path",
    [
        "/static/..%2Fstatic_assets.py",
        "/static/%2e%2e/static_assets.py",
        "/static/css/%2e%2e/%2e%2e/static_assets.py",
        "/static//etc/passwd",
        "/static/%2Fetc%2Fpasswd",
    ],
)
def test_path_traversal_and_absolute_paths_are_404(path: str) -> None:
    response = TestClient(app).get(path)
    assert response.status_code == 404
    assert response.text == "Not Found"


def test_null_byte_in_path_is_404() -> None:
    assert TestClient(app).get("/static/app%00.css").status_code == 404


def test_unsupported_method_is_405() -> None:
    response = TestClient(app).post("/static/css/app.css")
    assert response.status_code == 405
    assert response.text == "Method Not Allowed"


@pytest.mark.starlette("1.8")
def test_405_carries_allow_get_head() -> None:
    response = TestClient(app).delete("/static/css/app.css")
    assert response.headers["allow"] == "GET, HEAD"


# --- spa_html_mode.py -----------------------------------------------------------------


def test_html_mode_serves_index_html_for_directories() -> None:
    client = TestClient(spa_app)
    assert "<h1>Home</h1>" in client.get("/").text
    assert "<h1>Docs</h1>" in client.get("/docs/").text


def test_html_mode_redirects_directory_without_trailing_slash() -> None:
    response = TestClient(spa_app).get("/docs", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "http://testserver/docs/"


def test_html_mode_serves_404_html_with_status_404() -> None:
    response = TestClient(spa_app).get("/no/such/page")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text


def test_api_mount_before_root_mount_is_reachable() -> None:
    client = TestClient(spa_app)
    assert client.get("/api/health").json() == {"status": "ok"}
    assert client.get("/api/nope").status_code == 404
    assert client.get("/api/nope").text == "Not Found"


def test_root_static_mount_answers_unknown_post_with_405_not_404() -> None:
    assert TestClient(spa_app).post("/api-typo").status_code == 405


# --- static_cache_control.py ----------------------------------------------------------


def test_subclass_adds_cache_control_to_200_and_304() -> None:
    client = TestClient(cached_app)
    response = client.get("/static/robots.txt")
    assert response.headers["cache-control"] == "public, max-age=3600"
    again = client.get("/static/robots.txt", headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304
    assert again.headers["cache-control"] == "public, max-age=3600"
    assert client.get("/static/nope.txt").status_code == 404


def test_the_404_html_page_does_not_go_through_file_response(tmp_path: Path) -> None:
    from examples.staticfiles.static_cache_control import CachedStaticFiles

    (tmp_path / "404.html").write_text("<h1>Page not found</h1>")
    response = mounted(CachedStaticFiles(directory=tmp_path, html=True)).get("/static/nope")
    assert response.status_code == 404
    assert "cache-control" not in response.headers


# --- Not this -------------------------------------------------------------------------


def test_dont_root_mount_first_hides_the_api() -> None:
    from examples.staticfiles.dont_static_root_before_api import app as bad_app

    response = TestClient(bad_app).get("/api/health")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text


# --- constructor options --------------------------------------------------------------


def test_missing_directory_raises_at_construction(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    with pytest.raises(RuntimeError) as exc_info:
        StaticFiles(directory=missing)
    assert str(exc_info.value) == f"Directory '{missing}' does not exist"


def test_check_dir_false_defers_the_error_to_the_first_request(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    client = mounted(StaticFiles(directory=missing, check_dir=False))
    with pytest.raises(RuntimeError) as exc_info:
        client.get("/static/app.css")
    assert str(exc_info.value) == f"StaticFiles directory '{missing}' does not exist."


def test_check_dir_false_serves_a_directory_created_later(tmp_path: Path) -> None:
    build = tmp_path / "build"
    client = mounted(StaticFiles(directory=build, check_dir=False))
    build.mkdir()
    (build / "app.js").write_text("1;")
    assert client.get("/static/app.js").text == "1;"


def test_symlink_out_of_the_directory_needs_follow_symlink(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("outside")
    served = tmp_path / "served"
    served.mkdir()
    os.symlink(outside, served / "link.txt")
    assert mounted(StaticFiles(directory=served)).get("/static/link.txt").status_code == 404
    followed = mounted(StaticFiles(directory=served, follow_symlink=True))
    assert followed.get("/static/link.txt").text == "outside"


def test_packages_serves_a_directory_inside_a_python_package() -> None:
    client = mounted(StaticFiles(packages=[("examples.staticfiles", "static")]))
    assert client.get("/static/css/app.css").content == CSS


def test_packages_default_directory_is_statics() -> None:
    with pytest.raises(AssertionError) as exc_info:
        StaticFiles(packages=["examples.staticfiles"])
    assert str(exc_info.value) == (
        "Directory ''statics'' in package 'examples.staticfiles' could not be found."
    )


def test_arguments_are_keyword_only() -> None:
    with pytest.raises(TypeError, match="takes 1 positional argument but 2 were given"):
        StaticFiles(STATIC_DIR)  # type: ignore[misc]


def test_html_mode_without_404_html_is_a_plain_404(tmp_path: Path) -> None:
    response = mounted(StaticFiles(directory=tmp_path, html=True)).get("/static/nope")
    assert response.status_code == 404
    assert response.text == "Not Found"


def test_directory_and_packages_combine_and_the_first_match_wins(tmp_path: Path) -> None:
    (tmp_path / "robots.txt").write_text("override")
    static = StaticFiles(directory=tmp_path, packages=[("examples.staticfiles", "static")])
    client = mounted(static)
    assert client.get("/static/robots.txt").text == "override"
    assert client.get("/static/css/app.css").content == CSS


def test_literal_dot_dot_is_collapsed_by_the_client() -> None:
    response = TestClient(app).get("/static/../static_assets.py")
    assert response.status_code == 404
    assert response.request.url.path == "/static_assets.py"


# --- spa_fallback.py ------------------------------------------------------------------


def test_spa_fallback_serves_the_shell_for_client_routes() -> None:
    client = TestClient(spa_fallback_app)
    for path in ("/", "/settings", "/orders/7"):
        response = client.get(path)
        assert response.status_code == 200
        assert "<h1>Home</h1>" in response.text
    assert client.get("/static/css/app.css").content == CSS
    assert client.get("/api/health").json() == {"status": "ok"}
    assert client.get("/api/nope").status_code == 404
    assert client.post("/settings").status_code == 405


# --- Older releases ---------------------------------------------------------------------------


@pytest.mark.starlette("1.0", before="1.8")
def test_before_1_8_the_405_has_no_allow_header() -> None:
    response = TestClient(app).delete("/static/css/app.css")
    assert response.status_code == 405
    assert "allow" not in response.headers


@pytest.mark.starlette("1.0", before="1.7")
def test_before_1_7_if_none_match_star_sends_the_file() -> None:
    response = TestClient(app).get("/static/css/app.css", headers={"If-None-Match": "*"})
    assert (response.status_code, response.content) == (200, CSS)


@pytest.mark.starlette("1.0", before="1.5.1")
def test_before_1_5_1_more_than_100_ranges_are_honoured(tmp_path: Path) -> None:
    data = bytes(range(200))
    (tmp_path / "data.bin").write_bytes(data)
    ranges = ",".join(f"{i}-{i}" for i in range(101))
    client = mounted(StaticFiles(directory=tmp_path))
    response = client.get("/static/data.bin", headers={"Range": f"bytes={ranges}"})
    assert response.status_code == 206
    assert response.content == data[:101]  # adjacent ranges are merged into one
