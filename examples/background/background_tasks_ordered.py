import logging

from starlette.applications import Starlette
from starlette.background import BackgroundTasks
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

logger = logging.getLogger(__name__)
warehouse: list[int] = []  # stand-ins for a remote service and a receipt store
receipts: list[int] = []


async def send_to_warehouse(order_id: int) -> None:
    warehouse.append(order_id)


async def notify_warehouse(order_id: int) -> None:
    try:
        await send_to_warehouse(order_id)
    except Exception:
        # An exception escaping a task skips every task after it: log and carry on.
        logger.exception("warehouse notification failed for order %s", order_id)


def write_receipt(order_id: int) -> None:
    # A plain def runs in the thread pool, so blocking I/O here does not stall the loop.
    receipts.append(order_id)


async def place_order(request: Request) -> JSONResponse:
    order_id = request.path_params["order_id"]
    tasks = BackgroundTasks()
    tasks.add_task(notify_warehouse, order_id)  # tasks run one after another, in order
    tasks.add_task(write_receipt, order_id)
    return JSONResponse({"order_id": order_id}, status_code=202, background=tasks)


app = Starlette(routes=[Route("/orders/{order_id:int}", place_order, methods=["POST"])])
