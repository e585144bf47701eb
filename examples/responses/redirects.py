from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.routing import Route


def safe_next(target: str | None) -> str:
    # Only same-site paths: "//evil.example" and "https://..." would be open redirects.
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


async def home(request: Request) -> HTMLResponse:
    return HTMLResponse("<h1>Home</h1>")


async def old_docs(request: Request) -> RedirectResponse:
    return RedirectResponse(request.url_for("home"), status_code=301)


async def login(request: Request) -> RedirectResponse:
    async with request.form(max_files=0, max_fields=3) as form:
        target = form.get("next")
    # 303 makes the browser follow with GET; the 307 default would repeat the POST.
    return RedirectResponse(safe_next(target if isinstance(target, str) else None), status_code=303)


app = Starlette(
    routes=[
        Route("/", home, name="home"),
        Route("/docs-old", old_docs),
        Route("/login", login, methods=["POST"]),
    ]
)
