from starlette.applications import Starlette


# A bare (async) generator, not wrapped in @asynccontextmanager: deprecated, warns.
async def lifespan(app: Starlette):
    yield


app = Starlette(lifespan=lifespan)
