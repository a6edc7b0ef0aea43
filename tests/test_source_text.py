"""The sources a reader sees are clean UTF-8 text: no control characters.

A paragraph once read back through the wrong encoding (UTF-8 bytes decoded as Latin-1) carried
C1 control characters that render as nothing or as boxes; no prose lint flags them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(
    path
    for folder in ("docs", "snippets")
    for path in (ROOT / folder).rglob("*")
    if path.suffix in {".md", ".py", ".css", ".js", ".html", ".yml"}
)
# C0 controls except tab and newline, DEL, and the C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_characters(text: str) -> list[str]:
    """`line:column U+XXXX` for each control character in `text`."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in CONTROL.finditer(line):
            found.append(f"{number}:{match.start() + 1} U+{ord(match.group()):04X}")
    return found


def test_a_control_character_is_found() -> None:
    assert control_characters("状态\x81字典\n\tok\x85\n") == ["1:3 U+0081", "2:4 U+0085"]


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_source_has_no_control_characters(path: Path) -> None:
    found = control_characters(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(ROOT)}: control characters at {found}"
