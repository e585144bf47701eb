from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; base-uri 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=63072000; includeSubDomains"


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)  # an endpoint may override
                if scope["scheme"] == "https":  # browsers ignore HSTS over http
                    headers.setdefault("Strict-Transport-Security", HSTS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def homepage(request: Request) -> HTMLResponse:
    return HTMLResponse("<h1>Hello</h1>")


async def embeddable(request: Request) -> HTMLResponse:
    csp = "default-src 'self'; frame-ancestors https://partner.example.com"
    return HTMLResponse("<p>widget</p>", headers={"Content-Security-Policy": csp})


# Wrap the whole app, outside ServerErrorMiddleware, so 500 pages get the headers too.
app = SecurityHeadersMiddleware(
    Starlette(routes=[Route("/", homepage), Route("/widget", embeddable)])
)
