import hashlib
import json

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from examples.requests.dont_body_after_stream import app as dont_stream_app
from examples.requests.dont_unchecked_json import app as dont_json_app
from examples.requests.file_upload import app as upload_app
from examples.requests.json_body import app as json_app
from examples.requests.request_accessors import app as accessors_app
from examples.requests.stream_body import app as stream_app

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


# --- accessors ---------------------------------------------------------------------------


def test_accessors_expose_url_parts_params_headers_cookies_client_state_and_url_for() -> None:
    with TestClient(accessors_app) as client:  # runs lifespan too: the middleware passes it on
        client.cookies.set("theme", "dark")
        response = client.get(
            "/items/42?tag=a&tag=b&page=3",
            headers=[("accept", "text/html"), ("accept", "application/json")],
        )
    data = response.json()
    assert data["method"] == "GET"
    assert data["url"] == "http://testserver/items/42?tag=a&tag=b&page=3"
    assert (data["scheme"], data["hostname"], data["port"]) == ("http", "testserver", None)
    assert (data["path"], data["query"]) == ("/items/42", "tag=a&tag=b&page=3")
    assert data["base_url"] == "http://testserver/"
    assert data["item_id"] == 42  # the int convertor already converted it
    assert data["tags"] == ["a", "b"]
    assert data["page"] == "3"  # query values are always str
    assert data["user_agent"] == "testclient"
    assert data["accept"] == ["text/html", "application/json"]
    assert data["theme"] == "dark"
    assert data["client_host"] == "testclient"
    assert len(data["request_id"]) == 32
    assert data["service"] == "catalog"
    assert data["self_url"] == "http://testserver/items/42"


def test_query_params_get_returns_the_last_value_of_a_repeated_key() -> None:
    data = TestClient(accessors_app).get("/items/1?tag=a&tag=b").json()
    assert data["last_tag"] == "b"


def test_missing_query_param_and_cookie_fall_back_to_defaults() -> None:
    data = TestClient(accessors_app).get("/items/1").json()
    assert (data["tags"], data["page"], data["theme"]) == ([], "1", "light")


def test_headers_are_case_insensitive_and_request_is_a_scope_mapping() -> None:
    async def endpoint(request: Request) -> JSONResponse:
        return JSONResponse(
            {
                "same": request.headers["X-Token"] == request.headers["x-token"],
                "path": request["path"],
                "scope_type": request["type"],
            }
        )

    app = Starlette(routes=[Route("/", endpoint)])
    assert TestClient(app).get("/", headers={"x-token": "t"}).json() == {
        "same": True,
        "path": "/",
        "scope_type": "http",
    }


def test_unknown_item_id_is_404_and_wrong_method_is_405() -> None:
    client = TestClient(accessors_app)
    assert client.get("/items/abc").status_code == 404
    assert client.post("/items/1").status_code == 405


# --- JSON bodies ---------------------------------------------------------------------------


def test_json_body_creates_item() -> None:
    response = TestClient(json_app).post("/items", json={"name": "pen", "quantity": 2})
    assert response.status_code == 201
    assert response.json() == {"name": "pen", "quantity": 2}


