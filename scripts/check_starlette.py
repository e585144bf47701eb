#!/usr/bin/env python3
"""Find pre-1.0 and deprecated Starlette APIs in a project, without importing it.

Usage:
    python scripts/check_starlette.py PATH... [--json] [--fix] [--target 1.N]

Reads every ``*.py`` file under each PATH (a file given by name is read whatever its
suffix), parses it with ``ast`` and reports, one line each:

    path:line:col: SLnnn message (fix: ...)

Rules (see references/migration.md "Upgrade checker rules"):

    SL001  file does not parse
    SL101  Starlette()/Router() on_startup= / on_shutdown=           removed in 1.0
    SL102  .on_event()                                              removed in 1.0
    SL103  .add_event_handler()                                     removed in 1.0
    SL104  Router.startup() / Router.shutdown()                     removed in 1.0
    SL105  @app.route() decorator                                   removed in 1.0
    SL106  @app.websocket_route() / Starlette.add_websocket_route() removed in 1.0
    SL107  @app.exception_handler() decorator                       removed in 1.0
    SL108  @app.middleware("http") decorator                        removed in 1.0
    SL109  starlette.routing.iscoroutinefunction_or_partial         removed in 1.0
    SL110  Jinja2Templates(**env_options)                           removed in 1.0
    SL111  TemplateResponse(name, {"request": request})             removed in 1.0  [fixable]
    SL112  FileResponse(method=...)                                 removed in 1.0  [fixable]
    SL201  HTTP_413/414/416/422 old status names                    deprecated     [fixable]
    SL202  generator function passed as lifespan                    deprecated     [fixable: async]
    SL203  starlette.middleware.wsgi                                deprecated
    SL204  starlette.concurrency.run_until_first_complete           deprecated
    SL205  TestClient request with timeout=                         deprecated
    SL206  starlette.formparsers.FormMessage                        deprecated in 1.10
    SL207  httpx imported next to TestClient                        httpx2 since 1.2
    SL301  middleware=[SomeMiddleware] without Middleware(...)      TypeError
    SL302  FastAPI decorator (@app.get, ...) on a Starlette app     AttributeError
    SL303  FastAPI-only keyword on Route (response_model=, ...)     TypeError
    SL304  API removed before 1.0 (UJSONResponse, graphql, ...)     ImportError    [fixable: one]
    SL305  TestClient request with allow_redirects=                 TypeError      [fixable]

--fix rewrites only SL111 (literal context dict), SL112, SL201, SL202 (async generators),
SL304 (ExceptionMiddleware import path) and SL305, edits nothing else in the file, and is
idempotent; the rest is reported. --target 1.N skips rules that do not apply to release
1.N yet (default: the newest rules). Exit status: 0 clean, 1 findings, 2 usage error or
unreadable input. Standard library only; the checked code is never imported or run.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

SKIP_DIRS = {
    ".git",
    ".hg",
    ".venv",
    "venv",
    "__pycache__",
    "node_modules",
    "site-packages",
    ".tox",
    ".nox",
    "build",
    "dist",
}

# code: (first release the rule applies to, short title)
RULES: dict[str, tuple[tuple[int, int], str]] = {
    "SL001": ((1, 0), "file does not parse"),
    "SL101": ((1, 0), "on_startup/on_shutdown parameters removed"),
    "SL102": ((1, 0), "on_event() removed"),
    "SL103": ((1, 0), "add_event_handler() removed"),
    "SL104": ((1, 0), "Router.startup()/shutdown() removed"),
    "SL105": ((1, 0), "route() decorator removed"),
    "SL106": ((1, 0), "websocket_route() decorator and Starlette.add_websocket_route() removed"),
    "SL107": ((1, 0), "exception_handler() decorator removed"),
    "SL108": ((1, 0), "middleware() decorator removed"),
    "SL109": ((1, 0), "iscoroutinefunction_or_partial removed"),
    "SL110": ((1, 0), "Jinja2Templates **env_options removed"),
    "SL111": ((1, 0), "TemplateResponse(name, context) signature removed"),
    "SL112": ((1, 0), "FileResponse method= removed"),
    "SL201": ((1, 0), "deprecated status code name"),
    "SL202": ((1, 0), "generator lifespan deprecated"),
    "SL203": ((1, 0), "WSGIMiddleware deprecated"),
    "SL204": ((1, 0), "run_until_first_complete deprecated"),
    "SL205": ((1, 0), "TestClient timeout= deprecated"),
    "SL206": ((1, 10), "FormMessage deprecated"),
    "SL207": ((1, 2), "TestClient uses httpx2"),
    "SL301": ((1, 0), "middleware class not wrapped in Middleware()"),
    "SL302": ((1, 0), "FastAPI route decorator on a Starlette app"),
    "SL303": ((1, 0), "FastAPI-only keyword on a Starlette route"),
    "SL304": ((1, 0), "API removed before 1.0"),
    "SL305": ((1, 0), "allow_redirects= is not a TestClient argument"),
}
NEWEST_TARGET = max(since for since, _ in RULES.values())

STARLETTE = "starlette.applications.Starlette"
ROUTER = "starlette.routing.Router"
TESTCLIENT = "starlette.testclient.TestClient"
STATUS_RENAMES = {
    "HTTP_413_REQUEST_ENTITY_TOO_LARGE": "HTTP_413_CONTENT_TOO_LARGE",
    "HTTP_414_REQUEST_URI_TOO_LONG": "HTTP_414_URI_TOO_LONG",
    "HTTP_416_REQUESTED_RANGE_NOT_SATISFIABLE": "HTTP_416_RANGE_NOT_SATISFIABLE",
    "HTTP_422_UNPROCESSABLE_ENTITY": "HTTP_422_UNPROCESSABLE_CONTENT",
}
CLIENT_METHODS = {"get", "post", "put", "patch", "delete", "head", "options", "request", "stream"}
FASTAPI_DECORATORS = {
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "options",
    "trace",
    "api_route",
    "websocket",
    "include_router",
    "add_api_route",
}
FASTAPI_ROUTE_KEYWORDS = {
    "response_model",
    "dependencies",
    "status_code",
    "tags",
    "summary",
    "description",
    "response_class",
    "responses",
    "deprecated",
    "operation_id",
}
TEMPLATE_KEYWORDS = {"directory", "context_processors", "env"}
REMOVED_BEFORE_1_0 = {
    "starlette.responses.UJSONResponse": "use JSONResponse, or subclass it with render() for ujson",
    "starlette.graphql": "GraphQL support was removed in 0.17; mount a GraphQL ASGI app instead",
    "starlette.exceptions.ExceptionMiddleware": "import it from starlette.middleware.exceptions",
}


@dataclass
class Edit:
    start: int  # character offsets in the source text
    end: int
    text: str


@dataclass
class Finding:
    path: str
    line: int
    col: int
    code: str
    message: str
    fix: str
    edits: list[Edit] = field(default_factory=list)

    @property
    def fixable(self) -> bool:
        return bool(self.edits)

    def render(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message} (fix: {self.fix})"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "message": self.message,
            "fix": self.fix,
            "fixable": self.fixable,
        }


class Source:
    """Maps ast (line, utf-8 byte column) positions to character offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))

    def offset(self, line: int, col: int) -> int:
        raw = self.lines[line - 1].encode("utf-8")[:col]
        return self.starts[line - 1] + len(raw.decode("utf-8", errors="replace"))

    def start(self, node: ast.AST) -> int:
        return self.offset(node.lineno, node.col_offset)  # type: ignore[attr-defined]

    def end(self, node: ast.AST) -> int:
        return self.offset(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]

    def segment(self, node: ast.AST) -> str:
        return self.text[self.start(node) : self.end(node)]


