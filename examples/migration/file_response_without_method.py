from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse
from starlette.routing import Route

REPORT = Path(__file__).parent / "templates" / "page.html"


async def report(request: Request) -> FileResponse:
    # Was FileResponse(REPORT, method="GET"): HEAD is answered without a body automatically.
    return FileResponse(REPORT, media_type="text/plain", filename="report.txt")


app = Starlette(routes=[Route("/report", report, methods=["GET", "HEAD"])])
