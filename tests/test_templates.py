from pathlib import Path
from typing import Any

import jinja2
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, NoMatchFound, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.testclient import TestClient

from examples.templates.custom_environment import app as custom_env_app
from examples.templates.custom_environment import templates as custom_env_templates
from examples.templates.jinja_pages import app

TEMPLATES_DIR = Path(__file__).parent.parent / "examples" / "templates" / "templates"


def render_app(templates: Jinja2Templates, name: str, context: dict[str, Any]) -> Starlette:
    async def page(request: Request) -> Response:
        return templates.TemplateResponse(request, name, dict(context))

    return Starlette(routes=[Route("/", page, name="home")])


# --- jinja_pages.py -------------------------------------------------------------------


def test_url_for_in_templates_builds_absolute_urls_for_routes_and_static() -> None:
    client = TestClient(app)
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert '<a href="http://testserver/users/1">AL</a>' in response.text
    assert 'href="http://testserver/static/site.css"' in response.text
    assert client.get("/static/site.css").status_code == 200


def test_custom_filter_global_and_context_processor_reach_the_template() -> None:
    response = TestClient(app).get("/users/2")
    assert "<title>Alan Turing - Example</title>" in response.text
    assert "Support: help@example.com" in response.text
    assert response.headers["cache-control"] == "no-store"


def test_template_response_exposes_template_and_context_to_the_test_client() -> None:
    response = TestClient(app).get("/users/1")
    assert response.template.name == "user.html"
    assert response.context["name"] == "Ada Lovelace"
    assert response.context["site_name"] == "Example"
    assert isinstance(response.context["request"], Request)


def test_template_response_status_code_renders_a_404_page() -> None:
    response = TestClient(app).get("/users/99")
    assert response.status_code == 404
    assert response.template.name == "404.html"
    assert "No user 99 here." in response.text


def test_non_integer_user_id_is_a_plain_404() -> None:
    response = TestClient(app).get("/users/abc")
    assert response.status_code == 404
    assert response.text == "Not Found"


