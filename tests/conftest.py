"""Shared test configuration: the one version marker of DESIGN.md "Versions".

`@pytest.mark.starlette("1.6")` skips a test when the installed Starlette is older than
1.6, the release that added what the test checks. `@pytest.mark.starlette("1.0",
before="1.3.1")` runs a test only on releases older than 1.3.1, to pin what changed there.
Never compare versions in a test body.
"""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# An example that needs a newer release says so in its first lines, for the agent who
# copies it and for coverage: "# Requires Starlette >= 1.6."
REQUIRES_RE = re.compile(r"^# Requires Starlette >= (\d+\.\d+)", re.MULTILINE)

STARLETTE_VERSION = tuple(
    int(part) for part in importlib.metadata.version("starlette").split(".")[:3] if part.isdigit()
)


def parse_version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def starlette_at_least(version: str) -> bool:
    """True when the installed Starlette is at least `version` (e.g. "1.6")."""
    return STARLETTE_VERSION >= parse_version(version)


def examples_needing_newer_starlette() -> list[Path]:
    """Example files whose "Requires Starlette >= X" header the installed release fails."""
    found = []
    for path in sorted((ROOT / "examples").rglob("*.py")):
        match = REQUIRES_RE.search(path.read_text(encoding="utf-8")[:2000])
        if match and not starlette_at_least(match[1]):
            found.append(path)
    return found


def pytest_configure(config: pytest.Config) -> None:
    # Tests of a newer release's examples are skipped on older ones, so those files cannot
    # be covered there: leave them out of the report (the 100% rule still holds for the
    # rest, and for every file on the newest release).
    cov_plugin = config.pluginmanager.getplugin("_cov")
    controller = getattr(cov_plugin, "cov_controller", None)
    if controller is not None:
        skipped = [str(path) for path in examples_needing_newer_starlette()]
        # pytest-cov reports from a second Coverage object that combines the data files.
        for cov in (controller.cov, controller.combining_cov):
            if cov is not None:
                cov.config.report_omit = [*(cov.config.report_omit or []), *skipped]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for marker in item.iter_markers(name="starlette"):
            (version,) = marker.args
            before = marker.kwargs.get("before")
            installed = ".".join(map(str, STARLETTE_VERSION))
            if not starlette_at_least(version):
                reason = f"needs Starlette >= {version}, have {installed}"
                item.add_marker(pytest.mark.skip(reason=reason))
            elif before is not None and starlette_at_least(before):
                reason = f"shows behaviour before Starlette {before}, have {installed}"
                item.add_marker(pytest.mark.skip(reason=reason))


def pytest_report_header(config: pytest.Config) -> str:
    return f"starlette: {importlib.metadata.version('starlette')}"
