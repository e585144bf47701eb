import logging
import re
import sys
import uuid
from decimal import Decimal
from pathlib import Path

import anyio
import pytest
from starlette.responses import (
    FileResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.testclient import TestClient

from examples.responses import server_sent_events
from examples.responses.background_after_response import app as background_app
from examples.responses.cookies import app as cookies_app
from examples.responses.dont_json_response_datetime import app as dont_json_app
from examples.responses.dont_unchecked_file_path import app as dont_file_app
from examples.responses.file_downloads import app as downloads_app
from examples.responses.orjson_response import ORJSONResponse
from examples.responses.orjson_response import app as orjson_app
from examples.responses.redirects import app as redirects_app
from examples.responses.response_classes import app as classes_app
from examples.responses.streaming import app as streaming_app


def example_logs(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("examples.")]


FILES = Path(__file__).resolve().parent.parent / "examples" / "responses" / "files"
REPORT = (FILES / "report.csv").read_bytes()
RAW = (FILES / "raw-export").read_bytes()

# --- response classes -----------------------------------------------------------------------


def test_plain_text_and_html_get_utf8_charset_and_content_length() -> None:
    client = TestClient(classes_app)
    response = client.get("/")
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.headers["content-length"] == str(len("Hello, world!"))
    assert client.get("/page").headers["content-type"] == "text/html; charset=utf-8"


def test_json_response_status_headers_and_compact_utf8_body() -> None:
    response = TestClient(classes_app).post("/items")
    assert response.status_code == 201
    assert response.headers["content-type"] == "application/json"
    assert response.headers["location"] == "http://testserver/"
    assert response.content == '{"id":7,"name":"café"}'.encode()


def test_non_text_media_type_gets_no_charset() -> None:
    response = TestClient(classes_app).get("/feed.xml")
    assert response.headers["content-type"] == "application/rss+xml"


def test_text_media_type_gets_charset_and_headers_can_repeat() -> None:
    response = TestClient(classes_app).get("/report.csv")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers.get_list("vary") == ["Accept", "Cookie"]


def test_charset_class_attribute_encodes_and_labels_the_body() -> None:
    response = TestClient(classes_app).get("/legacy")
    assert response.headers["content-type"] == "text/plain; charset=latin-1"
    assert response.content == "café".encode("latin-1")


def test_204_has_no_body_and_no_content_length() -> None:
    response = TestClient(classes_app).delete("/items/7")
    assert response.status_code == 204
    assert response.content == b""
    assert "content-length" not in response.headers


def test_explicit_content_type_header_wins_over_media_type() -> None:
    response = Response("x", media_type="text/plain", headers={"Content-Type": "text/x-custom"})
    assert dict(response.headers)["content-type"] == "text/x-custom"


def test_unknown_route_is_404_and_wrong_method_is_405() -> None:
    client = TestClient(classes_app)
    assert client.get("/nope").status_code == 404
    assert client.get("/items").status_code == 405


# --- redirects --------------------------------------------------------------------------------


def test_redirect_response_defaults_to_307() -> None:
    response = TestClient(classes_app).get("/old-home", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "http://testserver/"
    assert response.content == b""
    assert RedirectResponse("/").status_code == 307


def test_redirect_location_is_percent_encoded() -> None:
    assert RedirectResponse("/a b?q=1").headers["location"] == "/a%20b?q=1"


def test_permanent_redirect_uses_301() -> None:
    response = TestClient(redirects_app).get("/docs-old", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (301, "http://testserver/")


def test_post_redirect_get_uses_303_to_a_safe_next() -> None:
    client = TestClient(redirects_app)
    response = client.post("/login", data={"next": "/account"}, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/account")
    followed = client.post("/login", data={"next": "/"})
    assert followed.request.method == "GET"
    assert followed.text == "<h1>Home</h1>"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/\\evil", ""])
def test_redirect_ignores_offsite_next(target: str) -> None:
    response = TestClient(redirects_app).post(
        "/login", data={"next": target}, follow_redirects=False
    )
    assert response.headers["location"] == "/"


def test_redirect_login_without_form_and_with_files_is_handled() -> None:
    client = TestClient(redirects_app)
    assert client.post("/login", follow_redirects=False).headers["location"] == "/"
    response = client.post("/login", files={"next": ("x", b"/a", "text/plain")})
    assert (response.status_code, response.text) == (
        400,
        "Too many files. Maximum number of files is 0.",
    )


def test_login_wrong_method_is_405() -> None:
    assert TestClient(redirects_app).get("/login").status_code == 405


# --- cookies ----------------------------------------------------------------------------------


def test_set_cookie_writes_every_attribute() -> None:
    response = TestClient(cookies_app).put("/preferences/theme?theme=dark")
    header = response.headers["set-cookie"]
    assert header.startswith("theme=dark; ")
    for attribute in ["HttpOnly", "Max-Age=31536000", "Path=/", "SameSite=lax", "Secure"]:
        assert attribute in header.split("; ")
    assert "Domain" not in header


def test_set_cookie_defaults_are_path_root_and_samesite_lax() -> None:
    response = Response()
    response.set_cookie("k", "v")
    assert response.headers["set-cookie"] == "k=v; Path=/; SameSite=lax"


def test_set_cookie_domain_expires_datetime_and_strict() -> None:
    from datetime import UTC, datetime

    response = Response()
    response.set_cookie(
        "k", "v", expires=datetime(2030, 1, 1, tzinfo=UTC), domain="example.com", samesite="strict"
    )
    assert response.headers["set-cookie"] == (
        "k=v; Domain=example.com; expires=Tue, 01 Jan 2030 00:00:00 GMT; Path=/; SameSite=strict"
    )


def test_set_cookie_path_and_samesite_none_omit_the_attributes() -> None:
    response = Response()
    response.set_cookie("k", "v", path=None, samesite=None)
    assert response.headers["set-cookie"] == "k=v"


def test_every_response_class_takes_status_headers_and_background() -> None:
    import inspect

    from starlette.responses import HTMLResponse, PlainTextResponse, StreamingResponse

    classes = [Response, HTMLResponse, PlainTextResponse, JSONResponse, RedirectResponse]
    for cls in [*classes, StreamingResponse, FileResponse]:
        params = inspect.signature(cls).parameters
        assert {"status_code", "headers", "background"} <= set(params), cls


def test_set_cookie_int_expires_is_seconds_from_now() -> None:
    response = Response()
    response.set_cookie("k", "v", expires=3600)
    assert re.search(
        r"expires=\w{3}, \d{2} \w{3} \d{4} [\d:]{8} GMT", response.headers["set-cookie"]
    )


def test_set_cookie_rejects_unknown_samesite() -> None:
    with pytest.raises(AssertionError, match="samesite must be either 'strict', 'lax' or 'none'"):
        Response().set_cookie("k", "v", samesite="always")  # type: ignore[arg-type]


def test_delete_cookie_expires_it_now() -> None:
    response = TestClient(cookies_app).delete("/preferences/theme")
    header = response.headers["set-cookie"]
    assert header.startswith('theme=""; expires=')
    assert "Max-Age=0" in header.split("; ")
    assert "Secure" in header.split("; ")


def test_cookie_route_wrong_method_is_405() -> None:
    assert TestClient(cookies_app).post("/preferences/theme").status_code == 405


def test_bad_cookie_value_is_400() -> None:
    response = TestClient(cookies_app).put("/preferences/theme?theme=neon")
    assert response.status_code == 400
    assert "set-cookie" not in response.headers


@pytest.mark.skipif(sys.version_info >= (3, 14), reason="Partitioned works on Python 3.14+")
def test_partitioned_cookie_raises_before_python_3_14() -> None:
    with pytest.raises(ValueError, match=r"only supported in Python 3\.14 and above"):
        Response().set_cookie("k", "v", partitioned=True)


@pytest.mark.skipif(sys.version_info < (3, 14), reason="needs Python 3.14")
def test_partitioned_cookie_on_python_3_14() -> None:
    response = Response()
    response.set_cookie("k", "v", secure=True, samesite="none", partitioned=True)
    assert "Partitioned" in response.headers["set-cookie"]


@pytest.mark.starlette("1.7")
def test_partitioned_example_sets_and_deletes_a_cross_site_cookie() -> None:
    from examples.responses.partitioned_cookie import PARTITIONED, app

    client = TestClient(app)
    set_header = client.get("/widget").headers["set-cookie"].split("; ")
    assert {"Secure", "HttpOnly", "SameSite=none"} <= set(set_header)
    assert ("Partitioned" in set_header) is PARTITIONED
    deleted = client.get("/widget/forget").headers["set-cookie"].split("; ")
    assert {"Max-Age=0", "Secure", "SameSite=none"} <= set(deleted)
    assert ("Partitioned" in deleted) is PARTITIONED


# --- streaming and server-sent events --------------------------------------------------------


@pytest.mark.parametrize("path", ["/people.csv", "/people-sync.csv"])
def test_streaming_csv_from_async_and_sync_iterators(path: str) -> None:
    response = TestClient(streaming_app).get(path)
    assert response.status_code == 200
    assert response.text == "id,name\n1,Ada\n2,Grace\n3,Linus\n"
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "content-length" not in response.headers


def test_streaming_response_keeps_given_headers() -> None:
    response = TestClient(streaming_app).get("/people.csv")
    assert response.headers["content-disposition"] == 'attachment; filename="people.csv"'


def test_sync_iterators_are_consumed_in_a_worker_thread() -> None:
    import threading

    from starlette.applications import Starlette
    from starlette.responses import StreamingResponse
    from starlette.routing import Route

    threads: list[int] = []

    def chunks():  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        yield b"x"

    async def endpoint(request: object) -> StreamingResponse:
        threads.append(threading.get_ident())
        return StreamingResponse(chunks())

    TestClient(Starlette(routes=[Route("/", endpoint)])).get("/")
    assert threads[0] != threads[1]


@pytest.fixture
def fast_ticks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server_sent_events, "TICK_SECONDS", 0)


@pytest.mark.usefixtures("fast_ticks")
def test_sse_streams_events_then_done(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    response = TestClient(server_sent_events.app).get("/countdown?from=2")
    assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["x-accel-buffering"] == "no"
    assert response.text == (
        'id: 2\nevent: tick\ndata: {"remaining": 2}\n\n'
        'id: 1\nevent: tick\ndata: {"remaining": 1}\n\n'
        'id: 0\nevent: tick\ndata: {"remaining": 0}\n\n'
        "event: done\ndata: {}\n\n"
    )
    assert "countdown stream closed" in example_logs(caplog)


@pytest.mark.parametrize("value", ["abc", "-1", "61", "1.5"])
def test_sse_rejects_bad_start_with_400(value: str) -> None:
    response = TestClient(server_sent_events.app).get(f"/countdown?from={value}")
    assert response.status_code == 400


@pytest.mark.usefixtures("fast_ticks")
@pytest.mark.parametrize("spec_version", ["2.3", "2.4"])
def test_sse_generator_stops_and_cleans_up_when_the_client_disconnects(
    spec_version: str, caplog: pytest.LogCaptureFixture
) -> None:
    # uvicorn's HTTP protocols report ASGI spec 2.3; 2.4 servers rely on is_disconnected().
    caplog.set_level(logging.INFO)
    sent: list[dict[str, object]] = []

    async def run() -> None:
        gone = anyio.Event()
        requested = False

        async def receive() -> dict[str, object]:
            nonlocal requested
            if not requested:
                requested = True
                return {"type": "http.request", "body": b"", "more_body": False}
            if not gone.is_set():
                await gone.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict[str, object]) -> None:
            sent.append(message)
            if sum(1 for m in sent if m.get("body")) == 2:
                gone.set()  # the client drops after two events

        scope = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": spec_version},
            "method": "GET",
            "path": "/countdown",
            "query_string": b"from=50",
            "headers": [],
        }
        await server_sent_events.app(scope, receive, send)

    anyio.run(run)
    bodies = [m["body"] for m in sent if m["type"] == "http.response.body" and m["body"]]
    assert 2 <= len(bodies) < 51
    assert b"event: done" not in b"".join(bodies)  # type: ignore[arg-type]
    assert "countdown stream closed" in example_logs(caplog)


def test_write_to_a_closed_connection_on_asgi_2_4_raises_client_disconnect() -> None:
    from starlette.requests import ClientDisconnect
    from starlette.responses import StreamingResponse

    async def chunks():  # type: ignore[no-untyped-def]
        while True:
            yield "data: x\n\n"

    async def receive() -> dict[str, object]:
        raise AssertionError("2.4 servers are not polled for disconnects")

    async def send(message: dict[str, object]) -> None:
        if message.get("body"):
            raise OSError("connection reset")

    scope = {"type": "http", "asgi": {"spec_version": "2.4"}, "method": "GET", "headers": []}
    with pytest.raises(ClientDisconnect):
        anyio.run(StreamingResponse(chunks()), scope, receive, send)


def test_uvicorn_http_protocol_reports_asgi_spec_2_3() -> None:
    import inspect

    from uvicorn.protocols.http import h11_impl

    assert '"spec_version": "2.3"' in inspect.getsource(h11_impl)


# --- files ------------------------------------------------------------------------------------


def test_file_download_headers() -> None:
    response = TestClient(downloads_app).get("/downloads/report.csv")
    assert response.status_code == 200
    assert response.content == REPORT
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="report.csv"'
    assert response.headers["content-length"] == str(len(REPORT))
    assert response.headers["accept-ranges"] == "bytes"
    assert response.headers["etag"].startswith('"')
    assert response.headers["last-modified"].endswith(" GMT")


def test_file_inline_disposition() -> None:
    response = TestClient(downloads_app).get("/view/report.csv")
    assert response.headers["content-disposition"] == 'inline; filename="report.csv"'


def test_non_ascii_filename_uses_rfc5987_encoding() -> None:
    response = TestClient(downloads_app).get("/export")
    assert response.headers["content-disposition"] == (
        "attachment; filename*=utf-8''%C3%9Cberblick%202026.csv"
    )


@pytest.mark.starlette("1.1")
def test_unknown_extension_falls_back_to_octet_stream() -> None:
    response = TestClient(downloads_app).get("/downloads/raw-export")
    assert response.headers["content-type"] == "application/octet-stream"


def test_media_type_is_guessed_from_filename_before_path() -> None:
    assert FileResponse(FILES / "raw-export", filename="a.csv").media_type == "text/csv"
    assert FileResponse(FILES / "report.csv").media_type == "text/csv"


def test_head_sends_headers_without_body() -> None:
    response = TestClient(downloads_app).head("/downloads/report.csv")
    assert (response.status_code, response.content) == (200, b"")
    assert response.headers["content-length"] == str(len(REPORT))


@pytest.mark.parametrize("name", ["missing.csv", "%2E%2E", "..%2Ffile_downloads.py", "files"])
def test_download_of_missing_or_outside_file_is_404(name: str) -> None:
    response = TestClient(downloads_app).get(f"/downloads/{name}")
    assert response.status_code == 404


def test_dont_unchecked_file_path_500s_on_missing_file_and_leaks_source() -> None:
    with pytest.raises(RuntimeError, match=r"File at path .*missing\.csv does not exist\."):
        TestClient(dont_file_app).get("/downloads/missing.csv")
    leaked = TestClient(dont_file_app).get("/downloads/%2E%2E/dont_unchecked_file_path.py")
    assert leaked.status_code == 200
    assert b"FileResponse" in leaked.content


@pytest.mark.parametrize(
    ("range_header", "body", "content_range"),
    [
        ("bytes=0-3", RAW[0:4], "bytes 0-3/20"),
        ("bytes=15-", RAW[15:], "bytes 15-19/20"),
        ("bytes=-5", RAW[-5:], "bytes 15-19/20"),
        ("bytes=10-99", RAW[10:], "bytes 10-19/20"),
    ],
)
def test_single_range_is_206(range_header: str, body: bytes, content_range: str) -> None:
    response = TestClient(downloads_app).get(
        "/downloads/raw-export", headers={"range": range_header}
    )
    assert response.status_code == 206
    assert response.content == body
    assert response.headers["content-range"] == content_range
    assert response.headers["content-length"] == str(len(body))


def test_multiple_ranges_are_206_multipart_byteranges() -> None:
    response = TestClient(downloads_app).get(
        "/downloads/raw-export", headers={"range": "bytes=0-1,5-6"}
    )
    assert response.status_code == 206
    assert response.headers["content-type"].startswith("multipart/byteranges; boundary=")
    assert b"Content-Range: bytes 0-1/20" in response.content
    assert b"Content-Range: bytes 5-6/20" in response.content


def test_range_past_the_end_is_416_with_content_range() -> None:
    response = TestClient(downloads_app).get(
        "/downloads/raw-export", headers={"range": "bytes=20-30"}
    )
    assert response.status_code == 416
    assert response.headers["content-range"] == "bytes */20"


@pytest.mark.parametrize(
    ("range_header", "detail"),
    [
        ("garbage", "Malformed range header."),
        ("items=0-1", "Only support bytes range"),
        ("bytes=abc", "Range header: range must be requested"),
        ("bytes=5-2", "Range header: start must be less than end"),
    ],
)
def test_malformed_range_is_400_not_416(range_header: str, detail: str) -> None:
    response = TestClient(downloads_app).get(
        "/downloads/raw-export", headers={"range": range_header}
    )
    assert (response.status_code, response.text) == (400, detail)


@pytest.mark.starlette("1.3")
def test_oversized_suffix_range_is_clamped_to_the_whole_file() -> None:
    response = TestClient(downloads_app).get(
        "/downloads/raw-export", headers={"range": "bytes=-100"}
    )
    assert (response.status_code, response.content) == (206, RAW)


@pytest.mark.starlette("1.5.1")
def test_more_than_100_ranges_get_the_full_file_with_200() -> None:
    header = "bytes=" + ",".join(f"{i}-{i}" for i in range(101))
    response = TestClient(downloads_app).get("/downloads/raw-export", headers={"range": header})
    assert (response.status_code, response.content) == (200, RAW)
    assert FileResponse.max_ranges == 100


@pytest.mark.starlette("1.5.1")
def test_inverted_single_byte_range_is_400() -> None:
    response = TestClient(downloads_app).get(
        "/downloads/raw-export", headers={"range": "bytes=5-4"}
    )
    assert response.status_code == 400


def test_if_range_mismatch_sends_the_full_file() -> None:
    client = TestClient(downloads_app)
    etag = client.get("/downloads/raw-export").headers["etag"]
    matching = client.get("/downloads/raw-export", headers={"range": "bytes=0-0", "if-range": etag})
    assert matching.status_code == 206
    stale = client.get("/downloads/raw-export", headers={"range": "bytes=0-0", "if-range": '"x"'})
    assert (stale.status_code, stale.content) == (200, RAW)
    weak = client.get(
        "/downloads/raw-export", headers={"range": "bytes=0-0", "if-range": f"W/{etag}"}
    )
    assert weak.status_code == 200


def raw_export(range_header: str, method: str = "GET", status_code: int = 200):  # type: ignore[no-untyped-def]
    """Request the 20-byte file with a Range header, from a one-route app."""
    from starlette.applications import Starlette
    from starlette.routing import Route

    async def endpoint(request: object) -> FileResponse:
        return FileResponse(FILES / "raw-export", status_code=status_code)

    app = Starlette(routes=[Route("/", endpoint, methods=[method])])
    return TestClient(app).request(method, "/", headers={"range": range_header})


@pytest.mark.starlette("1.7")
def test_range_is_ignored_when_status_is_not_200() -> None:
    response = raw_export("bytes=0-3", status_code=203)
    assert (response.status_code, response.content) == (203, RAW)


@pytest.mark.starlette("1.10")
def test_range_is_ignored_on_post() -> None:
    response = raw_export("bytes=0-3", method="POST")
    assert (response.status_code, response.content) == (200, RAW)


# --- JSON rendering ---------------------------------------------------------------------------


def test_orjson_response_serializes_uuid_datetime_and_int_keys() -> None:
    response = TestClient(orjson_app).get("/event")
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {
        "id": "12345678-1234-5678-1234-567812345678",
        "at": "2026-03-22T12:00:00+00:00",
        "scores": {"1": 0.5},
    }


def test_orjson_turns_nan_into_null() -> None:
    assert ORJSONResponse({"x": float("nan")}).body == b'{"x":null}'


def test_dont_json_response_datetime_raises_type_error() -> None:
    with pytest.raises(TypeError, match="Object of type datetime is not JSON serializable"):
        TestClient(dont_json_app).get("/event")


def test_dont_json_response_nan_raises_value_error() -> None:
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        TestClient(dont_json_app).get("/ratio")
    assert JSONResponse({"a": "é"}).body == '{"a":"é"}'.encode()


# --- background ------------------------------------------------------------------------------


def test_background_tasks_run_after_the_response(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    response = TestClient(background_app).post(
        "/signup", data={"email": "ada@example.com", "source": "ad"}
    )
    assert (response.status_code, response.json()) == (201, {"email": "ada@example.com"})
    assert example_logs(caplog) == [
        "welcome email sent to ada@example.com",
        "signup recorded for ada@example.com from ad",
    ]
    async_record, sync_record = [r for r in caplog.records if r.name.startswith("examples.")]
    assert async_record.thread != sync_record.thread  # the sync task ran in a worker thread


def test_single_background_task(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    response = TestClient(background_app).delete("/subscriptions/ada@example.com")
    assert response.json() == {"email": "ada@example.com", "subscribed": False}
    assert example_logs(caplog) == ["unsubscribed ada@example.com"]


@pytest.mark.parametrize("data", [{}, {"email": "nope"}])
def test_signup_rejects_bad_email_without_running_tasks(
    data: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    response = TestClient(background_app).post("/signup", data=data)
    assert response.status_code == 400
    assert example_logs(caplog) == []


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (uuid.UUID(int=1), TypeError),
        (Decimal("1.5"), TypeError),
        (float("inf"), ValueError),
    ],
)
def test_json_response_rejects_uuid_decimal_and_infinity(value: object, error: type) -> None:
    with pytest.raises(error):
        JSONResponse({"v": value})


def test_no_content_length_for_1xx_204_and_304() -> None:
    for status in (101, 204, 304):
        assert "content-length" not in Response(b"", status_code=status).headers
    assert Response(b"", status_code=200).headers["content-length"] == "0"


def test_text_media_type_naming_a_charset_keeps_it() -> None:
    response = Response("x", media_type="text/plain; charset=latin-1")
    assert response.headers["content-type"] == "text/plain; charset=latin-1"


def test_redirect_has_no_content_type() -> None:
    assert "content-type" not in RedirectResponse("/").headers


def test_set_cookie_expires_accepts_a_date_string() -> None:
    response = Response()
    response.set_cookie("k", "v", expires="Tue, 01 Jan 2030 00:00:00 GMT")
    assert "expires=Tue, 01 Jan 2030 00:00:00 GMT" in response.headers["set-cookie"]


def test_streaming_response_accepts_memoryview_chunks() -> None:
    from starlette.applications import Starlette
    from starlette.responses import StreamingResponse
    from starlette.routing import Route

    async def endpoint(request: object) -> StreamingResponse:
        return StreamingResponse(iter([memoryview(b"ab"), b"c", "d"]))

    assert TestClient(Starlette(routes=[Route("/", endpoint)])).get("/").content == b"abcd"


def test_orjson_without_non_str_keys_option_rejects_int_keys() -> None:
    import orjson

    with pytest.raises(orjson.JSONEncodeError):
        orjson.dumps({1: 0.5})


def test_the_asgi_call_returns_only_after_background_tasks_finish() -> None:
    from starlette.background import BackgroundTask

    events: list[str] = []

    async def task() -> None:
        events.append("task")

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": b""}

    async def send(message: dict[str, object]) -> None:
        events.append(str(message["type"]))

    response = PlainTextResponse("ok", background=BackgroundTask(task))
    anyio.run(response, {"type": "http", "method": "GET", "headers": []}, receive, send)
    assert events == ["http.response.start", "http.response.body", "task"]


# --- Older releases ---------------------------------------------------------------------------


@pytest.mark.starlette("1.0", before="1.1")
def test_before_1_1_unknown_extension_falls_back_to_text_plain() -> None:
    response = TestClient(downloads_app).get("/downloads/raw-export")
    assert response.headers["content-type"] == "text/plain; charset=utf-8"


@pytest.mark.starlette("1.0", before="1.7")
def test_before_1_7_delete_cookie_has_no_partitioned_parameter() -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument 'partitioned'"):
        Response().delete_cookie("k", partitioned=True)  # type: ignore[call-arg]


@pytest.mark.starlette("1.0", before="1.3")
def test_before_1_3_oversized_suffix_range_is_416() -> None:
    response = raw_export("bytes=-100")
    assert (response.status_code, response.headers["content-range"]) == (416, "bytes */20")


@pytest.mark.starlette("1.0", before="1.5.1")
def test_before_1_5_1_more_than_100_ranges_are_honoured() -> None:
    response = raw_export("bytes=" + ",".join(f"{i % 20}-{i % 20}" for i in range(101)))
    assert (response.status_code, response.content) == (206, RAW)  # merged into one range
    assert not hasattr(FileResponse, "max_ranges")


@pytest.mark.starlette("1.0", before="1.5.1")
def test_before_1_5_1_inverted_single_byte_range_is_an_empty_206() -> None:
    response = raw_export("bytes=5-4")
    assert (response.status_code, response.content) == (206, b"")
    assert response.headers["content-range"] == "bytes 5-4/20"


@pytest.mark.starlette("1.0", before="1.7")
def test_before_1_7_range_overrides_a_non_200_status() -> None:
    response = raw_export("bytes=0-3", status_code=203)
    assert (response.status_code, response.content) == (206, RAW[:4])


@pytest.mark.starlette("1.0", before="1.10")
def test_before_1_10_range_is_honoured_on_post() -> None:
    response = raw_export("bytes=0-3", method="POST")
    assert (response.status_code, response.content) == (206, RAW[:4])


def test_signup_rejects_files_with_400() -> None:
    response = TestClient(background_app).post("/signup", files={"email": ("a.txt", b"a@b.c")})
    assert (response.status_code, response.text) == (
        400,
        "Too many files. Maximum number of files is 0.",
    )


@pytest.mark.starlette("1.3.1")  # urlencoded forms had no limits before
def test_signup_rejects_extra_fields_with_400() -> None:
    data = {"email": "a@b.c", "source": "x", "extra": "1"}
    response = TestClient(background_app).post("/signup", data=data)
    assert (response.status_code, response.text) == (
        400,
        "Too many fields. Maximum number of fields is 2.",
    )