def test_autoescape_is_on_for_html_templates_from_directory() -> None:
    response = TestClient(app).get("/hello", params={"name": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_hello_defaults_and_truncates_user_input() -> None:
    client = TestClient(app)
    assert client.get("/hello").text.strip() == "<p>Hello, stranger!</p>"
    long = client.get("/hello", params={"name": "x" * 5000})
    assert long.status_code == 200
    assert long.text.strip() == f"<p>Hello, {'x' * 100}!</p>"


def test_unknown_method_is_405() -> None:
    assert TestClient(app).post("/hello").status_code == 405


# --- Jinja2Templates behaviour --------------------------------------------------------


def test_autoescape_skips_non_html_extensions(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("{{ name }}")
    templates = Jinja2Templates(directory=tmp_path)
    response = TestClient(render_app(templates, "note.txt", {"name": "<b>"})).get("/")
    assert response.text == "<b>"


def test_safe_filter_disables_escaping() -> None:
    templates = Jinja2Templates(directory=TEMPLATES_DIR)
    assert templates.env.from_string("{{ x }}|{{ x | safe }}").render(x="<b>") == "&lt;b&gt;|<b>"


def test_context_processor_overrides_view_context_keys() -> None:
    templates = Jinja2Templates(
        directory=TEMPLATES_DIR, context_processors=[lambda request: {"name": "processor"}]
    )
    response = TestClient(render_app(templates, "hello.html", {"name": "view"})).get("/")
    assert response.text.strip() == "<p>Hello, processor!</p>"


def test_url_for_with_unknown_route_name_raises_no_match_found(tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_text("{{ url_for('nope') }}")
    templates = Jinja2Templates(directory=tmp_path)
    with pytest.raises(NoMatchFound):
        TestClient(render_app(templates, "bad.html", {})).get("/")


def test_env_options_keyword_arguments_were_removed() -> None:
    with pytest.raises(TypeError) as exc_info:
        Jinja2Templates(directory=TEMPLATES_DIR, autoescape=False)  # type: ignore[call-overload]
    assert str(exc_info.value) == (
        "Jinja2Templates.__init__() got an unexpected keyword argument 'autoescape'"
    )


def test_directory_or_env_is_required() -> None:
    message = "either 'directory' or 'env' arguments must be passed"
    with pytest.raises(AssertionError, match=message):
        Jinja2Templates()  # type: ignore[call-overload]
    with pytest.raises(AssertionError, match=message):
        Jinja2Templates(directory=TEMPLATES_DIR, env=jinja2.Environment())  # type: ignore[call-overload]


# --- custom_environment.py ------------------------------------------------------------


def test_custom_environment_keeps_autoescape_and_gets_url_for() -> None:
    response = TestClient(custom_env_app).get("/hello", params={"name": "<i>x</i>"})
    assert response.status_code == 200
    assert "&lt;i&gt;x&lt;/i&gt;" in response.text
    assert "url_for" in custom_env_templates.env.globals


def test_strict_undefined_raises_on_missing_variable() -> None:
    with pytest.raises(jinja2.UndefinedError, match="'name' is undefined"):
        custom_env_templates.get_template("hello.html").render()


# --- Not this -------------------------------------------------------------------------


def test_dont_old_template_response_signature_raises_type_error() -> None:
    from examples.templates.dont_old_template_response import app as old_app

    with pytest.raises(TypeError, match=r"^unhashable type: 'dict'$"):
        TestClient(old_app).get("/hello")


def test_dont_env_without_autoescape_leaks_script_tags() -> None:
    from examples.templates.dont_env_without_autoescape import app as unsafe_app

    response = TestClient(unsafe_app).get("/hello", params={"name": "<script>alert(1)</script>"})
    assert "<p>Hello, <script>alert(1)</script>!</p>" in response.text


# --- claims in references/templates.md --------------------------------------------------


def test_importing_templating_without_jinja2_raises_import_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib
    import sys

    monkeypatch.setitem(sys.modules, "jinja2", None)
    monkeypatch.delitem(sys.modules, "starlette.templating")
    with pytest.raises(ImportError, match="jinja2 must be installed to use Jinja2Templates"):
        importlib.import_module("starlette.templating")


def test_directory_accepts_a_list_searched_in_order(tmp_path: Path) -> None:
    (tmp_path / "hello.html").write_text("override {{ name }}")
    templates = Jinja2Templates(directory=[tmp_path, TEMPLATES_DIR])
    assert templates.get_template("hello.html").render(name="x") == "override x"
    assert templates.get_template("404.html").name == "404.html"


def test_url_for_follows_the_request_scheme_and_host() -> None:
    client = TestClient(app, base_url="https://example.com")
    assert 'href="https://example.com/users/1"' in client.get("/").text


def test_url_for_static_strips_a_leading_slash(tmp_path: Path) -> None:
    (tmp_path / "links.html").write_text(
        "{{ url_for('static', path='/a.css') }} {{ url_for('static', path='a.css') }}"
    )
    templates = Jinja2Templates(directory=tmp_path)

    async def page(request: Request) -> Response:
        return templates.TemplateResponse(request, "links.html")

    links_app = Starlette(
        routes=[
            Route("/", page),
            Mount("/static", StaticFiles(directory=tmp_path), name="static"),
        ]
    )
    text = TestClient(links_app).get("/").text
    assert text == "http://testserver/static/a.css http://testserver/static/a.css"


def test_env_keeps_an_existing_url_for_global() -> None:
    env = jinja2.Environment(autoescape=True)
    env.globals["url_for"] = "mine"
    assert Jinja2Templates(env=env).env.globals["url_for"] == "mine"


def test_async_context_processor_fails_with_type_error() -> None:
    import gc

    async def processor(request: Request) -> dict[str, Any]:
        return {}

    templates = Jinja2Templates(directory=TEMPLATES_DIR, context_processors=[processor])
    client = TestClient(render_app(templates, "hello.html", {"name": "x"}))
    with pytest.warns(RuntimeWarning, match="was never awaited"):
        with pytest.raises(TypeError, match="'coroutine' object is not iterable"):
            client.get("/")
        gc.collect()
