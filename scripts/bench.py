#!/usr/bin/env python3
"""Measure per-request costs of Starlette choices over real loopback HTTP.

Usage:
    python scripts/bench.py                 about 30 s: 1500 requests per case
    python scripts/bench.py --tiny          a smoke run in about 1 s (numbers meaningless)
    python scripts/bench.py --requests N    N requests per case

Starts one uvicorn server (this file's `create_app`, `--factory`, h11, one worker, no access
log) on a free 127.0.0.1 port, then sends requests one at a time over one keep-alive
connection (http.client), interleaving the cases in rounds so drift hits all of them.
Prints versions, server settings and a table: median and p90 latency per request, bytes on
the wire, and the ratio of each median to the plain endpoint's. Ratios travel between
machines better than absolute times; compare on your own hardware before deciding.

Cases: plain async endpoint; the same behind BaseHTTPMiddleware and behind pure ASGI
middleware (both no-ops); a sync endpoint (thread pool); a 45 KB JSON list rendered by
JSONResponse, by a JSONResponse subclass whose render() uses orjson (skipped without
orjson) and by JSONResponse behind GZipMiddleware; 1 MiB sent as one Response and as a
StreamingResponse in 16 KiB chunks.

Needs starlette and uvicorn (orjson optional); the client side is standard library only.
Exit codes: 0 done, 1 the server did not start.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.metadata
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

LARGE_ITEMS = 600
BLOB_SIZE = 1024 * 1024
CHUNK_SIZE = 16 * 1024
SERVER_SETTINGS = [
    "--http",
    "h11",
    "--loop",
    "asyncio",
    "--no-access-log",
    "--log-level",
    "warning",
]
# (path, label, request headers, compare-with path for the pair ratio)
CASES: list[tuple[str, str, dict[str, str], str]] = [
    ("/plain", "plain async endpoint (baseline)", {}, ""),
    ("/base-http", "BaseHTTPMiddleware no-op", {}, "/pure-asgi"),
    ("/pure-asgi", "pure ASGI middleware no-op", {}, "/plain"),
    ("/sync", "sync def endpoint (thread pool)", {}, "/plain"),
    ("/json-large", "JSONResponse, 45 KB list", {}, ""),
    ("/orjson-large", "orjson response, same list", {}, "/json-large"),
    ("/gzip-large", "JSONResponse + GZip, same list", {"Accept-Encoding": "gzip"}, "/json-large"),
    ("/blob", "Response, 1 MiB body", {}, ""),
    ("/stream", "StreamingResponse, 1 MiB in 16 KiB", {}, "/blob"),
]


def create_app() -> Any:
    """The measured app (uvicorn --factory); imports Starlette only in the server process."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.base import BaseHTTPMiddleware
    from starlette.middleware.gzip import GZipMiddleware
    from starlette.responses import JSONResponse, Response, StreamingResponse
    from starlette.routing import Route

    items = [
        {"id": n, "name": f"item {n}", "price": n * 1.25, "tags": ["a", "b"], "active": n % 2 == 0}
        for n in range(LARGE_ITEMS)
    ]
    blob = b"x" * BLOB_SIZE

    class NoopBaseHTTP(BaseHTTPMiddleware):
        async def dispatch(self, request: Any, call_next: Any) -> Any:
            return await call_next(request)

    class NoopASGI:
        def __init__(self, app: Any) -> None:
            self.app = app

        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            await self.app(scope, receive, send)

    async def plain(request: Any) -> JSONResponse:
        return JSONResponse({"ok": True})

    def sync_plain(request: Any) -> JSONResponse:
        return JSONResponse({"ok": True})

    async def json_large(request: Any) -> JSONResponse:
        return JSONResponse(items)

    class ORJSONResponse(JSONResponse):
        def render(self, content: Any) -> bytes:
            import orjson

            return orjson.dumps(content)

    async def orjson_large(request: Any) -> Response:
        return ORJSONResponse(items)

    async def blob_response(request: Any) -> Response:
        return Response(blob, media_type="application/octet-stream")

    async def chunks() -> Any:
        for start in range(0, BLOB_SIZE, CHUNK_SIZE):
            yield blob[start : start + CHUNK_SIZE]

    async def stream(request: Any) -> StreamingResponse:
        return StreamingResponse(chunks(), media_type="application/octet-stream")

    return Starlette(
        routes=[
            Route("/plain", plain),
            Route("/base-http", plain, middleware=[Middleware(NoopBaseHTTP)]),
            Route("/pure-asgi", plain, middleware=[Middleware(NoopASGI)]),
            Route("/sync", sync_plain),
            Route("/json-large", json_large),
            Route("/orjson-large", orjson_large),
            Route("/gzip-large", json_large, middleware=[Middleware(GZipMiddleware)]),
            Route("/blob", blob_response),
            Route("/stream", stream),
        ]
    )


