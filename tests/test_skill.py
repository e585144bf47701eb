"""The docs checks: the Markdown an agent reads is in sync, backed, linked and in budget.

Each test fails with a message naming the file and line to fix.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from scripts import sync_examples
from tests.helpers import repository_files

ROOT = Path(__file__).resolve().parent.parent
SKILL = ROOT / "SKILL.md"
MARKDOWN = sync_examples.markdown_files(ROOT)
REFERENCES = sorted((ROOT / "references").glob("*.md"))
EXAMPLES = sorted(p for p in (ROOT / "examples").rglob("*.py") if p.name != "__init__.py")
# Everything an installed skill contains, for the path and Unicode checks.
SHIPPED = sorted(
    p
    for p in [
        SKILL,
        ROOT / "README.md",
        ROOT / "LICENSE",
        *REFERENCES,
        *(ROOT / "scripts").rglob("*.py"),
    ]
    + [p for p in (ROOT / "examples").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    if p.is_file()
)
PYTHON_LANGS = {"python", "py", "python3", "pycon"}
# Keys allowed in SKILL.md frontmatter by the Agent Skills specification.
SPEC_KEYS = {"name", "description", "license", "compatibility", "metadata", "allowed-tools"}
DESCRIPTION_MAX = 350  # DESIGN.md budget (the spec allows 1024)
SKILL_MAX_LINES, SKILL_MAX_BYTES = 250, 16 * 1024
REFERENCE_MAX_BYTES = 24 * 1024
CONTENTS_FROM_LINES = 100


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def text_lines(path: Path) -> list[str]:
    try:
        return read(path).splitlines()
    except UnicodeDecodeError:
        return []


def frontmatter(text: str) -> tuple[dict, str]:
    match = re.match(r"\A---\n(.*?)\n---\n", text, re.DOTALL)
    assert match, "SKILL.md must start with '---' frontmatter closed by '---'"
    return yaml.safe_load(match[1]), match[1]


# --- sync and backing -------------------------------------------------------------------


def test_every_marked_block_is_in_sync_with_its_example() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/sync_examples.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_python_block_has_an_example_marker() -> None:
    unmarked = [
        f"{rel(md)}:{block.fence_line}: python block without <!-- example: ... --> marker"
        for md in MARKDOWN
        for block in sync_examples.parse_blocks(md, read(md))
        if block.lang.lower() in PYTHON_LANGS and block.marker is None
    ]
    assert not unmarked, "\n".join(unmarked)


def test_every_example_is_named_by_a_marker() -> None:
    named = {
        block.marker.partition("#")[0]
        for md in MARKDOWN
        for block in sync_examples.parse_blocks(md, read(md))
        if block.marker
    }
    orphans = [rel(p) for p in EXAMPLES if rel(p) not in named]
    assert not orphans, "examples no Markdown marker names:\n" + "\n".join(orphans)


def test_examples_are_self_contained() -> None:
    importing = [
        f"{rel(p)}:{n}: imports another example"
        for p in EXAMPLES
        for n, line in enumerate(read(p).splitlines(), 1)
        if re.match(r"\s*(from|import)\s+examples\b", line)
    ]
    assert not importing, "\n".join(importing)


# --- links ------------------------------------------------------------------------------

LINK_RE = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
FENCE_RE = re.compile(r"^\s*(```|~~~)")


def github_slug(heading: str) -> str:
    text = re.sub(r"[`*]|\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(md: Path) -> set[str]:
    found: set[str] = set()
    counts: dict[str, int] = {}
    in_fence = False
    for line in read(md).splitlines():
        if FENCE_RE.match(line):
            in_fence = not in_fence
        elif not in_fence and (m := re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)):
            slug = github_slug(m[1])
            n = counts.get(slug, 0)
            counts[slug] = n + 1
            found.add(slug if n == 0 else f"{slug}-{n}")
    return found


def links(md: Path) -> list[tuple[int, str]]:
    out, in_fence = [], False
    for n, line in enumerate(read(md).splitlines(), 1):
        if FENCE_RE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            out.extend((n, target) for target in LINK_RE.findall(line))
    return out


def broken_links(md: Path, root: Path = ROOT) -> list[str]:
    """Relative links in `md` whose file or #anchor does not exist, or that leave `root`."""
    broken = []
    name = md.relative_to(root).as_posix()
    for line, target in links(md):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):
            continue
        path_part, _, anchor = target.partition("#")
        dest = (md.parent / path_part).resolve() if path_part else md
        if not dest.exists():
            broken.append(f"{name}:{line}: link to missing {path_part}")
        elif not dest.is_relative_to(root.resolve()):
            broken.append(f"{name}:{line}: link leaves the skill folder: {target}")
        elif anchor and dest.suffix == ".md" and anchor not in anchors(dest):
            broken.append(f"{name}:{line}: no heading for #{anchor} in {dest.name}")
    return broken


