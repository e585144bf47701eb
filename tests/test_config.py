from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import starlette.config
from starlette.config import Config, Environ, EnvironError
from starlette.datastructures import CommaSeparatedStrings, Secret
from starlette.testclient import TestClient

from examples.config.config_app_factory import create_app

SETTINGS = "examples.config.settings_from_env"
SETTINGS_VARS = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "HTTPS_ONLY")


@pytest.fixture(autouse=True)
def forget_environ_reads() -> Iterator[None]:
    # Examples read os.environ through starlette.config.environ, which then refuses writes
    # to those keys for the rest of the process; do not leak that into other tests.
    before = set(starlette.config.environ._has_been_read)
    yield
    starlette.config.environ._has_been_read.intersection_update(before)


def load_settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> ModuleType:
    for name in SETTINGS_VARS:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    sys.modules.pop(SETTINGS, None)
    return importlib.import_module(SETTINGS)


# --- settings_from_env ------------------------------------------------------------------


def test_settings_app_serves_allowed_host(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(monkeypatch, SECRET_KEY="s3", ALLOWED_HOSTS="testserver, example.org")
    with TestClient(settings.app) as client:
        response = client.get("/")
    assert response.json() == {"debug": False, "allowed_hosts": ["testserver", "example.org"]}


def test_settings_app_rejects_unknown_host(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(monkeypatch, SECRET_KEY="s3", ALLOWED_HOSTS="example.org")
    with TestClient(settings.app) as client:
        response = client.get("/")
        assert client.post("/", headers={"host": "example.org"}).status_code == 405
    assert response.status_code == 400
    assert response.text == "Invalid host header"


def test_secret_repr_hides_the_value(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(monkeypatch, SECRET_KEY="hunter2")
    assert repr(settings.SECRET_KEY) == "Secret('**********')"
    assert "hunter2" not in f"{settings.SECRET_KEY!r} {[settings.SECRET_KEY]}"
    assert str(settings.SECRET_KEY) == "hunter2"


def test_missing_required_setting_fails_at_import(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(KeyError) as exc_info:
        load_settings(monkeypatch)
    assert exc_info.value.args[0] == "Config 'SECRET_KEY' is missing, and has no default."


def test_badly_cast_setting_fails_at_import(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError) as exc_info:
        load_settings(monkeypatch, SECRET_KEY="s3", DEBUG="yes")
    assert str(exc_info.value) == "Config 'DEBUG' has value 'yes'. Not a valid bool."


# --- config_app_factory -----------------------------------------------------------------


def test_factory_defaults_serve_items() -> None:
    with TestClient(create_app(Config(environ={}))) as client:
        assert client.get("/items?limit=3").json() == {"items": [0, 1, 2]}
        assert len(client.get("/items").json()["items"]) == 10


def test_factory_reads_prefixed_settings_from_environ() -> None:
    config = Config(environ={"APP_MAINTENANCE": "1", "MAINTENANCE": "0"}, env_prefix="APP_")
    with TestClient(create_app(config)) as client:
        assert client.get("/items").status_code == 503


@pytest.mark.parametrize("limit", ["0", "6", "-1", "abc", "1.5", ""])
def test_factory_rejects_bad_limit_with_400(limit: str) -> None:
    with TestClient(create_app(Config(environ={"MAX_PAGE_SIZE": "5"}))) as client:
        response = client.get("/items", params={"limit": limit})
    assert response.status_code == 400
    assert response.json() == {"error": "limit must be an integer from 1 to 5"}


def test_factory_unknown_route_and_method_are_4xx() -> None:
    with TestClient(create_app(Config(environ={}))) as client:
        assert client.get("/nope").status_code == 404
        assert client.post("/items").status_code == 405


def test_module_level_factory_app_uses_app_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APP_MAINTENANCE", "true")
    sys.modules.pop("examples.config.config_app_factory", None)
    module = importlib.import_module("examples.config.config_app_factory")
    with TestClient(module.app) as client:
        assert client.get("/items").status_code == 503


def test_bad_factory_setting_is_a_value_error() -> None:
    with pytest.raises(ValueError) as exc_info:
        create_app(Config(environ={"APP_MAX_PAGE_SIZE": "lots"}, env_prefix="APP_"))
    assert str(exc_info.value) == "Config 'APP_MAX_PAGE_SIZE' has value 'lots'. Not a valid int."


# --- environ ----------------------------------------------------------------------------


def test_dont_set_environ_after_read_raises_environ_error() -> None:
    sys.modules.pop("examples.config.dont_set_environ_after_read", None)
    with pytest.raises(EnvironError) as exc_info:
        importlib.import_module("examples.config.dont_set_environ_after_read")
    assert str(exc_info.value) == (
        "Attempting to set environ['DEBUG'], but the value has already been read."
    )


def test_environ_refuses_writes_and_deletes_after_a_read_even_of_a_missing_key() -> None:
    environ = Environ({"A": "1"})
    assert "B" not in environ  # a lookup of a missing key counts as a read
    environ["C"] = "set before any read is fine"
    environ["A"]
    with pytest.raises(EnvironError, match=r"set environ\['B'\]"):
        environ["B"] = "2"
    with pytest.raises(EnvironError, match=r"delete environ\['A'\]"):
        del environ["A"]


# --- casts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("true", True), ("True", True), ("TRUE", True), ("1", True), ("false", False), ("0", False)],
)
def test_bool_accepts_only_true_false_1_0_any_case(raw: str, expected: bool) -> None:
    assert Config(environ={"X": raw})("X", cast=bool) is expected


@pytest.mark.parametrize("raw", ["yes", "no", "on", "off", "", " true", "2"])
def test_bool_rejects_everything_else(raw: str) -> None:
    with pytest.raises(ValueError, match="Not a valid bool"):
        Config(environ={"X": raw})("X", cast=bool)


def test_default_is_cast_too_but_none_is_not() -> None:
    config = Config(environ={})
    assert config("PORT", cast=int, default="8000") == 8000
    assert config("PORT", cast=int, default=None) is None
    assert config("NAME", default=None) is None


def test_secret_is_falsy_when_empty() -> None:
    assert bool(Secret("x")) is True
    assert bool(Secret("")) is False


def test_comma_separated_strings_strip_spaces() -> None:
    hosts = Config(environ={"H": "a.org, b.org,c.org"})("H", cast=CommaSeparatedStrings)
    assert list(hosts) == ["a.org", "b.org", "c.org"]
    assert hosts[0] == "a.org" and len(hosts) == 3


def test_env_prefix_is_prepended_to_missing_key_message() -> None:
    with pytest.raises(KeyError) as exc_info:
        Config(environ={}, env_prefix="APP_")("DEBUG")
    assert exc_info.value.args[0] == "Config 'APP_DEBUG' is missing, and has no default."


# --- .env files -------------------------------------------------------------------------


def write_env(tmp_path: Path, text: str) -> Path:
    path = tmp_path / ".env"
    path.write_text(text, encoding="utf-8")
    return path


def test_environment_wins_over_file_which_wins_over_default(tmp_path: Path) -> None:
    env_file = write_env(tmp_path, "A=file\nB=file\n")
    config = Config(env_file, environ={"A": "env"})
    assert config("A") == "env"
    assert config("B", default="default") == "file"
    assert config("C", default="default") == "default"


def test_env_file_parsing_rules(tmp_path: Path) -> None:
    env_file = write_env(
        tmp_path,
        "# comment\nQUOTED=\"x y\"\nSINGLE='z'\n SPACED = v \nEQ=a=b\n"
        "INLINE=1 # not a comment\nexport EXPORTED=1\n",
    )
    config = Config(env_file, environ={})
    assert config("QUOTED") == "x y"
    assert config("SINGLE") == "z"
    assert config("SPACED") == "v"
    assert config("EQ") == "a=b"
    assert config("INLINE") == "1 # not a comment"
    assert config("EXPORTED", default=None) is None
    assert config("export EXPORTED") == "1"


def test_env_file_is_read_once_at_construction(tmp_path: Path) -> None:
    env_file = write_env(tmp_path, "A=1\n")
    config = Config(env_file, environ={})
    env_file.write_text("A=2\n", encoding="utf-8")
    assert config("A") == "1"


def test_env_prefix_applies_to_file_keys(tmp_path: Path) -> None:
    env_file = write_env(tmp_path, "APP_K=prefixed\nK=plain\n")
    assert Config(env_file, environ={}, env_prefix="APP_")("K") == "prefixed"


def test_missing_env_file_warns(tmp_path: Path) -> None:
    missing = tmp_path / ".env"
    with pytest.warns(UserWarning) as record:
        Config(missing, environ={})
    assert str(record[0].message) == f"Config file '{missing}' not found."


def test_encoding_reads_non_utf8_files(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_bytes("NAME=caf\xe9\n".encode("latin-1"))
    assert Config(env_file, environ={}, encoding="latin-1")("NAME") == "caf\xe9"
    with pytest.raises(UnicodeDecodeError):
        Config(env_file, environ={})


@pytest.mark.starlette("1.10")
def test_only_one_matching_pair_of_quotes_is_stripped(tmp_path: Path) -> None:
    env_file = write_env(tmp_path, 'MISMATCHED="q\'\nDOUBLED=""x""\nAPOS="it\'s"\n')
    config = Config(env_file, environ={})
    assert config("MISMATCHED") == "\"q'"
    assert config("DOUBLED") == '"x"'
    assert config("APOS") == "it's"


@pytest.mark.starlette("1.0", before="1.10")
def test_before_1_10_every_outer_quote_is_stripped(tmp_path: Path) -> None:
    env_file = write_env(tmp_path, 'MISMATCHED="q\'\nDOUBLED=""x""\nAPOS="it\'s"\n')
    config = Config(env_file, environ={})
    assert config("MISMATCHED") == "q"
    assert config("DOUBLED") == "x"
    assert config("APOS") == "it's"


def test_unprefixed_variable_is_ignored_with_env_prefix() -> None:
    config = Config(environ={"MAINTENANCE": "1"}, env_prefix="APP_")
    with TestClient(create_app(config)) as client:
        assert client.get("/items").status_code == 200


def test_any_callable_cast_errors_become_value_error() -> None:
    def port(value: str) -> int:
        raise TypeError("nope")

    with pytest.raises(ValueError) as exc_info:
        Config(environ={"P": "x"})("P", cast=port)
    assert str(exc_info.value) == "Config 'P' has value 'x'. Not a valid port."
    assert Config(environ={"P": "/srv"})("P", cast=Path) == Path("/srv")
