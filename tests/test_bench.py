"""scripts/bench.py keeps working: a --tiny run over a real loopback server."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

from tests.realserver import ROOT

SCRIPT = ROOT / "scripts" / "bench.py"
PATHS = ["/plain", "/base-http", "/pure-asgi", "/sync", "/json-large", "/orjson-large",
         "/gzip-large", "/blob", "/stream"]  # fmt: skip


def test_tiny_run_prints_versions_settings_and_a_ratio_table() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--tiny"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert re.search(r"starlette \d+\.\d+", out) and re.search(r"uvicorn \d+\.\d+", out)
    assert "uvicorn --http h11 --loop asyncio --no-access-log" in out
    rows = [line for line in out.splitlines() if line.startswith("| ") and "`/" in line]
    assert [re.search(r"`(/[\w-]+)`", row)[1] for row in rows] == PATHS  # type: ignore[index]
    plain = rows[0].split("|")
    assert plain[6].strip() == "1.00"
    gzip_bytes = int(rows[6].split("|")[5])
    assert gzip_bytes < int(rows[4].split("|")[5]) / 4  # GZip really compressed


def test_help_describes_the_modes() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0
    assert "--tiny" in result.stdout and "--requests" in result.stdout


PERFORMANCE_MD = (ROOT / "references" / "performance.md").read_text(encoding="utf-8")


def test_performance_table_lists_exactly_the_benchmark_cases() -> None:
    table_paths = re.findall(r"^\| [^|]+ \| `(/[\w-]+)` \|", PERFORMANCE_MD, re.MULTILINE)
    assert table_paths == PATHS


def test_every_ratio_quoted_in_recommendations_is_in_the_table() -> None:
    table, _, recommendations = PERFORMANCE_MD.partition("## Recommendations")
    quoted = re.findall(r"\b(\d\.\d\d)x", recommendations)
    assert quoted
    assert [ratio for ratio in quoted if ratio not in table] == []


def test_payload_sizes_quoted_in_performance_md() -> None:
    from starlette.testclient import TestClient

    spec = importlib.util.spec_from_file_location("bench", SCRIPT)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    with TestClient(bench.create_app()) as client:
        plain_json = client.get("/json-large").content
        orjson_body = client.get("/orjson-large").content
        gzip = client.get("/gzip-large", headers={"Accept-Encoding": "gzip"})
        assert len(client.get("/stream").content) == len(client.get("/blob").content) == 2**20
    assert len(plain_json) == 44693 and orjson_body == plain_json  # same bytes, faster
    assert gzip.headers["content-encoding"] == "gzip"
    assert int(gzip.headers["content-length"]) == 4786
    assert f"{len(plain_json) / 4786:.1f}x smaller" in PERFORMANCE_MD


def test_uvicorn_standard_extra_brings_httptools_and_uvloop() -> None:
    import importlib.metadata

    extras = [
        r.split(">")[0] for r in importlib.metadata.requires("uvicorn") or [] if "standard" in r
    ]
    assert {"httptools", "uvloop"} <= set(extras)