@pytest.mark.parametrize("md", [*MARKDOWN, ROOT / "README.md"], ids=rel)
def test_relative_links_and_anchors_resolve(md: Path) -> None:
    broken = broken_links(md)
    assert not broken, "\n".join(broken)


def test_links_between_reference_files_name_a_section() -> None:
    """A plain link between reference files is followed by strict skill scanners, which flag
    chains more than three files deep (LAZY_LOAD_DEEP_NESTING); a link to a #section is not
    followed, and it takes the agent to the part that matters."""
    plain = [
        f"{rel(md)}:{line}: link {target} needs a #section (e.g. #contents)"
        for md in REFERENCES
        for line, target in links(md)
        if re.fullmatch(r"[\w.-]+\.md", target)
    ]
    assert not plain, "\n".join(plain)


# --- SKILL.md frontmatter ---------------------------------------------------------------


def test_skill_frontmatter_uses_only_spec_keys_and_required_values() -> None:
    meta, _ = frontmatter(read(SKILL))
    assert set(meta) <= SPEC_KEYS, f"keys outside the spec: {sorted(set(meta) - SPEC_KEYS)}"
    assert meta.get("name") == "starlette", f"name must be 'starlette', got {meta.get('name')!r}"
    assert meta.get("license"), "license is required"


def test_skill_description_is_one_quoted_line_saying_what_and_when() -> None:
    meta, raw = frontmatter(read(SKILL))
    description = meta["description"]
    line = next(x for x in raw.splitlines() if x.startswith("description:"))
    assert line.startswith('description: "') and line.endswith('"'), (
        "description must be one double-quoted line (a folded > shows literally in some agents)"
    )
    assert len(description) <= DESCRIPTION_MAX, f"description is {len(description)} chars"
    assert "<" not in description and ">" not in description, "no < or > (Anthropic rejects)"
    assert "Starlette" in description, "description must say what the skill is about"
    assert "Use when" in description, "description must say when to use it ('Use when ...')"


