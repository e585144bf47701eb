from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

outbox: list[str] = []  # stand-in for an email provider


async def send_welcome_email(to_address: str) -> None:
    outbox.append(to_address)


async def signup(request: Request) -> JSONResponse:
    try:
        data = await request.json()
    except ValueError:
        return JSONResponse({"error": "body must be JSON"}, status_code=400)
    email = data.get("email") if isinstance(data, dict) else None
    if not isinstance(email, str) or "@" not in email or len(email) > 254:
        return JSONResponse({"error": "email must be an email address"}, status_code=422)
    # Runs after the response has been sent; the client does not wait for the email.
    task = BackgroundTask(send_welcome_email, to_address=email)
    return JSONResponse({"status": "signed up"}, status_code=201, background=task)


app = Starlette(routes=[Route("/signup", signup, methods=["POST"])])
