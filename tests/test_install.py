"""Specification of scripts/install.py, run for every agent against a temporary HOME."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from skills_ref.validator import validate as skills_ref_validate

from scripts import install
from tests.test_skill import broken_links

ROOT = Path(__file__).resolve().parent.parent
USER_DIRS = {
    "claude": ".claude/skills/starlette",
    "cursor": ".cursor/skills/starlette",
    "windsurf": ".codeium/windsurf/skills/starlette",
    "codex": ".agents/skills/starlette",
}
PROJECT_DIRS = {
    "claude": ".claude/skills/starlette",
    "cursor": ".cursor/skills/starlette",
    "windsurf": ".windsurf/skills/starlette",
    "codex": ".agents/skills/starlette",
}


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run install.py's main() in-process (fast) with HOME pointed at `home`."""
    out, err = io.StringIO(), io.StringIO()
    with (
        mock.patch.dict(os.environ, {"HOME": str(home)}),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            code = install.main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def test_cli_runs_as_a_script_with_only_the_standard_library(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-I", str(ROOT / "scripts" / "install.py"), "--agent", "claude"],
        env={"HOME": str(tmp_path), "PATH": ""},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / USER_DIRS["claude"] / "SKILL.md").is_file()


def tree(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_payload_is_what_an_agent_reads_and_nothing_else() -> None:
    files = {p.as_posix() for p in install.payload()}
    assert {"SKILL.md", "LICENSE"} <= files
    assert {f"references/{p.name}" for p in (ROOT / "references").glob("*.md")} <= files
    assert not [f for f in files if f.split("/")[0] in {"tests", ".ci", "examples"}]
    assert not {"pyproject.toml", "uv.lock", "README.md", "scripts/sync_examples.py"} & files
    assert "scripts/install.py" not in files


@pytest.mark.parametrize("agent", USER_DIRS)
def test_user_level_install_for_each_agent(tmp_path: Path, agent: str) -> None:
    result = run(tmp_path, "--agent", agent)
    target = tmp_path / USER_DIRS[agent]
    assert result.returncode == 0, result.stderr
    assert f"installed {len(install.payload())} files into {target}" in result.stdout
    assert tree(target) == {p.as_posix() for p in install.payload()}
    assert tree(tmp_path) == {f"{USER_DIRS[agent]}/{f}" for f in tree(target)}, "wrote elsewhere"


@pytest.mark.parametrize("agent", PROJECT_DIRS)
def test_project_level_install_for_each_agent(tmp_path: Path, agent: str) -> None:
    home, project = tmp_path / "home", tmp_path / "project"
    home.mkdir()
    project.mkdir()
    assert run(home, "--agent", agent, "--project", str(project)).returncode == 0
    assert (project / PROJECT_DIRS[agent] / "SKILL.md").is_file()
    assert not any(home.iterdir()), "a project install must not touch HOME"


def test_all_agents_share_a_folder_only_once(tmp_path: Path) -> None:
    result = run(tmp_path, "--agent", "all", "--project", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("installed") == len(set(PROJECT_DIRS.values()))


def test_installed_copy_passes_the_validator_and_its_links_resolve(tmp_path: Path) -> None:
    assert run(tmp_path, "--agent", "claude").returncode == 0
    target = tmp_path / USER_DIRS["claude"]
    assert skills_ref_validate(target) == []  # the library behind `agentskills validate`
    broken = [
        b
        for md in [target / "SKILL.md", *target.glob("references/*.md")]
        for b in broken_links(md, target)
    ]
    assert not broken, "\n".join(broken)


def test_dry_run_changes_nothing(tmp_path: Path) -> None:
    result = run(tmp_path, "--agent", "all", "--dry-run")
    assert result.returncode == 0
    assert "would install" in result.stdout
    assert not any(tmp_path.iterdir())


def test_reinstall_over_own_install_replaces_it(tmp_path: Path) -> None:
    assert run(tmp_path, "--agent", "claude").returncode == 0
    stale = tmp_path / USER_DIRS["claude"] / "references" / "removed-topic.md"
    stale.write_text("# old\n")
    assert run(tmp_path, "--agent", "claude").returncode == 0
    assert not stale.exists()


def test_refuses_to_overwrite_a_different_skill_of_the_same_name(tmp_path: Path) -> None:
    other = tmp_path / USER_DIRS["claude"]
    other.mkdir(parents=True)
    (other / "SKILL.md").write_text("---\nname: starlette\ndescription: someone else's\n---\n")
    result = run(tmp_path, "--agent", "claude")
    assert result.returncode == 1
    assert "was not installed by this script" in result.stderr
    assert tree(other) == {"SKILL.md"}
    assert run(tmp_path, "--agent", "claude", "--force").returncode == 0
    assert (other / "references").is_dir()


def test_refuses_before_touching_any_folder(tmp_path: Path) -> None:
    other = tmp_path / USER_DIRS["windsurf"]
    other.mkdir(parents=True)
    assert run(tmp_path, "--agent", "all").returncode == 1
    assert not (tmp_path / USER_DIRS["claude"]).exists()


def test_refuses_to_write_through_a_symlinked_skill_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = tmp_path / USER_DIRS["claude"]
    link.parent.mkdir(parents=True)
    link.symlink_to(elsewhere)
    result = run(tmp_path, "--agent", "claude", "--force")
    assert result.returncode == 1
    assert "symlink" in result.stderr
    assert not any(elsewhere.iterdir())


def test_uninstall_removes_own_install_only(tmp_path: Path) -> None:
    assert run(tmp_path, "--agent", "codex").returncode == 0
    result = run(tmp_path, "--agent", "codex", "--uninstall")
    assert result.returncode == 0
    assert "removed" in result.stdout
    assert not (tmp_path / USER_DIRS["codex"]).exists()
    assert "nothing installed" in run(tmp_path, "--agent", "codex", "--uninstall").stdout

    other = tmp_path / USER_DIRS["codex"]
    other.mkdir(parents=True)
    (other / "SKILL.md").write_text("---\nname: starlette\n---\n")
    assert run(tmp_path, "--agent", "codex", "--uninstall").returncode == 1
    assert (other / "SKILL.md").exists()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run(tmp_path, "--agent", "emacs").returncode == 2
    assert run(tmp_path, "--agent", "claude", "--project", str(tmp_path / "nope")).returncode == 2


def test_claude_plugin_marketplace_lists_the_skill_with_existing_paths() -> None:
    data = json.loads((ROOT / ".claude-plugin" / "marketplace.json").read_text())
    assert re.fullmatch(r"[a-z0-9-]+", data["name"])
    assert data["owner"]["name"]
    (plugin,) = data["plugins"]
    assert plugin["name"] == "starlette" and plugin["description"]
    source = (ROOT / plugin["source"]).resolve()
    assert source.is_dir() and source.is_relative_to(ROOT)
    for skill in plugin["skills"]:
        skill_md = (source / skill / "SKILL.md").resolve()
        assert skill_md.is_file(), f"{skill} has no SKILL.md"
        assert re.search(r"^name: starlette$", skill_md.read_text(), re.MULTILINE)


def test_every_installed_file_gets_the_path_and_unicode_checks() -> None:
    from tests.test_skill import SHIPPED

    checked = {p.relative_to(ROOT) for p in SHIPPED}
    assert set(install.payload()) <= checked
