# Requires Starlette >= 1.5.
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

PARQUET = "application/vnd.apache.parquet"


async def parquet(request: Request) -> Response:
    return Response(b"PAR1" * 500, media_type=PARQUET)


async def csv(request: Request) -> Response:
    return Response(b"a,b\n" * 500, media_type="text/csv")


app = Starlette(
    routes=[Route("/data.parquet", parquet), Route("/data.csv", csv)],
    middleware=[
        Middleware(
            GZipMiddleware,
            minimum_size=500,
            compresslevel=6,
            thread_minimum_size=256 * 1024,  # New in 1.4: bigger chunks compress in a thread.
            # Extend the defaults: a tuple of your own replaces them.
            exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, PARQUET),
        )
    ],
)
