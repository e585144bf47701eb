#!/usr/bin/env python3
"""Install the `starlette` skill into a coding agent's skills folder (no Node needed).

Copies only what an agent reads or runs: SKILL.md, LICENSE, references/ and the agent-facing
scripts. examples/ stays behind: every example is already in references/ verbatim (the sync
check guarantees it), and strict skill scanners flag packages of more than 50 files. Tests,
CI files and maintainer scripts stay behind too.

    python scripts/install.py --agent claude               user level (~/.claude/skills)
    python scripts/install.py --agent all --project DIR    project level, every agent
    python scripts/install.py --agent cursor --dry-run     print what would be done
    python scripts/install.py --agent codex --uninstall    remove an install made by this script

Folders are the ones each agent documents (user level / project level; see --help).
An existing folder that this script did not install is left alone unless --force is given.
Exit codes: 0 done, 1 refused (existing different skill, unsafe path), 2 usage error.
Standard library only.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

SKILL_NAME = "starlette"
ROOT = Path(__file__).resolve().parent.parent
# Our SKILL.md carries this frontmatter line; a folder without it is someone else's skill.
OWNER_MARK = "source: starlette-skill"
AGENT_SCRIPTS = ("check_starlette.py",)
# agent -> (user-level skills folder relative to HOME, project-level folder relative to DIR)
AGENTS = {
    "claude": (".claude/skills", ".claude/skills"),
    "cursor": (".cursor/skills", ".cursor/skills"),
    "windsurf": (".codeium/windsurf/skills", ".windsurf/skills"),
    "codex": (".agents/skills", ".agents/skills"),
}


class Refused(Exception):
    """The install would overwrite something that is not ours, or leave the target."""


def payload(root: Path = ROOT) -> list[Path]:
    """Files to install, relative to the skill root, in a stable order."""
    files = [Path("SKILL.md"), Path("LICENSE")]
    files += sorted(p.relative_to(root) for p in (root / "references").glob("*.md"))
    files += [
        Path("scripts") / name for name in AGENT_SCRIPTS if (root / "scripts" / name).is_file()
    ]
    return files


def targets(agent: str, project: Path | None) -> list[Path]:
    """Skill folders for `agent` ("all" for every agent), without duplicates."""
    names = list(AGENTS) if agent == "all" else [agent]
    base = project if project is not None else Path.home()
    level = 1 if project is not None else 0
    found: list[Path] = []
    for name in names:
        folder = (base / AGENTS[name][level] / SKILL_NAME).absolute()
        if folder not in found:
            found.append(folder)
    return found


def is_ours(folder: Path) -> bool:
    skill = folder / "SKILL.md"
    if not skill.is_file():
        return False
    head = skill.read_text(encoding="utf-8", errors="replace").split("\n---", 1)[0]
    return any(line.strip() == OWNER_MARK for line in head.splitlines())


def check_target(folder: Path, force: bool) -> None:
    if folder.is_symlink():
        raise Refused(f"{folder} is a symlink; refusing to write through it")
    if folder.exists() and not is_ours(folder) and not force:
        raise Refused(
            f"{folder} exists and was not installed by this script "
            "(a different skill of the same name?); use --force to replace it"
        )


def install(folder: Path, files: list[Path], root: Path, dry_run: bool, force: bool) -> None:
    check_target(folder, force)
    for rel in files:
        dest = (folder / rel).resolve()
        if not dest.is_relative_to(folder.resolve()):
            raise Refused(f"{rel} would be written outside {folder}")
    verb = "would install" if dry_run else "installed"
    if not dry_run:
        if folder.exists():
            shutil.rmtree(folder)
        for rel in files:
            dest = folder / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / rel, dest)
    print(f"{verb} {len(files)} files into {folder}")


def uninstall(folder: Path, dry_run: bool, force: bool) -> None:
    if not folder.exists():
        print(f"nothing installed at {folder}")
        return
    check_target(folder, force)
    if not dry_run:
        shutil.rmtree(folder)
    print(f"{'would remove' if dry_run else 'removed'} {folder}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(f"  {a:9} ~/{u}  |  DIR/{p}" for a, (u, p) in AGENTS.items()),
    )
    parser.add_argument("--agent", required=True, choices=[*AGENTS, "all"])
    parser.add_argument("--project", type=Path, help="install into project DIR, not HOME")
    parser.add_argument("--dry-run", action="store_true", help="print, change nothing")
    parser.add_argument("--uninstall", action="store_true", help="remove the installed skill")
    parser.add_argument("--force", action="store_true", help="replace a folder not made by us")
    args = parser.parse_args(argv)
    if args.project is not None and not args.project.is_dir():
        parser.error(f"--project {args.project} is not a directory")

    files = payload()
    folders = targets(args.agent, args.project)
    try:
        for folder in folders:  # refuse before touching any folder
            if folder.exists() or folder.is_symlink():
                check_target(folder, args.force)
        for folder in folders:
            if args.uninstall:
                uninstall(folder, args.dry_run, args.force)
            else:
                install(folder, files, ROOT, args.dry_run, args.force)
    except Refused as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
