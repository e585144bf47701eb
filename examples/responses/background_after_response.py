import logging

from starlette.applications import Starlette
from starlette.background import BackgroundTask, BackgroundTasks
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

logger = logging.getLogger(__name__)


async def send_welcome_email(email: str) -> None:
    logger.info("welcome email sent to %s", email)


def record_signup(email: str, source: str) -> None:
    # Sync functions run in the threadpool.
    logger.info("signup recorded for %s from %s", email, source)


async def signup(request: Request) -> JSONResponse:
    async with request.form(max_files=0, max_fields=2) as form:
        email, source = form.get("email"), form.get("source", "web")
    if not isinstance(email, str) or "@" not in email:
        raise HTTPException(400, detail="A valid 'email' form field is required.")
    tasks = BackgroundTasks()
    tasks.add_task(send_welcome_email, email)
    tasks.add_task(record_signup, email, source=str(source))
    return JSONResponse({"email": email}, status_code=201, background=tasks)


async def unsubscribe(request: Request) -> JSONResponse:
    email = request.path_params["email"]
    task = BackgroundTask(logger.info, "unsubscribed %s", email)
    return JSONResponse({"email": email, "subscribed": False}, background=task)


app = Starlette(
    routes=[
        Route("/signup", signup, methods=["POST"]),
        Route("/subscriptions/{email}", unsubscribe, methods=["DELETE"]),
    ]
)
