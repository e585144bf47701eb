from starlette.applications import Starlette
from starlette.convertors import Convertor, register_url_convertor
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


class IdListConvertor(Convertor[list[int]]):
    # The regex admits only what convert() can parse: anything else is a 404, never a 500.
    regex = "[0-9]+(?:,[0-9]+)*"

    def convert(self, value: str) -> list[int]:
        return [int(part) for part in value.split(",")]

    def to_string(self, value: list[int]) -> str:
        return ",".join(str(int(part)) for part in value)


# Register before any Route uses the name; the registry is process-wide.
register_url_convertor("ids", IdListConvertor())


async def products(request: Request) -> JSONResponse:
    ids: list[int] = request.path_params["ids"]
    return JSONResponse({"ids": ids, "self": request.url_for("products", ids=ids).path})


app = Starlette(routes=[Route("/products/{ids:ids}", products, name="products")])
