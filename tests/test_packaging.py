"""Release checks on the skill as agents install it: `npx skills add`, skill-check, and
Cisco's skill scanner. Slow (they install tools from npm and PyPI), so they are deselected by
default and run by `.ci/run` with `pytest -m packaging` (see README "Release checks").
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts import install
from tests.helpers import repository_files

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parent.parent
# skills >= 1.5 and skill-check want Node >= 22; machines here have Node 20, so the tests
# take Node 22 from the npm registry (the `node` package ships the binary).
NODE_PACKAGES = ("node@22", "skills@1.7.4", "skill-check@1.2.0")
SCANNER = "cisco-ai-skill-scanner==2.3.2"
SEVERITIES = ("INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL")
SKILLS_ADD_DIRS = {  # where `skills add -g` put each agent's copy (skills 1.7.4)
    "claude-code": ".claude/skills/starlette",
    "cursor": ".agents/skills/starlette",
    "codex": ".agents/skills/starlette",
    "windsurf": ".codeium/windsurf/skills/starlette",
}


@pytest.fixture(scope="session")
def node_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed: the npx install and skill-check tests need Node")
    prefix = tmp_path_factory.mktemp("node")
    subprocess.run(
        [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", *NODE_PACKAGES],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return prefix / "node_modules" / ".bin"


def node_env(home: Path, node_bin: Path) -> dict[str, str]:
    return {
        "HOME": str(home),
        "PATH": f"{node_bin}{os.pathsep}{os.environ['PATH']}",
        "DISABLE_TELEMETRY": "1",
        "DO_NOT_TRACK": "1",
        "CI": "1",
    }


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The skill as scripts/install.py installs it for Claude Code."""
    home = tmp_path_factory.mktemp("home")
    folder = home / ".claude" / "skills" / "starlette"
    install.install(folder, install.payload(), install.ROOT, dry_run=False, force=False)
    return folder


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """The repository's files as a clone has them (tracked and new, not ignored)."""
    dest = tmp_path / "starlette-skill"
    for path in repository_files():
        target = dest / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return dest


def test_npx_skills_add_from_a_local_checkout_installs_for_each_agent(
    tmp_path: Path, node_bin: Path, checkout: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    agents = [arg for agent in SKILLS_ADD_DIRS for arg in ("-a", agent)]
    result = subprocess.run(
        [str(node_bin / "skills"), "add", str(checkout), "-g", *agents, "-y", "--copy"],
        cwd=home,
        env=node_env(home, node_bin),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for agent, rel in SKILLS_ADD_DIRS.items():
        skill = home / rel / "SKILL.md"
        assert skill.is_file(), f"{agent}: no {rel}/SKILL.md\n{result.stdout}"
        assert skill.read_text() == (ROOT / "SKILL.md").read_text()


def test_skill_check_passes_with_warnings_as_failures(installed: Path, node_bin: Path) -> None:
    # Its own security scan calls an LLM service; Cisco's scanner below covers security.
    result = subprocess.run(
        [
            str(node_bin / "skill-check"),
            "check",
            str(installed),
            "--fail-on-warning",
            "--no-security-scan",
            "--format",
            "json",
        ],
        env=node_env(installed.parent, node_bin),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_cisco_scanner_strict_policy_finds_nothing_at_low_or_above(
    installed: Path, tmp_path: Path
) -> None:
    uvx = shutil.which("uvx")
    assert uvx, "uvx (from the uv package) is needed to run the scanner"
    report = tmp_path / "scan.json"
    result = subprocess.run(
        [
            uvx,
            "--from",
            SCANNER,
            "skill-scanner",
            "scan",
            str(installed),
            "--policy",
            "strict",
            "--use-behavioral",
            "--format",
            "json",
            "--output-json",
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    findings = json.loads(report.read_text())["findings"]
    serious = [
        f"{f['severity']} {f['rule_id']} {f.get('file_path')}:{f.get('line_number')} {f['title']}"
        for f in findings
        if SEVERITIES.index(f["severity"].upper()) >= SEVERITIES.index("LOW")
    ]
    assert not serious, "\n".join(serious)
    documented = (ROOT / "README.md").read_text()
    undocumented = {
        f["rule_id"] for f in findings if not re.search(rf"`{f['rule_id']}`", documented)
    }
    assert not undocumented, f"INFO findings not explained in README: {sorted(undocumented)}"