class Checker(ast.NodeVisitor):
    def __init__(self, path: str, text: str, tree: ast.Module) -> None:
        self.path = path
        self.src = Source(text)
        self.tree = tree
        self.findings: list[Finding] = []
        self.aliases: dict[str, str] = {}  # local name -> qualified name
        self.imports_starlette = False
        self.imports_fastapi = False
        self.imports_httpx: ast.AST | None = None
        self.uses_testclient = False
        self.app_classes = {STARLETTE}
        self.router_classes = {ROUTER}
        self.apps: set[str] = set()
        self.routers: set[str] = set()
        self.clients: set[str] = set()
        self.others: set[str] = set()  # FastAPI apps and routers: their API differs
        self.functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        self.decorators: set[int] = set()
        self.str_names: set[str] = set()  # variables assigned a string literal
        self.request_dicts: set[str] = set()  # variables assigned {"request": ...}
        self._collect()

    # -- first pass: imports, classes, instances -------------------------------------
    def _collect(self) -> None:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    self._note_module(alias.name, node)
                    if alias.asname:
                        self.aliases[alias.asname] = alias.name
                    else:
                        top = alias.name.split(".")[0]
                        self.aliases[top] = top
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                self._note_module(node.module, node)
                for alias in node.names:
                    self.aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        for node in ast.walk(self.tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.decorators.update(id(d) for d in node.decorator_list)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.setdefault(node.name, node)
        # Subclasses first, so "class App(Starlette)" then "app = App()" is an app.
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ClassDef):
                bases = {self.qualname(base) for base in node.bases}
                if bases & self.app_classes:
                    self.app_classes.add(node.name)
                if bases & self.router_classes:
                    self.router_classes.add(node.name)
        for node in ast.walk(self.tree):
            targets: list[ast.expr] = []
            value: ast.expr | None = None
            if isinstance(node, ast.Assign):
                targets, value = node.targets, node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                targets, value = [node.target], node.value
            elif isinstance(node, ast.withitem) and node.optional_vars is not None:
                targets, value = [node.optional_vars], node.context_expr
            elif isinstance(node, ast.arg) and node.annotation is not None:
                self._bind(node.arg, self.qualname(node.annotation))
                continue
            names = [target.id for target in targets if isinstance(target, ast.Name)]
            if isinstance(value, ast.Call):
                kind = self.qualname(value.func)
                for name in names:
                    self._bind(name, kind)
            elif _is_str(value):
                self.str_names.update(names)
            elif _has_request_key(value):
                self.request_dicts.update(names)

    def _note_module(self, module: str, node: ast.AST) -> None:
        top = module.split(".")[0]
        if top == "starlette":
            self.imports_starlette = True
            if module.startswith("starlette.testclient"):
                self.uses_testclient = True
        elif top == "fastapi":
            self.imports_fastapi = True
            if module.startswith("fastapi.testclient"):
                self.uses_testclient = True
        elif module == "httpx" and self.imports_httpx is None:
            self.imports_httpx = node

    def _bind(self, name: str, kind: str | None) -> None:
        if kind in self.app_classes:
            self.apps.add(name)
        elif kind in self.router_classes:
            self.routers.add(name)
        elif kind in {TESTCLIENT, "fastapi.testclient.TestClient"}:
            self.clients.add(name)
        elif kind and kind.startswith("fastapi."):
            self.others.add(name)

    def qualname(self, node: ast.AST) -> str | None:
        if isinstance(node, ast.Name):
            if node.id in self.app_classes or node.id in self.router_classes:
                if node.id not in self.aliases:
                    return node.id  # a subclass defined in this file
            return self.aliases.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self.qualname(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    def receiver(self, node: ast.expr) -> str:
        """'app', 'router', 'client', 'other' or 'unknown' for the object a method is called on."""
        if isinstance(node, ast.Name):
            for kind, names in (
                ("app", self.apps),
                ("router", self.routers),
                ("client", self.clients),
                ("other", self.others),
            ):
                if node.id in names:
                    return kind
            imported = self.aliases.get(node.id, "")
            if imported.split(".")[0] in {"starlette", "fastapi"}:
                return "other"  # a module or class, not an instance
        if isinstance(node, ast.Attribute) and node.attr == "router":
            if self.receiver(node.value) == "app":
                return "router"
        if isinstance(node, ast.Call):
            kind = self.qualname(node.func)
            if kind in self.app_classes:
                return "app"
            if kind in self.router_classes:
                return "router"
            if kind == TESTCLIENT:
                return "client"
        return "unknown"

    def app_like(self, node: ast.expr, decorator: bool) -> bool:
        kind = self.receiver(node)
        if kind in {"app", "router"}:
            return True
        # An unknown object used as a decorator in a Starlette (not FastAPI) module.
        return (
            kind == "unknown" and decorator and self.imports_starlette and not self.imports_fastapi
        )

    # -- reporting --------------------------------------------------------------------
    def report(
        self, node: ast.AST, code: str, message: str, fix: str, edits: list[Edit] | None = None
    ) -> None:
        line = node.lineno  # type: ignore[attr-defined]
        col = len(
            self.src.lines[line - 1].encode("utf-8")[: node.col_offset].decode("utf-8", "replace")  # type: ignore[attr-defined]
        )
        self.findings.append(Finding(self.path, line, col + 1, code, message, fix, edits or []))

    def delete_keyword(self, call: ast.Call, keyword: ast.keyword) -> list[Edit]:
        args: list[ast.AST] = [*call.args, *call.keywords]
        args.sort(key=lambda n: (n.lineno, n.col_offset))  # type: ignore[attr-defined]
        index = args.index(keyword)
        if index > 0:
            return [Edit(self.src.end(args[index - 1]), self.src.end(keyword), "")]
        if len(args) > 1:
            return [Edit(self.src.start(keyword), self.src.start(args[1]), "")]
        return [Edit(self.src.start(keyword), self.src.end(call) - 1, "")]

    # -- visitors ---------------------------------------------------------------------
    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level == 0 and module == "starlette.middleware.wsgi":
            self.report(
                node,
                "SL203",
                "starlette.middleware.wsgi is deprecated and warns on import",
                "mount the WSGI app with a2wsgi's WSGIMiddleware",
            )
        if node.level == 0 and module == "starlette.graphql":
            self.report(
                node, "SL304", "starlette.graphql does not exist in 1.x", REMOVED_BEFORE_1_0[module]
            )
        for alias in node.names if node.level == 0 else []:
            full = f"{module}.{alias.name}"
            if full == "starlette.routing.iscoroutinefunction_or_partial":
                self.report(
                    alias,
                    "SL109",
                    "iscoroutinefunction_or_partial was removed from starlette.routing in 1.0",
                    "use inspect.iscoroutinefunction(), which unwraps functools.partial",
                )
            elif full == "starlette.concurrency.run_until_first_complete":
                self.report(
                    alias,
                    "SL204",
                    "run_until_first_complete is deprecated",
                    "use an anyio task group and cancel its scope when the first task returns",
                )
            elif full == "starlette.formparsers.FormMessage":
                self.report(
                    alias, "SL206", "FormMessage is deprecated since 1.10 and unused", "drop it"
                )
            elif full in REMOVED_BEFORE_1_0:
                edits = []
                if full.endswith("ExceptionMiddleware") and len(node.names) == 1:
                    start = self.src.start(node)
                    segment = self.src.segment(node)
                    at = segment.find("starlette.exceptions")
                    edits = [
                        Edit(
                            start + at,
                            start + at + len("starlette.exceptions"),
                            "starlette.middleware.exceptions",
                        )
                    ]
                self.report(
                    alias,
                    "SL304",
                    f"{alias.name} does not exist in {module} in 1.x",
                    REMOVED_BEFORE_1_0[full],
                    edits,
                )
            elif module == "starlette.status" and alias.name in STATUS_RENAMES:
                new = STATUS_RENAMES[alias.name]
                edits = [self._rename_alias(alias, new)]
                if alias.asname is None:
                    edits += [
                        Edit(self.src.start(name), self.src.end(name), new)
                        for name in ast.walk(self.tree)
                        if isinstance(name, ast.Name) and name.id == alias.name
                    ]
                self.report(alias, "SL201", f"{alias.name} is deprecated", f"use {new}", edits)
        self.generic_visit(node)

    def _rename_alias(self, alias: ast.alias, new: str) -> Edit:
        start = self.src.start(alias)
        return Edit(start, start + len(alias.name), new)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name == "starlette.middleware.wsgi":
                self.report(
                    alias,
                    "SL203",
                    "starlette.middleware.wsgi is deprecated and warns on import",
                    "mount the WSGI app with a2wsgi's WSGIMiddleware",
                )
            elif alias.name == "starlette.graphql":
                self.report(
                    alias,
                    "SL304",
                    "starlette.graphql does not exist in 1.x",
                    REMOVED_BEFORE_1_0[alias.name],
                )

    def visit_Attribute(self, node: ast.Attribute) -> None:
        full = self.qualname(node)
        if full and full.startswith("starlette.status.") and node.attr in STATUS_RENAMES:
            new = STATUS_RENAMES[node.attr]
            end = self.src.end(node)
            edit = Edit(end - len(node.attr), end, new)
            self.report(node, "SL201", f"{node.attr} is deprecated", f"use {new}", [edit])
        elif full == "starlette.routing.iscoroutinefunction_or_partial":
            self.report(
                node,
                "SL109",
                "iscoroutinefunction_or_partial was removed from starlette.routing in 1.0",
                "use inspect.iscoroutinefunction(), which unwraps functools.partial",
            )
        elif full == "starlette.concurrency.run_until_first_complete":
            self.report(
                node,
                "SL204",
                "run_until_first_complete is deprecated",
                "use an anyio task group and cancel its scope when the first task returns",
            )
        elif full in REMOVED_BEFORE_1_0:
            self.report(node, "SL304", f"{full} does not exist in 1.x", REMOVED_BEFORE_1_0[full])
        elif node.attr in {"startup", "shutdown"} and self._is_router(node.value):
            self.report(
                node,
                "SL104",
                f"Router.{node.attr}() was removed in 1.0",
                "enter the app's lifespan (e.g. `with TestClient(app):`) instead",
            )
        self.generic_visit(node)

    def _is_router(self, node: ast.expr) -> bool:
        if self.receiver(node) == "router":
            return True
        # `app.router` where `app` comes from another module of a Starlette project.
        return (
            isinstance(node, ast.Attribute)
            and node.attr == "router"
            and self.receiver(node.value) == "unknown"
            and self.imports_starlette
            and not self.imports_fastapi
        )

    def visit_Call(self, node: ast.Call) -> None:
        target = self.qualname(node.func)
        decorator = id(node) in self.decorators
        if target in self.app_classes or target in self.router_classes:
            self._check_app_call(node)
        elif target == "starlette.responses.FileResponse":
            for kw in node.keywords:
                if kw.arg == "method":
                    self.report(
                        kw,
                        "SL112",
                        "FileResponse() no longer accepts method= (removed in 1.0)",
                        "delete the argument; HEAD is handled automatically",
                        self.delete_keyword(node, kw),
                    )
        elif target == "starlette.templating.Jinja2Templates":
            extra = [
                kw for kw in node.keywords if kw.arg is not None and kw.arg not in TEMPLATE_KEYWORDS
            ]
            if extra or any(kw.arg is None for kw in node.keywords):
                names = ", ".join(kw.arg or "**" for kw in extra) or "**"
                self.report(
                    node,
                    "SL110",
                    f"Jinja2Templates() no longer accepts Jinja options ({names}) since 1.0",
                    "pass env=jinja2.Environment(loader=..., autoescape=select_autoescape(), ...)",
                )
        elif target in {"starlette.routing.Route", "starlette.routing.WebSocketRoute"}:
            for kw in node.keywords:
                if kw.arg in FASTAPI_ROUTE_KEYWORDS:
                    self.report(
                        kw,
                        "SL303",
                        f"{kw.arg}= is a FastAPI option; Starlette's Route() rejects it",
                        "return the Response you want from the endpoint; validate input yourself",
                    )
        if isinstance(node.func, ast.Attribute):
            self._check_method(node, node.func, decorator)
        self.generic_visit(node)

    def _check_app_call(self, node: ast.Call) -> None:
        for kw in node.keywords:
            if kw.arg in {"on_startup", "on_shutdown"}:
                self.report(
                    kw,
                    "SL101",
                    f"{kw.arg}= was removed in 1.0 (TypeError)",
                    "pass lifespan=an @asynccontextmanager function",
                )
            elif kw.arg == "lifespan" and isinstance(kw.value, ast.Name):
                self._check_lifespan(kw.value.id)
            elif kw.arg == "middleware" and isinstance(kw.value, (ast.List, ast.Tuple)):
                for element in kw.value.elts:
                    name = self.qualname(element) or ""
                    if isinstance(element, (ast.Name, ast.Attribute)) and name.endswith(
                        "Middleware"
                    ):
                        self.report(
                            element,
                            "SL301",
                            "middleware= takes Middleware(cls, **options) entries, not classes",
                            f"wrap it: Middleware({self.src.segment(element)})",
                        )

    def _check_lifespan(self, name: str) -> None:
        func = self.functions.get(name)
        if func is None or func.decorator_list:
            return
        if not any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in _own_nodes(func)):
            return
        edits: list[Edit] = []
        if isinstance(func, ast.AsyncFunctionDef):
            decorator = "asynccontextmanager"
            imported = {q: local for local, q in self.aliases.items()}
            if "contextlib.asynccontextmanager" in imported:
                decorator = imported["contextlib.asynccontextmanager"]
            elif imported.get("contextlib") == "contextlib":
                decorator = "contextlib.asynccontextmanager"
            else:
                edits.append(
                    Edit(
                        *[self._import_offset()] * 2, "from contextlib import asynccontextmanager\n"
                    )
                )
            line_start = self.src.starts[func.lineno - 1]
            indent = " " * func.col_offset
            edits.append(Edit(line_start, line_start, f"{indent}@{decorator}\n"))
            fix = "decorate it with @contextlib.asynccontextmanager"
        else:
            fix = "make it an async def decorated with @contextlib.asynccontextmanager"
        self.report(
            func, "SL202", f"generator function lifespans are deprecated ({name})", fix, edits
        )

    def _import_offset(self) -> int:
        body = self.tree.body
        index = 0
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            index = 1
        while (
            index < len(body)
            and isinstance(body[index], ast.ImportFrom)
            and body[index].module == "__future__"
        ):
            index += 1
        if index < len(body):
            first = body[index]
            decorators = getattr(first, "decorator_list", [])
            line = min([first.lineno, *(d.lineno for d in decorators)])
            return self.src.starts[line - 1]
        return len(self.src.text)

    def _check_method(self, node: ast.Call, func: ast.Attribute, decorator: bool) -> None:
        method, receiver = func.attr, func.value
        if method == "on_event" and self.app_like(receiver, decorator):
            self.report(
                node,
                "SL102",
                "on_event() was removed in 1.0",
                "move startup/shutdown code into a lifespan",
            )
        elif method == "add_event_handler" and (self.app_like(receiver, True)):
            self.report(
                node,
                "SL103",
                "add_event_handler() was removed in 1.0",
                "move startup/shutdown code into a lifespan",
            )
        elif method == "route" and self.app_like(receiver, decorator):
            self.report(
                node,
                "SL105",
                "the route() decorator was removed in 1.0",
                "list Route(path, endpoint) in routes=",
            )
        elif method == "websocket_route" and self.app_like(receiver, decorator):
            self.report(
                node,
                "SL106",
                "the websocket_route() decorator was removed in 1.0",
                "list WebSocketRoute(path, endpoint) in routes=",
            )
        elif method == "add_websocket_route" and self.receiver(receiver) == "app":
            self.report(
                node,
                "SL106",
                "Starlette.add_websocket_route() was removed in 1.0",
                "list WebSocketRoute(path, endpoint) in routes=",
            )
        elif method == "exception_handler" and self.app_like(receiver, decorator):
            self.report(
                node,
                "SL107",
                "the exception_handler() decorator was removed in 1.0",
                "pass exception_handlers={ExcOrStatus: handler} to Starlette()",
            )
        elif method == "middleware" and self.app_like(receiver, decorator):
            self.report(
                node,
                "SL108",
                "the middleware() decorator was removed in 1.0",
                "pass middleware=[Middleware(BaseHTTPMiddleware, dispatch=func)]",
            )
        elif method in FASTAPI_DECORATORS and self.receiver(receiver) in {"app", "router"}:
            self.report(
                node,
                "SL302",
                f"Starlette has no .{method}(); that is FastAPI",
                "list Route(path, endpoint, methods=[...]) in routes=",
            )
        elif method == "TemplateResponse":
            self._check_template_response(node)
        if method in CLIENT_METHODS and self.receiver(receiver) == "client":
            for kw in node.keywords:
                if kw.arg == "timeout":
                    self.report(
                        kw,
                        "SL205",
                        "timeout= on TestClient requests is deprecated and has no effect",
                        "drop it",
                    )
                elif kw.arg == "allow_redirects":
                    start = self.src.start(kw)
                    edit = Edit(start, start + len("allow_redirects"), "follow_redirects")
                    self.report(
                        kw,
                        "SL305",
                        "allow_redirects= is the requests spelling; TestClient raises TypeError",
                        "use follow_redirects=",
                        [edit],
                    )

    def _check_template_response(self, node: ast.Call) -> None:
        first = node.args[0] if node.args else None
        second = node.args[1] if len(node.args) > 1 else None
        old_positional = (
            _is_str(first)
            or (isinstance(first, ast.Name) and first.id in self.str_names)
            or _has_request_key(second)
            or (isinstance(second, ast.Name) and second.id in self.request_dicts)
        )
        keywords = {kw.arg for kw in node.keywords}
        old_keywords = not node.args and "name" in keywords and "request" not in keywords
        if not (old_positional or old_keywords):
            return
        edits: list[Edit] = []
        if _is_str(first) and isinstance(second, ast.Dict):
            edits = self._template_edits(node, first, second)
        self.report(
            node,
            "SL111",
            "TemplateResponse(name, context) was removed in 1.0; the request comes first",
            "TemplateResponse(request, name, context)",
            edits,
        )

    def _template_edits(self, call: ast.Call, name: ast.expr, context: ast.Dict) -> list[Edit]:
        keys = context.keys
        found = [
            i
            for i, key in enumerate(keys)
            if isinstance(key, ast.Constant) and key.value == "request"
        ]
        if len(found) != 1:
            return []
        i = found[0]
        request = self.src.segment(context.values[i])
        start = self.src.start(name)
        before = self.src.text[self.src.starts[name.lineno - 1] : start]
        # Keep one argument per line when the call is already written that way.
        separator = f",\n{before}" if before.strip() == "" and name.lineno != call.lineno else ", "
        edits = [Edit(start, start, f"{request}{separator}")]
        if len(keys) == 1:
            last = call.args[-1] is context and not call.keywords
            if last:
                edits.append(Edit(self.src.end(name), self.src.end(context), ""))
            else:
                edits.append(Edit(self.src.start(context), self.src.end(context), "{}"))
        elif i < len(keys) - 1:
            nxt = keys[i + 1]
            if nxt is None:  # "**other" follows: keys[i+1] has no node
                return []
            edits.append(Edit(self.src.start(keys[i]), self.src.start(nxt), ""))  # type: ignore[arg-type]
        else:
            edits.append(
                Edit(self.src.end(context.values[i - 1]), self.src.end(context.values[i]), "")
            )
        return edits

    def finish(self) -> None:
        if self.imports_httpx is not None and self.uses_testclient:
            self.report(
                self.imports_httpx,
                "SL207",
                "TestClient uses httpx2 since 1.2: its responses and errors are httpx2 types",
                "pip install httpx2 and use the httpx2 package in tests",
            )


