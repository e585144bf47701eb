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
