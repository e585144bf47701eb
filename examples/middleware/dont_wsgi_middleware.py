from starlette.applications import Starlette
from starlette.middleware.wsgi import WSGIMiddleware  # Not this: deprecated, warns at import.
from starlette.routing import Mount


def legacy_wsgi_app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"legacy"]


app = Starlette(routes=[Mount("/legacy", app=WSGIMiddleware(legacy_wsgi_app))])