def _is_str(node: ast.AST | None) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _has_request_key(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Dict) and any(
        isinstance(key, ast.Constant) and key.value == "request" for key in node.keys
    )


def _own_nodes(func: ast.AST):
    """Nodes of a function body, not descending into nested functions or classes."""
    stack = list(ast.iter_child_nodes(func))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))


def check_source(path: str, text: str, target: tuple[int, int] = NEWEST_TARGET) -> list[Finding]:
    try:
        tree = ast.parse(text, filename=path)
    except SyntaxError as exc:
        return [
            Finding(
                path,
                exc.lineno or 1,
                exc.offset or 1,
                "SL001",
                f"syntax error: {exc.msg}",
                "fix the syntax",
            )
        ]
    checker = Checker(path, text, tree)
    checker.visit(tree)
    checker.finish()
    found = [f for f in checker.findings if RULES[f.code][0] <= target]
    unique = {(f.line, f.col, f.code): f for f in found}
    return sorted(unique.values(), key=lambda f: (f.line, f.col, f.code))


def apply_edits(text: str, findings: list[Finding]) -> str:
    edits = {(e.start, e.end, e.text) for f in findings for e in f.edits}
    out, last = [], len(text) + 1
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        if end > last:
            continue  # overlaps an edit already taken; the next run picks it up
        out.append((start, end, new))
        last = start
    for start, end, new in out:
        text = text[:start] + new + text[end:]
    return text


