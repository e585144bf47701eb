import pytest
from starlette import status
from starlette.datastructures import (
    URL,
    Address,
    CommaSeparatedStrings,
    FormData,
    Headers,
    ImmutableMultiDict,
    MultiDict,
    MutableHeaders,
    QueryParams,
    Secret,
    State,
    UploadFile,
)
from starlette.testclient import TestClient

from examples.datastructures.headers_multi_values import app as headers_app
from examples.datastructures.pagination_links import app as pagination_app

OLD_STATUS_NAMES = {
    "HTTP_413_REQUEST_ENTITY_TOO_LARGE": "HTTP_413_CONTENT_TOO_LARGE",
    "HTTP_414_REQUEST_URI_TOO_LONG": "HTTP_414_URI_TOO_LONG",
    "HTTP_416_REQUESTED_RANGE_NOT_SATISFIABLE": "HTTP_416_RANGE_NOT_SATISFIABLE",
    "HTTP_422_UNPROCESSABLE_ENTITY": "HTTP_422_UNPROCESSABLE_CONTENT",
}


def deprecation_category() -> type[Warning]:
    """StarletteDeprecationWarning (a UserWarning) since 1.3.1; DeprecationWarning before."""
    try:
        from starlette.exceptions import StarletteDeprecationWarning
    except ImportError:
        return DeprecationWarning
    return StarletteDeprecationWarning


# --- pagination_links.py --------------------------------------------------------------


def test_next_link_keeps_other_params_and_replaces_page() -> None:
    body = TestClient(pagination_app).get("/items?tag=odd&page=1").json()
    assert [item["id"] for item in body["items"]] == [1, 3, 5, 7, 9, 11, 13, 15, 17, 19]
    assert body["next"] == "http://testserver/items?tag=odd&page=2"
    assert body["first"] == "http://testserver/items?tag=odd"


def test_getlist_returns_every_repeated_value() -> None:
    body = TestClient(pagination_app).get("/items?tag=odd&tag=even&page=5").json()
    assert [item["id"] for item in body["items"]] == list(range(41, 51))
    assert body["next"] is None


@pytest.mark.parametrize("page", ["0", "abc", "-1", "1.5", "1001", ""])
def test_bad_page_is_400(page: str) -> None:
    response = TestClient(pagination_app).get("/items", params={"page": page})
    assert response.status_code == 400
    assert response.json() == {"error": "page must be an integer from 1 to 1000"}


def test_pagination_unknown_route_and_method() -> None:
    client = TestClient(pagination_app)
    assert client.get("/nope").status_code == 404
    assert client.post("/items").status_code == 405


# --- headers_multi_values.py ----------------------------------------------------------


def test_request_headers_get_first_getlist_all_case_insensitive() -> None:
    with TestClient(headers_app) as client:  # runs lifespan through the middleware too
        response = client.get("/inspect", headers=[("X-Tag", "a"), ("x-tag", "b")])
    assert response.json() == {"first_tag": "a", "all_tags": ["a", "b"], "client": "testclient"}
    assert response.headers["x-content-type-options"] == "nosniff"


def test_request_client_is_none_without_a_peer_address() -> None:
    client = TestClient(headers_app, client=None)  # type: ignore[arg-type]
    assert client.get("/inspect").json()["client"] is None


def test_response_headers_append_keeps_repeated_headers() -> None:
    response = TestClient(headers_app).get("/links")
    assert response.status_code == 204
    assert response.headers.get_list("link") == [
        "</app.css>; rel=preload; as=style",
        "</app.js>; rel=preload; as=script",
    ]
    assert response.headers["x-content-type-options"] == "nosniff"


# --- Not this -------------------------------------------------------------------------


def test_dont_mutate_request_headers_raises_type_error() -> None:
    from examples.datastructures.dont_mutate_request_headers import app as bad_app

    with pytest.raises(TypeError, match=r"^'Headers' object does not support item assignment$"):
        TestClient(bad_app).get("/proxy")


def test_dont_old_status_names_warn_on_access() -> None:
    from examples.datastructures.dont_old_status_names import app as old_app

    with pytest.warns(deprecation_category()) as record:
        response = TestClient(old_app).post("/validate")
    assert str(record[0].message) == (
        "'HTTP_422_UNPROCESSABLE_ENTITY' is deprecated. "
        "Use 'HTTP_422_UNPROCESSABLE_CONTENT' instead."
    )
    assert response.status_code == 422


# --- status ---------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new"), OLD_STATUS_NAMES.items())
def test_old_status_names_still_resolve_but_warn(old: str, new: str) -> None:
    with pytest.warns(deprecation_category()) as record:
        value = getattr(status, old)
    assert value == getattr(status, new)
    assert str(record[0].message) == f"'{old}' is deprecated. Use '{new}' instead."


