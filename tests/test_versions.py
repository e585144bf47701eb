"""Release facts SKILL.md states that no topic example shows: read from the installed wheel."""

from __future__ import annotations

import importlib.metadata

import pytest

METADATA = importlib.metadata.metadata("starlette")


@pytest.mark.starlette("1.8")
def test_python_3_11_is_required_from_1_8() -> None:
    assert METADATA["Requires-Python"] == ">=3.11"


@pytest.mark.starlette("1.7")
def test_anyio_4_is_required_from_1_7() -> None:
    anyio = [r for r in METADATA.get_all("Requires-Dist") if r.startswith("anyio")]
    assert anyio == ["anyio<5,>=4.0.0"]


@pytest.mark.starlette("1.2")
def test_test_client_uses_httpx2_from_1_2() -> None:
    import starlette.testclient as testclient

    assert testclient.httpx.__name__ == "httpx2"


@pytest.mark.starlette("1.0", before="1.3.1")
def test_old_status_names_warn_with_a_hidden_deprecation_warning_before_1_3_1() -> None:
    # From 1.3.1 the same text comes as StarletteDeprecationWarning (references/datastructures.md).
    import starlette.status as status

    message = "'HTTP_422_UNPROCESSABLE_ENTITY' is deprecated. Use 'HTTP_422_UNPROCESSABLE_CONTENT'"
    with pytest.warns(DeprecationWarning, match=message) as record:
        assert status.HTTP_422_UNPROCESSABLE_ENTITY == 422
    assert record[0].category is DeprecationWarning


@pytest.mark.starlette("1.0", before="1.3.1")
def test_generator_lifespans_warn_with_a_hidden_deprecation_warning_before_1_3_1() -> None:
    from starlette.applications import Starlette

    def lifespan(app):  # the pre-1.0 form: a plain generator
        yield

    with pytest.warns(DeprecationWarning, match="generator function lifespans are deprecated"):
        Starlette(lifespan=lifespan)