def version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int) -> subprocess.Popen[bytes]:
    argv = [sys.executable, "-m", "uvicorn", "--factory", "bench:create_app"]
    argv += ["--app-dir", str(Path(__file__).resolve().parent), "--host", "127.0.0.1"]
    argv += ["--port", str(port), *SERVER_SETTINGS]
    return subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(process: subprocess.Popen[bytes], port: int, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.02)
    return False


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


def fetch(conn: http.client.HTTPConnection, path: str, headers: dict[str, str]) -> int:
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"GET {path} -> {response.status}")
    return len(body)


def measure(port: int, cases: list[tuple[str, str, dict[str, str], str]], requests: int,
            rounds: int, warmup: int) -> dict[str, tuple[list[float], int]]:  # fmt: skip
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    samples: dict[str, list[float]] = {path: [] for path, *_ in cases}
    sizes: dict[str, int] = {}
    try:
        for path, _, headers, _ in cases:
            for _ in range(warmup):
                sizes[path] = fetch(conn, path, headers)
        per_round = max(1, requests // rounds)
        for _ in range(rounds):
            for path, _, headers, _ in cases:
                for _ in range(per_round):
                    start = time.perf_counter()
                    fetch(conn, path, headers)
                    samples[path].append(time.perf_counter() - start)
    finally:
        conn.close()
    return {path: (samples[path], sizes[path]) for path in samples}


def table(cases: list[tuple[str, str, dict[str, str], str]],
          results: dict[str, tuple[list[float], int]]) -> str:  # fmt: skip
    base = statistics.median(results["/plain"][0])
    lines = [
        "| case | path | median us | p90 us | bytes | x plain | pair |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for path, label, _, compare in cases:
        times, size = results[path]
        median = statistics.median(times)
        p90 = statistics.quantiles(times, n=10)[-1] if len(times) > 1 else median
        pair = ""
        if compare:
            pair = f"{median / statistics.median(results[compare][0]):.2f}x {compare}"
        lines.append(
            f"| {label} | `{path}` | {median * 1e6:.0f} | {p90 * 1e6:.0f} | {size} "
            f"| {median / base:.2f} | {pair} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1500, help="requests per case")
    parser.add_argument("--tiny", action="store_true", help="smoke run: 6 requests per case")
    args = parser.parse_args(argv)
    requests, rounds, warmup = (6, 2, 1) if args.tiny else (args.requests, 10, 50)
    cases = CASES if version("orjson") != "not installed" else [
        case for case in CASES if case[0] != "/orjson-large"
    ]  # fmt: skip

    port = free_port()
    process = start_server(port)
    try:
        if not wait_ready(process, port):
            stop_server(process)
            sys.stderr.write("the uvicorn server did not start:\n")
            sys.stderr.write(
                process.stderr.read().decode(errors="replace") if process.stderr else ""
            )
            return 1
        results = measure(port, cases, requests, rounds, warmup)
    finally:
        stop_server(process)

    print(
        f"Python {platform.python_version()}, starlette {version('starlette')}, "
        f"uvicorn {version('uvicorn')}, h11 {version('h11')}, orjson {version('orjson')}; "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs"
    )
    print(f"uvicorn {' '.join(SERVER_SETTINGS)}, 1 worker, 127.0.0.1")
    print(f"{len(results['/plain'][0])} sequential requests per case on one keep-alive connection")
    print()
    print(table(cases, results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
