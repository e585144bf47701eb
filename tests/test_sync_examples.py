"""Specification of scripts/sync_examples.py, on fixture skills in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.sync_examples import main

APP = "from starlette.applications import Starlette\n\napp = Starlette()\n"
REGIONED = (
    "import os\n"
    "# --8<-- [start:handler]\n"
    "async def handler(request):\n"
    "    return None\n"
    "# --8<-- [end:handler]\n"
)


@pytest.fixture
def skill(tmp_path: Path) -> Path:
    (tmp_path / "examples" / "demo").mkdir(parents=True)
    (tmp_path / "references").mkdir()
    (tmp_path / "examples" / "demo" / "app.py").write_text(APP)
    (tmp_path / "examples" / "demo" / "regioned.py").write_text(REGIONED)
    (tmp_path / "SKILL.md").write_text("# Skill\n")
    return tmp_path


def write_ref(root: Path, text: str, newline: str = "\n") -> Path:
    path = root / "references" / "demo.md"
    path.write_bytes(text.replace("\n", newline).encode())
    return path


def test_check_reports_each_stale_block_with_file_and_line(skill, capsys) -> None:
    ref = write_ref(
        skill,
        "# Demo\n\n<!-- example: examples/demo/app.py -->\n```python\nold\n```\n",
    )
    before = ref.read_bytes()
    assert main(["--check"], root=skill) == 1
    out = capsys.readouterr().out
    assert "references/demo.md:4: stale block for examples/demo/app.py" in out
    assert ref.read_bytes() == before, "--check must not write"


def test_sync_rewrites_a_stale_block_and_is_idempotent(skill) -> None:
    ref = write_ref(skill, "<!-- example: examples/demo/app.py -->\n```python\n```\nafter\n")
    assert main([], root=skill) == 0
    marker = "<!-- example: examples/demo/app.py -->"
    assert ref.read_text() == f"{marker}\n```python\n{APP}```\nafter\n"
    assert main(["--check"], root=skill) == 0


def test_region_marker_copies_only_the_region_without_marker_lines(skill) -> None:
    ref = write_ref(skill, "<!-- example: examples/demo/regioned.py#handler -->\n```python\n```\n")
    assert main([], root=skill) == 0
    assert ref.read_text().split("```python\n")[1] == (
        "async def handler(request):\n    return None\n```\n"
    )


def test_missing_file_exits_2_and_writes_nothing(skill, capsys) -> None:
    good = write_ref(skill, "<!-- example: examples/demo/app.py -->\n```python\nold\n```\n")
    bad = skill / "references" / "other.md"
    bad.write_text("<!-- example: examples/demo/nope.py -->\n```python\n```\n")
    assert main([], root=skill) == 2
    err = capsys.readouterr().err
    assert "marker names a missing file: examples/demo/nope.py" in err
    assert "nothing written" in err
    assert "old" in good.read_text(), "a failing run must not rewrite any file"


def test_missing_region_exits_2(skill, capsys) -> None:
    write_ref(skill, "<!-- example: examples/demo/regioned.py#nope -->\n```python\n```\n")
    assert main(["--check"], root=skill) == 2
    assert "missing region: examples/demo/regioned.py#nope" in capsys.readouterr().err


def test_marker_without_a_code_block_exits_2(skill, capsys) -> None:
    write_ref(skill, "<!-- example: examples/demo/app.py -->\n\nText.\n")
    assert main([], root=skill) == 2
    assert "marker is not followed by a fenced code block" in capsys.readouterr().err


def test_crlf_markdown_keeps_crlf_line_endings(skill) -> None:
    ref = write_ref(
        skill, "# Demo\n<!-- example: examples/demo/app.py -->\n```python\n```\n", newline="\r\n"
    )
    assert main([], root=skill) == 0
    data = ref.read_bytes()
    assert b"app = Starlette()\r\n```\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b""), "no bare LF may be introduced"
    assert main(["--check"], root=skill) == 0


def test_crlf_example_is_copied_with_the_markdown_line_endings(skill) -> None:
    (skill / "examples" / "demo" / "app.py").write_bytes(APP.replace("\n", "\r\n").encode())
    ref = write_ref(skill, "<!-- example: examples/demo/app.py -->\n```python\n```\n")
    assert main([], root=skill) == 0
    assert b"\r" not in ref.read_bytes()
    assert APP in ref.read_text()


def test_example_without_final_newline_still_closes_the_fence(skill) -> None:
    (skill / "examples" / "demo" / "app.py").write_text(APP.rstrip("\n"))
    ref = write_ref(skill, "<!-- example: examples/demo/app.py -->\n```python\n```\n")
    assert main([], root=skill) == 0
    assert ref.read_text().endswith("app = Starlette()\n```\n")


def test_unmarked_and_non_python_blocks_are_left_alone(skill) -> None:
    text = "```bash\nuvicorn app:app\n```\n\n```python\nprint(1)\n```\n"
    ref = write_ref(skill, text)
    assert main([], root=skill) == 0
    assert ref.read_text() == text


def test_marker_works_for_any_file_type(skill) -> None:
    (skill / "examples" / "demo" / "index.html").write_text("<p>{{ name }}</p>\n")
    ref = write_ref(skill, "<!-- example: examples/demo/index.html -->\n```html\n```\n")
    assert main([], root=skill) == 0
    assert "```html\n<p>{{ name }}</p>\n```" in ref.read_text()


def test_region_ending_in_blank_lines_is_in_sync_after_one_run(skill) -> None:
    (skill / "examples" / "demo" / "regioned.py").write_text(
        "# --8<-- [start:r]\nx = 1\n\n\n# --8<-- [end:r]\n"
    )
    write_ref(skill, "<!-- example: examples/demo/regioned.py#r -->\n```python\n```\n")
    assert main([], root=skill) == 0
    assert main(["--check"], root=skill) == 0