def skills_ref_validate(skill_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run the Agent Skills reference validator (`agentskills validate`, PyPI skills-ref)."""
    cli = shutil.which("agentskills", path=str(Path(sys.executable).parent))
    assert cli, "skills-ref is a dev dependency: its CLI `agentskills` must be installed"
    return subprocess.run([cli, "validate", str(skill_dir)], capture_output=True, text=True)


def test_reference_validator_accepts_the_skill(tmp_path: Path) -> None:
    skill_dir = tmp_path / "starlette"
    skill_dir.mkdir()
    shutil.copy(SKILL, skill_dir / "SKILL.md")
    for folder in ("references", "examples", "scripts"):
        shutil.copytree(ROOT / folder, skill_dir / folder, ignore=shutil.ignore_patterns("__py*"))
    result = skills_ref_validate(skill_dir)
    assert result.returncode == 0, result.stdout + result.stderr


# --- budgets ----------------------------------------------------------------------------


def test_skill_md_is_within_budget() -> None:
    text = read(SKILL)
    lines, size = text.count("\n"), len(text.encode())
    assert lines <= SKILL_MAX_LINES, f"SKILL.md has {lines} lines (max {SKILL_MAX_LINES})"
    assert size <= SKILL_MAX_BYTES, f"SKILL.md is {size} bytes (max {SKILL_MAX_BYTES})"


@pytest.mark.parametrize("md", REFERENCES, ids=rel)
def test_reference_is_within_budget_with_contents_when_long(md: Path) -> None:
    text = read(md)
    size = len(text.encode())
    assert size <= REFERENCE_MAX_BYTES, f"{rel(md)} is {size} bytes (max {REFERENCE_MAX_BYTES})"
    assert text.startswith("# "), f"{rel(md)} must start with a '# ' title"
    if text.count("\n") > CONTENTS_FROM_LINES:
        assert re.search(r"^## Contents\s*$", text, re.MULTILINE), (
            f"{rel(md)} is over {CONTENTS_FROM_LINES} lines: add a '## Contents' list"
        )


def test_skill_md_routes_to_every_reference() -> None:
    text = read(SKILL)
    missing = [rel(md) for md in REFERENCES if f"({rel(md)}" not in text]
    assert not missing, "SKILL.md does not link to: " + ", ".join(missing)


# --- hygiene ----------------------------------------------------------------------------

# Case-sensitive: "/users/7" is a URL path, "/Users/ann" a macOS home.
ABSOLUTE_PATH_RE = re.compile(
    r"(?<![\w.])(/work/|/home/\w|/root/|/Users/\w|/tmp/|[A-Z]:\\\\?Users)"
)


def test_no_absolute_machine_paths() -> None:
    suffixes = {".md", ".py", ".html", ".css", ".js", ".txt", ".env", ".toml", ".json", ""}
    hits = [
        f"{rel(path)}:{n}: {m[0]}"
        for path in SHIPPED
        if path.suffix in suffixes
        for n, line in enumerate(text_lines(path), 1)
        if (m := ABSOLUTE_PATH_RE.search(line))
    ]
    assert not hits, "absolute machine paths:\n" + "\n".join(hits)


def is_hidden(char: str) -> bool:
    code = ord(char)
    return (
        unicodedata.category(char) in {"Cf", "Co", "Cs"}  # format (incl. bidi), private use
        or 0xE0000 <= code <= 0xE007F  # tag characters
        or (unicodedata.category(char) == "Cc" and char not in "\n\r\t")
    )


def test_no_hidden_or_bidirectional_unicode() -> None:
    hits = [
        f"{rel(path)}:{n}: U+{ord(c):04X} {unicodedata.name(c, '?')}"
        for path in SHIPPED
        for n, line in enumerate(text_lines(path), 1)
        for c in line
        if is_hidden(c)
    ]
    assert not hits, "\n".join(hits)


def test_examples_tests_and_scripts_are_ruff_clean() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    assert ruff, "ruff is a dev dependency and must be installed"
    paths = ["examples", "tests", "scripts"]
    lint = subprocess.run([ruff, "check", *paths], cwd=ROOT, capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = subprocess.run(
        [ruff, "format", "--check", *paths], cwd=ROOT, capture_output=True, text=True
    )
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


# --- secrets and shell pipes ------------------------------------------------------------

KEY_PATTERNS = {
    "AWS access key": re.compile(r"AKIA[0-9A-Z]{16}"),
    "private key block": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "API token": re.compile(
        r"\b(sk-[A-Za-z0-9_-]{20,}|gh[pousr]_[A-Za-z0-9]{30,}|xox[bpas]-\w{10,})"
    ),
}
ASSIGNED_SECRET_RE = re.compile(
    r"(secret|password|passwd|token|api_key|apikey)\w*[\"']?\s*[:=]\s*[\"']([^\"'\s]{8,})[\"']",
    re.IGNORECASE,
)
FAKE_WORDS = ("test", "fake", "dummy", "example", "not-a-", "placeholder", "changeme")
PIPE_TO_SHELL_RE = re.compile(r"\b(curl|wget)\b[^\n|]*\|\s*(sudo\s+)?(ba|z|da)?sh\b")


def test_no_key_like_strings_and_only_obviously_fake_secrets_in_tests() -> None:
    hits = []
    for path in repository_files():
        if path.name == "uv.lock":  # hashes, not secrets
            continue
        in_tests = rel(path).startswith("tests/")
        for n, line in enumerate(text_lines(path), 1):
            hits += [
                f"{rel(path)}:{n}: {name}" for name, p in KEY_PATTERNS.items() if p.search(line)
            ]
            for m in ASSIGNED_SECRET_RE.finditer(line):
                fake = any(word in m[2].lower() for word in FAKE_WORDS)
                if not in_tests or not fake:
                    hits.append(f"{rel(path)}:{n}: secret-like literal {m[0]!r}")
    assert not hits, "use Config/Secret in examples, obviously fake values in tests:\n" + "\n".join(
        hits
    )


def test_no_download_piped_into_a_shell() -> None:
    hits = [
        f"{rel(path)}:{n}: {line.strip()}"
        for path in repository_files()
        for n, line in enumerate(text_lines(path), 1)
        if PIPE_TO_SHELL_RE.search(line)
    ]
    assert not hits, "\n".join(hits)
