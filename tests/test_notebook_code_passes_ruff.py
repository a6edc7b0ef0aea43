"""The code cells of every notebook pass `ruff check` and `ruff format --check`.

ruff skips Markdown, and notebook pages are Markdown: their cells are checked here, joined into
one module in cell order (a notebook is one namespace).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.docs_layout import ROOT, Page, code_cells, notebook_pages

# E402: a cell may import after code. B018: a cell's last expression is its displayed output.
# I001: isort would file `helpers` (next to the notebook) among third-party packages.
IGNORED = "E402,B018,I001"


@pytest.mark.parametrize("page", notebook_pages(), ids=str)
def test_notebook_code_passes_ruff(page: Page, tmp_path: Path) -> None:
    module = tmp_path / f"{page.stem.rsplit('/', 1)[-1].replace('-', '_')}.py"
    module.write_text("\n\n\n".join(cell.strip() for cell in code_cells(page.source("en"))) + "\n")
    ruff = [sys.executable, "-m", "ruff"]
    config = ["--config", str(ROOT / "pyproject.toml")]
    check = subprocess.run(
        [*ruff, "check", *config, "--ignore", IGNORED, str(module)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
    style = subprocess.run(
        [*ruff, "format", *config, "--diff", str(module)], capture_output=True, text=True
    )
    assert style.returncode == 0, style.stdout
