from starlette.applications import Starlette


async def connect() -> None: ...


# Removed in 1.0: raises TypeError when the module is imported.
app = Starlette(on_startup=[connect])
