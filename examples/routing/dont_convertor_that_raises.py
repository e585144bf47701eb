from datetime import date

from starlette.applications import Starlette
from starlette.convertors import Convertor, register_url_convertor
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


class DateConvertor(Convertor[date]):
    regex = "[0-9]{4}-[0-9]{2}-[0-9]{2}"

    def convert(self, value: str) -> date:
        return date.fromisoformat(value)  # 2026-02-30 matches the regex, then raises: 500

    def to_string(self, value: date) -> str:
        return value.isoformat()


register_url_convertor("date", DateConvertor())


async def report(request: Request) -> JSONResponse:
    return JSONResponse({"day": request.path_params["day"].isoformat()})


app = Starlette(routes=[Route("/reports/{day:date}", report)])