def fix_source(path: str, text: str, target: tuple[int, int] = NEWEST_TARGET) -> tuple[str, int]:
    """Apply every mechanical fix until none is left; return the new text and fixes made."""
    fixed = 0
    for _ in range(10):
        findings = [f for f in check_source(path, text, target) if f.fixable]
        if not findings:
            break
        new = apply_edits(text, findings)
        try:
            ast.parse(new)
        except SyntaxError:  # pragma: no cover - a fix must never break a file
            break
        fixed += len(findings)
        text = new
    return text, fixed


def iter_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*.py")):
                parts = child.relative_to(path).parts[:-1]
                if not any(part in SKIP_DIRS or part.startswith(".") for part in parts):
                    files.append(child)
        else:
            files.append(path)
    return files


def parse_target(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"1\.(\d+)", value)
    if not match:
        raise argparse.ArgumentTypeError(f"expected a 1.x release such as 1.6, got {value!r}")
    return (1, int(match[1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="check_starlette.py",
        description="Report Starlette APIs removed in 1.0 or deprecated in 1.x (SLnnn rules).",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories to check")
    parser.add_argument("--json", action="store_true", help="print findings as JSON")
    parser.add_argument("--fix", action="store_true", help="apply the mechanical fixes in place")
    parser.add_argument(
        "--target",
        type=parse_target,
        default=NEWEST_TARGET,
        help="Starlette release the code must run on, e.g. 1.6 (default: newest rules)",
    )
    args = parser.parse_args(argv)

    findings: list[Finding] = []
    errors: list[str] = []
    fixed = 0
    files = iter_files(args.paths)
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(f"{path}: cannot read: {exc}")
            continue
        if args.fix:
            new, count = fix_source(str(path), text, args.target)
            if new != text:
                path.write_text(new, encoding="utf-8")
                fixed += count
            text = new
        findings.extend(check_source(str(path), text, args.target))

    if args.json:
        payload = {
            "findings": [f.as_dict() for f in findings],
            "errors": errors,
            "files": len(files),
            "fixed": fixed,
        }
        print(json.dumps(payload, indent=2))
    else:
        for finding in findings:
            print(finding.render())
        for error in errors:
            print(error, file=sys.stderr)
        if args.fix:
            print(f"fixed {fixed} finding(s); {len(findings)} left", file=sys.stderr)
    if errors:
        return 2
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
