from starlette.applications import Starlette
from starlette.background import BackgroundTasks
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

receipts: list[int] = []


async def notify_warehouse(order_id: int) -> None:
    raise ConnectionError("warehouse unreachable")  # unguarded


def write_receipt(order_id: int) -> None:
    receipts.append(order_id)  # never runs: the task before it raised


async def place_order(request: Request) -> JSONResponse:
    order_id = request.path_params["order_id"]
    tasks = BackgroundTasks()
    tasks.add_task(notify_warehouse, order_id)
    tasks.add_task(write_receipt, order_id)
    return JSONResponse({"order_id": order_id}, status_code=202, background=tasks)


app = Starlette(routes=[Route("/orders/{order_id:int}", place_order, methods=["POST"])])