@pytest.mark.parametrize("body", [b"{bad", b"", b'{"name": "pen",}', b"\xff\xfe"])
def test_malformed_json_is_400_with_a_clear_message(body: bytes) -> None:
    response = TestClient(json_app).post(
        "/items", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.text.startswith("Request body is not valid JSON: ")


@pytest.mark.parametrize(
    ("payload", "detail"),
    [
        ([1, 2], "Expected a JSON object."),
        ("pen", "Expected a JSON object."),
        ({"quantity": 2}, "'name' must be a non-empty string."),
        ({"name": 7}, "'name' must be a non-empty string."),
        ({"name": "pen", "quantity": "2"}, "'quantity' must be a positive integer."),
        ({"name": "pen", "quantity": True}, "'quantity' must be a positive integer."),
        ({"name": "pen", "quantity": 0}, "'quantity' must be a positive integer."),
    ],
)
def test_wrong_typed_json_is_422(payload: object, detail: str) -> None:
    response = TestClient(json_app).post("/items", json=payload)
    assert response.status_code == 422
    assert response.text == detail


def test_request_json_ignores_the_content_type_header() -> None:
    response = TestClient(json_app).post(
        "/items", content=b'{"name": "pen"}', headers={"content-type": "text/plain"}
    )
    assert response.status_code == 201


def test_json_endpoint_rejects_get_with_405() -> None:
    assert TestClient(json_app).get("/items").status_code == 405


def test_dont_unchecked_json_turns_malformed_json_into_a_500() -> None:
    with pytest.raises(json.JSONDecodeError):
        TestClient(dont_json_app).post("/items", content=b"{bad")
    response = TestClient(dont_json_app, raise_server_exceptions=False).post(
        "/items", content=b"{bad"
    )
    assert response.status_code == 500
    assert response.text == "Internal Server Error"


def test_dont_unchecked_json_turns_wrong_types_into_a_500() -> None:
    with pytest.raises(TypeError):
        TestClient(dont_json_app).post("/items", json=["pen"])


# --- body caching and streaming ---------------------------------------------------------


def test_body_and_json_are_cached_and_stream_replays_a_read_body() -> None:
    async def endpoint(request: Request) -> JSONResponse:
        body = await request.body()
        data = await request.json()
        replayed = b"".join([chunk async for chunk in request.stream()])
        return JSONResponse(
            {"same": body == replayed, "data": data, "again": (await request.body()).decode()}
        )

    app = Starlette(routes=[Route("/", endpoint, methods=["POST"])])
    response = TestClient(app).post("/", json={"a": 1})
    assert response.json() == {"same": True, "data": {"a": 1}, "again": '{"a":1}'}


def test_stream_body_hashes_without_buffering() -> None:
    blob = b"x" * 200_000
    response = TestClient(stream_app).put("/blobs/log.bin", content=blob)
    assert response.status_code == 200
    assert response.json() == {
        "name": "log.bin",
        "size": 200_000,
        "sha256": hashlib.sha256(blob).hexdigest(),
    }


def test_stream_body_rejects_oversized_body_with_413(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("examples.requests.stream_body.MAX_BODY_BYTES", 10)
    response = TestClient(stream_app).put("/blobs/big", content=b"x" * 11)
    assert response.status_code == 413
    assert response.text == "Body larger than 10 bytes."


def test_stream_body_rejects_post_with_405() -> None:
    assert TestClient(stream_app).post("/blobs/a", content=b"x").status_code == 405


def test_dont_body_after_stream_raises_stream_consumed() -> None:
    with pytest.raises(RuntimeError, match=r"^Stream consumed$"):
        TestClient(dont_stream_app).put("/blobs/a", content=b"abc")


def test_is_disconnected_reports_a_client_that_went_away() -> None:
    import anyio

    seen: list[bool] = []

    async def endpoint(scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        request = Request(scope, receive)
        seen.append(await request.is_disconnected())
        seen.append(await request.is_disconnected())

    messages = iter([{"type": "http.request", "body": b""}, {"type": "http.disconnect"}])

    async def receive() -> dict[str, object]:
        return next(messages)

    async def send(message: dict[str, object]) -> None:
        raise AssertionError("nothing is sent")

    scope = {"type": "http", "method": "GET", "path": "/", "headers": [], "query_string": b""}
    anyio.run(endpoint, scope, receive, send)
    assert seen == [False, True]


# --- forms and uploads ------------------------------------------------------------------


def upload(client: TestClient, **kwargs: object):  # type: ignore[no-untyped-def]
    return client.post("/documents", **kwargs)  # type: ignore[arg-type]


def test_upload_reports_filename_type_size_and_digest() -> None:
    response = upload(
        TestClient(upload_app),
        files={"document": ("scan.png", PNG, "image/png")},
        data={"title": "Scan"},
    )
    assert response.status_code == 201
    assert response.json() == {
        "filename": "scan.png",
        "content_type": "image/png",
        "size": len(PNG),
        "sha256": hashlib.sha256(PNG).hexdigest(),
        "title": "Scan",
    }


def test_upload_without_the_file_field_is_400() -> None:
    response = upload(TestClient(upload_app), data={"document": "not a file"})
    assert response.status_code == 400
    assert response.text == "Send the file in a multipart field named 'document'."


def test_upload_with_json_body_is_400_because_form_is_empty() -> None:
    response = upload(TestClient(upload_app), json={"document": "x"})
    assert response.status_code == 400


def test_upload_rejects_unsupported_content_type_with_415() -> None:
    response = upload(TestClient(upload_app), files={"document": ("a.exe", b"MZ", "x-app/exe")})
    assert response.status_code == 415


def test_upload_rejects_file_over_the_app_limit_with_413(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("examples.requests.file_upload.MAX_FILE_BYTES", 50)
    response = upload(TestClient(upload_app), files={"document": ("scan.png", PNG, "image/png")})
    assert response.status_code == 413


def test_upload_rejects_more_than_max_files() -> None:
    files = [("document", ("a.png", PNG, "image/png")), ("document", ("b.png", PNG, "image/png"))]
    response = upload(TestClient(upload_app), files=files)
    assert response.status_code == 400
    assert response.text == "Too many files. Maximum number of files is 1."


def test_upload_rejects_more_than_max_fields() -> None:
    response = upload(
        TestClient(upload_app),
        files={"document": ("a.png", PNG, "image/png")},
        data={"title": "t", "a": "1", "b": "2"},
    )
    assert response.status_code == 400
    assert response.text == "Too many fields. Maximum number of fields is 2."


def test_upload_rejects_text_field_over_max_part_size() -> None:
    response = upload(
        TestClient(upload_app),
        files={"document": ("a.png", PNG, "image/png")},
        data={"title": "x" * (64 * 1024 + 1)},
    )
    assert response.status_code == 400
    assert response.text == "Part exceeded maximum size of 64KB."


def test_max_part_size_does_not_limit_files() -> None:
    big = b"\x89PNG" + b"\x00" * (200 * 1024)  # over the 64 KiB max_part_size
    response = upload(TestClient(upload_app), files={"document": ("big.png", big, "image/png")})
    assert response.status_code == 201
    assert response.json()["size"] == len(big)


def test_multipart_without_boundary_is_400() -> None:
    response = upload(
        TestClient(upload_app), content=b"x", headers={"content-type": "multipart/form-data"}
    )
    assert response.status_code == 400
    assert response.text == "Missing boundary in multipart."


@pytest.mark.starlette("1.7")
def test_invalid_multipart_input_is_400() -> None:
    boundary = "X" * 257
    response = upload(
        TestClient(upload_app),
        content=f"--{boundary}\r\n\r\n--{boundary}--\r\n".encode(),
        headers={"content-type": f"multipart/form-data; boundary={boundary}"},
    )
    assert response.status_code == 400
    assert response.text == "Invalid multipart data."


@pytest.mark.starlette("1.3.1")
def test_urlencoded_form_limits_are_enforced() -> None:
    client = TestClient(upload_app)
    response = upload(client, data={"title": "t", "a": "1", "b": "2"})
    assert (response.status_code, response.text) == (
        400,
        "Too many fields. Maximum number of fields is 2.",
    )
    response = upload(client, data={"title": "x" * (64 * 1024 + 1)})
    assert (response.status_code, response.text) == (400, "Field exceeded maximum size of 64KB.")


def test_upload_wrong_method_is_405() -> None:
    assert TestClient(upload_app).get("/documents").status_code == 405


def test_form_context_manager_closes_uploaded_files() -> None:
    files: list[object] = []

    async def endpoint(request: Request) -> JSONResponse:
        async with request.form() as form:
            upload = form["f"]
            files.append(upload)
            assert not upload.file.closed  # type: ignore[union-attr]
            return JSONResponse({"filename": upload.filename})  # type: ignore[union-attr]

    app = Starlette(routes=[Route("/", endpoint, methods=["POST"])])
    TestClient(app).post("/", files={"f": ("a.txt", b"abc", "text/plain")})
    assert files[0].file.closed  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "kwargs",
    [{"files": {"document": ("a.png", PNG, "image/png")}}, {"data": {"title": "t"}}],
)
def test_form_without_python_multipart_fails_with_an_assertion(
    monkeypatch: pytest.MonkeyPatch, kwargs: dict[str, object]
) -> None:
    monkeypatch.setattr("starlette.requests.parse_options_header", None)
    with pytest.raises(AssertionError, match="The `python-multipart` library must be installed"):
        upload(TestClient(upload_app), **kwargs)


def test_form_defaults_are_1000_files_1000_fields_and_1_mib_parts() -> None:
    import inspect

    params = inspect.signature(Request.form).parameters
    assert params["max_files"].default == 1000
    assert params["max_fields"].default == 1000
    assert params["max_part_size"].default == 1024 * 1024


@pytest.mark.starlette("1.6")
def test_max_body_size_rejects_oversized_upload_with_413() -> None:
    from examples.requests.upload_body_limit import app

    client = TestClient(app)
    small = client.post("/avatar", files={"avatar": ("me.png", PNG, "image/png")})
    assert small.status_code == 201
    assert small.json() == {"filename": "me.png", "size": len(PNG)}
    big = client.post("/avatar", files={"avatar": ("me.png", b"\x00" * (1024 * 1024), "image/png")})
    assert (big.status_code, big.text) == (413, "Content Too Large")


@pytest.mark.starlette("1.6")
def test_body_limited_upload_rejects_text_fields_and_missing_file() -> None:
    from examples.requests.upload_body_limit import app

    client = TestClient(app)
    response = client.post("/avatar", data={"avatar": "x"})
    assert (response.status_code, response.text) == (
        400,
        "Too many fields. Maximum number of fields is 0.",
    )
    assert client.post("/avatar").status_code == 400


def test_client_is_none_when_the_server_does_not_report_it() -> None:
    scope = {"type": "http", "method": "GET", "path": "/", "headers": [], "query_string": b""}
    assert Request(scope).client is None


def test_url_helpers_build_new_urls() -> None:
    from starlette.datastructures import URL

    url = URL("http://example.com/items?page=1")
    assert str(url.include_query_params(page=2)) == "http://example.com/items?page=2"
    assert str(url.replace(path="/other")) == "http://example.com/other?page=1"
    assert url.netloc == "example.com"


def test_request_state_starts_with_the_lifespan_state() -> None:
    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(app: Starlette):  # type: ignore[no-untyped-def]
        yield {"pool": "shared"}

    async def endpoint(request: Request) -> JSONResponse:
        return JSONResponse({"pool": request.state.pool})

    app = Starlette(routes=[Route("/", endpoint)], lifespan=lifespan)
    with TestClient(app) as client:
        assert client.get("/").json() == {"pool": "shared"}


def test_empty_body_json_message_is_the_parsers() -> None:
    response = TestClient(json_app).post("/items", content=b"")
    assert (
        response.text == "Request body is not valid JSON: Expecting value: line 1 column 1 (char 0)"
    )


def test_old_422_status_name_is_deprecated() -> None:
    from starlette import status

    assert status.HTTP_422_UNPROCESSABLE_CONTENT == 422
    with pytest.warns(Warning, match="'HTTP_422_UNPROCESSABLE_ENTITY' is deprecated"):
        assert status.HTTP_422_UNPROCESSABLE_ENTITY == 422  # type: ignore[attr-defined]


def test_non_form_content_type_gives_an_empty_form() -> None:
    response = upload(TestClient(upload_app), json={"document": "x"})
    assert response.text == "Send the file in a multipart field named 'document'."


def test_form_limit_errors_reach_your_400_handler() -> None:
    from starlette.exceptions import HTTPException
    from starlette.responses import PlainTextResponse

    async def endpoint(request: Request) -> JSONResponse:
        async with request.form(max_fields=1) as form:
            return JSONResponse(len(form))

    async def bad_request(request: Request, exc: Exception) -> PlainTextResponse:
        assert isinstance(exc, HTTPException)
        return PlainTextResponse(f"custom: {exc.detail}", status_code=400)

    app = Starlette(
        routes=[Route("/", endpoint, methods=["POST"])], exception_handlers={400: bad_request}
    )
    files = {"f": ("a.txt", b"x", "text/plain")}
    response = TestClient(app).post("/", files=files, data={"a": "1", "b": "2"})
    assert response.text == "custom: Too many fields. Maximum number of fields is 1."


def test_awaited_form_leaves_files_open_until_closed() -> None:
    files: list[object] = []

    async def endpoint(request: Request) -> JSONResponse:
        form = await request.form()
        files.append(form["f"])
        return JSONResponse({})

    app = Starlette(routes=[Route("/", endpoint, methods=["POST"])])
    TestClient(app).post("/", files={"f": ("a.txt", b"abc", "text/plain")})
    assert not files[0].file.closed  # type: ignore[attr-defined]
    files[0].file.close()  # type: ignore[attr-defined]


def test_uploads_spool_in_memory_up_to_1_mib() -> None:
    from starlette.formparsers import MultiPartParser

    assert MultiPartParser.spool_max_size == 1024 * 1024


@pytest.mark.parametrize(
    ("first", "then", "ok"),
    [
        ("body", "form", True),
        ("form", "form", True),
        ("form", "body", False),
        ("form", "json", False),
        ("form", "stream", False),
        ("stream", "body", False),
        ("stream", "json", False),
        ("stream", "form", False),
    ],
)
def test_body_caches_bytes_but_form_and_stream_consume_them(
    first: str, then: str, ok: bool
) -> None:
    async def read(request: Request, how: str) -> object:
        if how == "stream":
            return b"".join([chunk async for chunk in request.stream()])
        return await getattr(request, how)()

    async def endpoint(request: Request) -> JSONResponse:
        await read(request, first)
        try:
            await read(request, then)
        except RuntimeError as exc:
            return JSONResponse(str(exc))
        return JSONResponse("ok")

    app = Starlette(routes=[Route("/", endpoint, methods=["POST"])])
    response = TestClient(app).post("/", data={"a": "1"})
    assert response.json() == ("ok" if ok else "Stream consumed")


def test_json_raises_unicode_decode_error_for_non_utf8_bytes() -> None:
    async def endpoint(request: Request) -> JSONResponse:
        try:
            await request.json()
        except ValueError as exc:
            return JSONResponse(type(exc).__name__)
        raise AssertionError("unreachable")

    app = Starlette(routes=[Route("/", endpoint, methods=["POST"])])
    assert TestClient(app).post("/", content=b'"\xff"').json() == "UnicodeDecodeError"
    assert TestClient(json_app).post("/items", content=b'"\xff"').status_code == 400


def test_cookies_merge_every_cookie_header_and_request_is_read_only() -> None:
    async def endpoint(request: Request) -> JSONResponse:
        with pytest.raises(TypeError):
            request["path"] = "/other"  # type: ignore[index]
        return JSONResponse(request.cookies)

    app = Starlette(routes=[Route("/", endpoint)])
    response = TestClient(app).get("/", headers=[("cookie", "a=1"), ("cookie", "b=2")])
    assert response.json() == {"a": "1", "b": "2"}


def test_form_is_an_immutable_multidict_of_str_and_upload_file() -> None:
    from starlette.datastructures import UploadFile

    async def endpoint(request: Request) -> JSONResponse:
        async with request.form() as form:
            with pytest.raises(TypeError):
                form["title"] = "x"  # type: ignore[index]
            upload = form["doc"]
            assert isinstance(upload, UploadFile)
            return JSONResponse(
                {
                    "title": form.get("title"),
                    "tags": form.getlist("tag"),
                    "keys": [key for key, _ in form.multi_items()],
                    "part_type": upload.headers["content-type"],
                }
            )

    app = Starlette(routes=[Route("/", endpoint, methods=["POST"])])
    response = TestClient(app).post(
        "/",
        data={"title": "T", "tag": ["a", "b"]},
        files={"doc": ("a.txt", b"abc", "text/plain")},
    )
    assert response.json() == {
        "title": "T",
        "tags": ["a", "b"],
        "keys": ["title", "tag", "tag", "doc"],
        "part_type": "text/plain",
    }


def test_upload_with_no_body_and_no_content_type_is_400() -> None:
    response = upload(TestClient(upload_app))
    assert (response.status_code, response.text) == (
        400,
        "Send the file in a multipart field named 'document'.",
    )


def test_upload_file_uses_a_worker_thread_only_once_rolled_to_disk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tempfile

    import anyio
    from starlette import datastructures
    from starlette.datastructures import UploadFile

    offloaded: list[str] = []
    real = datastructures.run_in_threadpool

    async def spy(func, *args):  # type: ignore[no-untyped-def]
        offloaded.append(func.__name__)
        return await real(func, *args)

    monkeypatch.setattr(datastructures, "run_in_threadpool", spy)

    async def main() -> None:
        upload = UploadFile(tempfile.SpooledTemporaryFile(max_size=8))
        await upload.write(b"1234")
        await upload.seek(0)
        assert await upload.read() == b"1234"
        assert offloaded == []  # still in memory
        await upload.write(b"x" * 16)  # rolls over to disk
        await upload.seek(0)
        await upload.read(2)
        await upload.close()

    anyio.run(main)
    assert offloaded == ["write", "seek", "read", "close"]


def test_is_disconnected_never_blocks_on_a_quiet_client() -> None:
    import anyio

    async def receive() -> dict[str, object]:
        await anyio.sleep_forever()
        raise AssertionError("unreachable")

    async def main() -> bool:
        scope = {"type": "http", "method": "GET", "path": "/", "headers": [], "query_string": b""}
        with anyio.fail_after(1):
            return await Request(scope, receive).is_disconnected()

    assert anyio.run(main) is False


# --- Older releases ---------------------------------------------------------------------------


@pytest.mark.starlette("1.0", before="1.7")
def test_before_1_7_invalid_multipart_input_is_a_500() -> None:
    boundary = "X" * 257
    response = TestClient(upload_app, raise_server_exceptions=False).post(
        "/documents",
        content=f"--{boundary}\r\n\r\n--{boundary}--\r\n".encode(),
        headers={"content-type": f"multipart/form-data; boundary={boundary}"},
    )
    assert (response.status_code, response.text) == (500, "Internal Server Error")


@pytest.mark.starlette("1.0", before="1.3.1")
def test_before_1_3_1_urlencoded_forms_ignore_max_fields_and_max_part_size() -> None:
    async def endpoint(request: Request) -> JSONResponse:
        async with request.form(max_fields=1, max_part_size=10) as form:
            return JSONResponse([len(value) for _, value in form.multi_items()])  # type: ignore[arg-type]

    app = Starlette(routes=[Route("/", endpoint, methods=["POST"])])
    response = TestClient(app).post("/", data={"a": "1", "b": "2", "c": "x" * 100})
    assert response.json() == [1, 1, 100]
