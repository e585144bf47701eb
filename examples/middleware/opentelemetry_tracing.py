# Requires Starlette >= 1.7.
from opentelemetry.sdk.trace import TracerProvider
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.opentelemetry import OpenTelemetryMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

# Add your exporter here, e.g. tracer_provider.add_span_processor(BatchSpanProcessor(...)).
tracer_provider = TracerProvider()


async def order(request: Request) -> JSONResponse:
    return JSONResponse({"id": request.path_params["order_id"]})


async def health(request: Request) -> PlainTextResponse:
    return PlainTextResponse("ok")


app = Starlette(
    routes=[Route("/orders/{order_id:int}", order), Route("/health", health)],
    middleware=[
        Middleware(
            OpenTelemetryMiddleware,
            tracer_provider=tracer_provider,
            excluded_urls=[r"/health$"],  # searched in the full URL
        )
    ],
)
