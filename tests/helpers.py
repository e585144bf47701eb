"""Small helpers shared by several test modules."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def import_fresh(monkeypatch: pytest.MonkeyPatch, module_name: str, **env: str) -> ModuleType:
    """Import a module anew with `env` set: for examples that read their config at import
    time. The previous module (if any) is restored when the test ends."""
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delitem(sys.modules, module_name, raising=False)
    return importlib.import_module(module_name)


def repository_files() -> list[Path]:
    """The files a clone of the repository has: tracked, plus new ones git does not ignore."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return [ROOT / rel for rel in listed if (ROOT / rel).is_file()]
