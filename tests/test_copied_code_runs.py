"""What a reader copies runs as-is: each page's blocks, copied in page order, in a fresh Python.

The copy button yields a section without doctest prompts and output (see extra.css); this
test runs exactly that text, so a block that only works thanks to the test harness fails.
The pages run side by side, each in its own fresh Python (tests/fresh_python.py).
"""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest

from tests.docs_layout import (
    ROOT,
    Page,
    copied_code,
    page_code,
    python_blocks,
    snippet_pages,
)
from tests.fresh_python import failure, run_alone, selected

# One worker runs every page's script once: tests/test_page_code_downloads_run.py reuses the runs.
pytestmark = pytest.mark.xdist_group("fresh-python-pages")

CODE_PAGES = [page for page in snippet_pages() if page_code(page.source("en"))]


def test_copied_doctest_keeps_code_and_drops_output() -> None:
    section = ">>> x = [1,\n...      2]\n>>> x\n[1, 2]\n\n"
    assert copied_code(section) == "x = [1,\n     2]\nx"


def test_page_code_is_the_python_blocks_in_page_order_as_copied(tmp_path: Path) -> None:
    snippet = tmp_path / "mod.py"
    snippet.write_text(
        '"""Doc.\n\n# --8<-- [start:shown]\n>>> a = 1\n>>> a\n1\n\n# --8<-- [end:shown]\n"""\n'
        "# --8<-- [start:code]\nb = a + 1\n# --8<-- [end:code]\n",
        encoding="utf-8",
    )
    page = tmp_path / "page.md"
    page.write_text(
        textwrap.dedent(
            f"""\
            # Page

            ```pycon
            --8<-- "{snippet}:shown"
            ```

            ```text
            --8<-- "{snippet}:code"
            ```

            <!-- skip: next "shown for contrast" -->
            ```python
            raise SystemExit(1)
            ```

            ??? example "folded"

                ```python title="x.py"
                --8<-- "{snippet}:code"
                ```

            ```pycon
            >>> c = 3
            >>> c
            3
            ```
            """
        ),
        encoding="utf-8",
    )
    # The text fence and the skipped fence are not Python the page offers to run.
    assert page_code(page) == "a = 1\na\n\nb = a + 1\n\nc = 3\nc\n"
    assert [block.includes for block in python_blocks(page)] == [
        ((str(snippet), "shown"),),
        ((str(snippet), "code"),),
        (),
    ]
    assert page_code(ROOT / "docs" / "glossary.md") == "", "a page without Python has no code"


@pytest.fixture(scope="module")
def page_order_runs(request: pytest.FixtureRequest) -> dict[str, subprocess.CompletedProcess[str]]:
    # Under the name the page publishes it as (tests/test_page_code_downloads_run.py).
    run = [page for page in CODE_PAGES if (page,) in selected(request, "page")]
    return run_alone(
        {page.stem: page_code(page.source("en")) for page in run},
        {page.stem: page.download_name for page in run},
    )


@pytest.mark.parametrize("page", CODE_PAGES, ids=str)
def test_blocks_copied_in_page_order_run_in_a_fresh_python(
    page: Page, page_order_runs: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    result = page_order_runs[page.stem]
    assert result.returncode == 0, failure(result)
