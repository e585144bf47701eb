#!/usr/bin/env python3
"""Copy example files into the fenced code blocks of the skill's Markdown.

Every fenced block preceded by a marker line is rewritten from the file it names:

    <!-- example: examples/routing/path_params.py -->
    ```python
    ...whole file...
    ```

A marker may name a region, ``examples/x/y.py#name``: the lines between
``# --8<-- [start:name]`` and ``# --8<-- [end:name]``, copied as they are (the marker lines
are not copied). A whole-file marker copies the file verbatim. Paths are relative to the
skill root; the marker must be on the line directly above the opening fence.

Usage:
    python scripts/sync_examples.py            rewrite stale blocks in place
    python scripts/sync_examples.py --check    change nothing; list stale blocks, exit 1

Exit codes: 0 in sync (or rewritten), 1 stale blocks found by --check, 2 a marker names a
missing file or region, or has no code block after it (nothing is written).
Standard library only.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER_RE = re.compile(r"^\s*<!--\s*example:\s*(?P<target>\S+?)\s*-->\s*$")
FENCE_RE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
SECTION_RE = re.compile(r"--8<--\s*\[(?P<kind>start|end):(?P<name>[\w.-]+)\]")


class SyncError(Exception):
    """A marker that cannot be resolved: missing file, missing region, no code block."""


@dataclass
class Block:
    """One fenced code block in a Markdown file (line numbers are 1-based)."""

    md_path: Path
    fence_line: int  # line of the opening fence
    lang: str
    body: str  # text between the fences, "\n" line endings
    marker: str | None  # the marker target, e.g. "examples/x/y.py#name"
    marker_line: int | None
    start: int  # index in the line list of the opening fence
    end: int  # index in the line list of the closing fence


def split_lines(text: str) -> tuple[list[str], str]:
    """Split text into lines without endings; return them and the file's newline style."""
    newline = "\r\n" if "\r\n" in text else "\n"
    return text.replace("\r\n", "\n").split("\n"), newline


def parse_blocks(md_path: Path, text: str) -> list[Block]:
    """Find every fenced block and the marker (if any) on the line just before it."""
    lines, _ = split_lines(text)
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        match = FENCE_RE.match(lines[i])
        if not match:
            i += 1
            continue
        fence = match["fence"]
        close = i + 1
        while close < len(lines):
            stripped = lines[close].strip()
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                break
            close += 1
        marker = marker_line = None
        prev = i - 1
        if prev >= 0 and (m := MARKER_RE.match(lines[prev])):
            marker, marker_line = m["target"], prev + 1
        blocks.append(
            Block(
                md_path=md_path,
                fence_line=i + 1,
                lang=match["info"].strip().split(" ")[0] if match["info"].strip() else "",
                body="\n".join(lines[i + 1 : close]) + ("\n" if close > i + 1 else ""),
                marker=marker,
                marker_line=marker_line,
                start=i,
                end=close,
            )
        )
        i = close + 1
    return blocks


def orphan_markers(text: str) -> list[int]:
    """Line numbers of markers that are not directly followed by a fenced block."""
    lines, _ = split_lines(text)
    found = []
    for idx, line in enumerate(lines):
        if MARKER_RE.match(line):
            nxt = lines[idx + 1] if idx + 1 < len(lines) else ""
            if not FENCE_RE.match(nxt):
                found.append(idx + 1)
    return found


def render(target: str, root: Path = ROOT) -> str:
    """Return the text a marker's block must contain ("\\n" endings, final newline)."""
    path_part, _, region = target.partition("#")
    source = root / path_part
    if not source.is_file():
        raise SyncError(f"marker names a missing file: {path_part}")
    lines = source.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if region:
        start = end = None
        for idx, line in enumerate(lines):
            m = SECTION_RE.search(line)
            if m and m["name"] == region:
                if m["kind"] == "start" and start is None:
                    start = idx
                elif m["kind"] == "end" and start is not None:
                    end = idx
                    break
        if start is None or end is None:
            raise SyncError(f"marker names a missing region: {path_part}#{region}")
        lines = lines[start + 1 : end]
    return "\n".join(lines) + "\n"


def markdown_files(root: Path = ROOT) -> list[Path]:
    """The Markdown an agent reads: SKILL.md and references/*.md."""
    files = [root / "SKILL.md"] if (root / "SKILL.md").is_file() else []
    return files + sorted((root / "references").glob("*.md"))


def sync_text(md_path: Path, text: str, root: Path = ROOT) -> tuple[str, list[Block]]:
    """Return (new text, stale blocks). Raise SyncError on an unresolvable marker."""
    lines, newline = split_lines(text)
    if bad := orphan_markers(text):
        raise SyncError(f"{md_path}:{bad[0]}: marker is not followed by a fenced code block")
    stale: list[Block] = []
    # Rewrite from the bottom so earlier line indexes stay valid.
    for block in reversed(parse_blocks(md_path, text)):
        if block.marker is None:
            continue
        try:
            wanted = render(block.marker, root)
        except SyncError as exc:
            raise SyncError(f"{md_path}:{block.marker_line}: {exc}") from None
        if wanted != block.body:
            stale.append(block)
            lines[block.start + 1 : block.end] = wanted.removesuffix("\n").split("\n")
    stale.reverse()
    return newline.join(lines), stale


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    parser.add_argument(
        "files", nargs="*", type=Path, help="Markdown files (default: SKILL.md, references/*.md)"
    )
    args = parser.parse_args(argv)
    files = args.files or markdown_files(root)

    results: list[tuple[Path, str, str, list[Block]]] = []
    errors: list[str] = []
    for md in files:
        with md.open(encoding="utf-8", newline="") as fh:
            text = fh.read()
        try:
            new_text, stale = sync_text(md, text, root)
        except SyncError as exc:
            errors.append(str(exc))
            continue
        results.append((md, text, new_text, stale))
    if errors:
        for err in errors:
            print(f"error: {err}", file=sys.stderr)
        print("nothing written", file=sys.stderr)
        return 2

    stale_count = 0
    for md, text, new_text, stale in results:
        rel = md.relative_to(root) if md.is_relative_to(root) else md
        for block in stale:
            stale_count += 1
            verb = "stale block for" if args.check else "updated block for"
            print(f"{rel}:{block.fence_line}: {verb} {block.marker}")
        if not args.check and new_text != text:
            with md.open("w", encoding="utf-8", newline="") as fh:
                fh.write(new_text)
    if args.check and stale_count:
        print(f"{stale_count} stale block(s); run: python scripts/sync_examples.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
