from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

HERE = Path(__file__).parent
USERS = {1: "Ada Lovelace", 2: "Alan Turing"}


def site_context(request: Request) -> dict[str, Any]:
    # Runs on every TemplateResponse; its keys win over the view's context.
    return {"site_name": "Example"}


def initials(name: str) -> str:
    return "".join(word[0] for word in name.split()).upper()


templates = Jinja2Templates(directory=HERE / "templates", context_processors=[site_context])
templates.env.filters["initials"] = initials
templates.env.globals["support_email"] = "help@example.com"


async def homepage(request: Request) -> Response:
    return templates.TemplateResponse(request, "index.html", {"users": USERS})


async def user_detail(request: Request) -> Response:
    user_id = request.path_params["user_id"]
    if user_id not in USERS:
        context = {"what": f"user {user_id}"}
        return templates.TemplateResponse(request, "404.html", context, status_code=404)
    return templates.TemplateResponse(
        request,
        "user.html",
        {"name": USERS[user_id]},
        headers={"Cache-Control": "no-store"},
    )


async def hello(request: Request) -> Response:
    # User input: autoescaping turns <script> into &lt;script&gt;.
    name = request.query_params.get("name", "stranger")[:100]
    return templates.TemplateResponse(request, "hello.html", {"name": name})


app = Starlette(
    routes=[
        Route("/", homepage, name="home"),
        Route("/users/{user_id:int}", user_detail, name="user"),
        Route("/hello", hello, name="hello"),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
)