@pytest.mark.starlette("1.3.1")
def test_status_deprecation_is_a_user_warning_shown_by_default() -> None:
    from starlette.exceptions import StarletteDeprecationWarning

    assert issubclass(StarletteDeprecationWarning, UserWarning)
    assert not issubclass(StarletteDeprecationWarning, DeprecationWarning)
    with pytest.warns(StarletteDeprecationWarning):
        status.HTTP_413_REQUEST_ENTITY_TOO_LARGE  # noqa: B018


@pytest.mark.starlette("1.0", before="1.3.1")
def test_before_1_3_1_status_deprecation_is_a_plain_deprecation_warning() -> None:
    from examples.datastructures.dont_old_status_names import app as old_app

    with pytest.warns(DeprecationWarning) as record:
        TestClient(old_app).post("/validate")
    assert record[0].category is DeprecationWarning


def test_current_status_names_do_not_warn() -> None:
    assert status.HTTP_413_CONTENT_TOO_LARGE == 413
    assert status.HTTP_422_UNPROCESSABLE_CONTENT == 422
    assert status.HTTP_103_EARLY_HINTS == 103
    assert status.WS_1008_POLICY_VIOLATION == 1008


def test_unknown_status_name_is_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'HTTP_999_NOPE'"):
        status.HTTP_999_NOPE  # noqa: B018


# --- URL ------------------------------------------------------------------------------

BASE = URL("https://example.com/items?page=1&tag=a&tag=b")


def test_url_query_param_helpers() -> None:
    assert str(BASE.include_query_params(page=2)) == "https://example.com/items?tag=a&tag=b&page=2"
    assert str(BASE.replace_query_params(page=2)) == "https://example.com/items?page=2"
    assert str(BASE.remove_query_params("tag")) == "https://example.com/items?page=1"
    assert str(BASE.remove_query_params(["tag", "page"])) == "https://example.com/items"


def test_url_replace_components() -> None:
    assert str(BASE.replace(path="/other")) == "https://example.com/other?page=1&tag=a&tag=b"
    assert str(BASE.replace(scheme="http", query="")) == "http://example.com/items"
    assert str(BASE.replace(hostname="api.example.com", port=8443)) == (
        "https://api.example.com:8443/items?page=1&tag=a&tag=b"
    )


def test_url_compares_equal_to_its_string_and_hides_passwords_in_repr() -> None:
    assert URL("https://example.com/") == "https://example.com/"
    url = URL("https://user:hunter2@example.com/")
    assert repr(url) == "URL('https://user:********@example.com/')"
    assert str(url) == "https://user:hunter2@example.com/"
    assert (url.scheme, url.hostname, url.port, url.is_secure) == (
        "https",
        "example.com",
        None,
        True,
    )


# --- Headers --------------------------------------------------------------------------

RAW = [(b"set-cookie", b"a=1"), (b"set-cookie", b"b=2"), (b"x-a", b"1")]


def test_headers_first_value_getlist_len_and_dict() -> None:
    headers = Headers(raw=RAW)
    assert headers["Set-Cookie"] == "a=1"
    assert headers.getlist("SET-COOKIE") == ["a=1", "b=2"]
    assert len(headers) == 3
    assert headers.keys() == ["set-cookie", "set-cookie", "x-a"]
    assert dict(headers) == {"set-cookie": "a=1", "x-a": "1"}
    assert headers.raw == RAW


def test_headers_are_immutable_and_mutablecopy_is_independent() -> None:
    headers = Headers(raw=list(RAW))
    with pytest.raises(TypeError, match="'Headers' object does not support item assignment"):
        headers["x"] = "1"  # type: ignore[index]
    copy = headers.mutablecopy()
    copy["set-cookie"] = "z=9"
    copy.append("x-a", "2")
    del copy["x-missing"]
    assert copy.raw == [(b"set-cookie", b"z=9"), (b"x-a", b"1"), (b"x-a", b"2")]
    assert headers.raw == RAW


def test_headers_lowercase_names_and_compare_ignoring_order() -> None:
    assert Headers({"X-A": "1"}).raw == [(b"x-a", b"1")]
    assert Headers({"a": "1", "b": "2"}) == Headers({"b": "2", "a": "1"})
    assert Headers({"a": "1"}) != {"a": "1"}


def test_mutable_headers_setdefault_and_or() -> None:
    headers = MutableHeaders({"a": "1"})
    assert headers.setdefault("a", "2") == "1"
    merged = headers | {"b": "2"}
    assert merged.items() == [("a", "1"), ("b", "2")]
    assert headers.items() == [("a", "1")]


# --- QueryParams / MultiDict / FormData -----------------------------------------------


