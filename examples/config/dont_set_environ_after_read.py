from starlette.applications import Starlette
from starlette.config import Config, environ

config = Config()
DEBUG = config("DEBUG", cast=bool, default=False)

app = Starlette(debug=DEBUG)

# Too late, e.g. in a conftest.py that imported the app first: raises EnvironError.
environ["DEBUG"] = "true"
