"""What a reader copies runs as-is: each page's blocks, copied in page order, in a fresh Python.

The copy button yields a section without doctest prompts and output (see extra.css); this
test runs exactly that text, so a block that only works thanks to the test harness fails.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.docs_layout import (
    CUDA_SUFFIX,
    INCLUDE_LINE,
    Page,
    code_blocks,
    copied_code,
    included_text,
    snippet_pages,
)


def test_copied_doctest_keeps_code_and_drops_output() -> None:
    section = ">>> x = [1,\n...      2]\n>>> x\n[1, 2]\n\n"
    assert copied_code(section) == "x = [1,\n     2]\nx"


@pytest.mark.parametrize(
    "page", [p for p in snippet_pages() if code_blocks(p.source("en"))], ids=str
)
def test_blocks_copied_in_page_order_run_in_a_fresh_python(page: Page, tmp_path) -> None:
    # Blocks that need CUDA (snippets/<page>_cuda.py) run in tests/test_gpu.py, marked `cuda`.
    blocks = [
        copied_code(included_text(m["path"], m["section"]))
        for block in code_blocks(page.source("en"))
        for line in block.splitlines()
        if (m := INCLUDE_LINE.match(line)) and not m["path"].endswith(CUDA_SUFFIX)
    ]
    assert blocks, f"{page} shows code that includes no snippet section"
    script = tmp_path / "copied.py"
    script.write_text("\n\n".join(blocks), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