def test_query_params_last_value_wins_for_getitem_and_dict() -> None:
    params = QueryParams("a=1&a=2&empty=")
    assert params["a"] == "2"
    assert params.getlist("a") == ["1", "2"]
    assert dict(params) == {"a": "2", "empty": ""}
    assert params.multi_items() == [("a", "1"), ("a", "2"), ("empty", "")]
    assert str(params) == "a=1&a=2&empty="
    with pytest.raises(TypeError, match="'QueryParams' object does not support item assignment"):
        params["a"] = "3"  # type: ignore[index]


def test_query_params_values_are_strings() -> None:
    assert QueryParams({"n": 1, "flag": True}).multi_items() == [("n", "1"), ("flag", "True")]


def test_multidict_comparison_ignores_key_order() -> None:
    assert QueryParams("a=1&b=2") == QueryParams("b=2&a=1")
    assert QueryParams("a=1") != "a=1"
    assert QueryParams("a=1") != {"a": "1"}


@pytest.mark.starlette("1.10")
def test_multidict_comparison_keeps_order_of_repeated_values() -> None:
    assert QueryParams("a=1&a=2") != QueryParams("a=2&a=1")


@pytest.mark.starlette("1.10")
def test_form_data_with_repeated_uploads_compares_without_type_error() -> None:
    import io

    first, second = UploadFile(io.BytesIO(b"1")), UploadFile(io.BytesIO(b"2"))
    assert FormData([("f", first), ("f", second)]) == FormData([("f", first), ("f", second)])
    assert FormData([("f", first), ("f", second)]) != FormData([("f", second), ("f", first)])


@pytest.mark.starlette("1.0", before="1.10")
def test_before_1_10_order_of_repeated_values_is_ignored() -> None:
    assert QueryParams("a=1&a=2") == QueryParams("a=2&a=1")


@pytest.mark.starlette("1.0", before="1.10")
def test_before_1_10_form_data_with_repeated_uploads_fails_to_compare() -> None:
    import io

    first, second = UploadFile(io.BytesIO(b"1")), UploadFile(io.BytesIO(b"2"))
    with pytest.raises(TypeError, match="'<' not supported between instances of 'UploadFile'"):
        assert FormData([("f", first), ("f", second)]) == FormData([("f", first), ("f", second)])


def test_multidict_mutation() -> None:
    data = MultiDict([("a", "1"), ("a", "2")])
    data["a"] = "3"
    assert data.multi_items() == [("a", "3")]
    data.append("a", "4")
    assert data.getlist("a") == ["3", "4"]
    assert data.poplist("a") == ["3", "4"]
    assert "a" not in data
    with pytest.raises(TypeError, match="'ImmutableMultiDict' object does not support item"):
        ImmutableMultiDict({"a": "1"})["a"] = "2"  # type: ignore[index]


# --- State / Address / Secret / CommaSeparatedStrings ---------------------------------


def test_state_attribute_and_item_access() -> None:
    state = State({"db": "pool"})
    state.cache = {}
    assert state["db"] == "pool"
    assert state.cache == {}
    assert sorted(state) == ["cache", "db"]
    with pytest.raises(AttributeError, match=r"^'State' object has no attribute 'missing'$"):
        state.missing  # noqa: B018
    with pytest.raises(KeyError):
        state["missing"]


def test_address_is_a_named_tuple() -> None:
    address = Address("203.0.113.5", 51000)
    assert (address.host, address.port) == ("203.0.113.5", 51000)
    host, port = address
    assert (host, port) == address


def test_secret_hides_repr_but_not_str() -> None:
    secret = Secret("hunter2")
    assert repr(secret) == "Secret('**********')"
    assert f"{secret}" == "hunter2"
    assert not Secret("")


def test_comma_separated_strings_is_a_sequence_not_a_list() -> None:
    hosts = CommaSeparatedStrings("a.org, b.org ,'c,d'")
    assert list(hosts) == ["a.org", "b.org", "c,d"]
    assert hosts != ["a.org", "b.org", "c,d"]
    assert "b.org" in hosts


def test_multidict_len_and_keys_count_distinct_keys() -> None:
    params = QueryParams("a=1&a=2&b=3")
    assert len(params) == 2
    assert list(params.keys()) == ["a", "b"]


def test_multidict_setlist_update_and_headers_ior() -> None:
    data = MultiDict([("a", "1")])
    data.setlist("b", ["2", "3"])
    data.update({"a": "9"})
    assert data.multi_items() == [("b", "2"), ("b", "3"), ("a", "9")]
    headers = MutableHeaders({"a": "1"})
    headers |= {"b": "2"}
    assert headers.items() == [("a", "1"), ("b", "2")]


def test_upload_file_attributes_and_async_read() -> None:
    import io

    import anyio

    upload = UploadFile(
        io.BytesIO(b"hello"),
        size=5,
        filename="a.txt",
        headers=Headers({"content-type": "text/plain"}),
    )
    assert (upload.filename, upload.content_type, upload.size) == ("a.txt", "text/plain", 5)
    assert anyio.run(upload.read) == b"hello"
