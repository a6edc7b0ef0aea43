"""A notebook cell that runs too long fails the build with the notebook, the cell and the limit.

docs/overrides/notebooks.py gives each cell EXECUTION_TIMEOUT seconds (NOTEBOOK_CELL_TIMEOUT
sets another limit). Here a planted slow cell runs against a limit of 2 s, so the test is fast.
"""

from __future__ import annotations

import importlib.util
import time
from types import ModuleType

import nbformat
import pytest

from tests.docs_layout import DOCS


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("notebooks_hook", DOCS / "overrides/notebooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_slow_cell_fails_with_the_notebook_the_cell_and_the_limit() -> None:
    hook = load_hook()
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("x = 1"),
            nbformat.v4.new_markdown_cell("# A heading"),
            nbformat.v4.new_code_cell("import time\n\ntime.sleep(60)"),
            nbformat.v4.new_code_cell("y = 2"),
        ]
    )
    started = time.perf_counter()
    with pytest.raises(hook.CellTimeout) as caught:
        hook.execute(notebook, [], "python3", False, name="planted-slow", timeout=2)
    assert time.perf_counter() - started < 30
    message = str(caught.value)
    assert "notebook planted-slow" in message
    assert "code cell 2 of 3 (cell 3 of 4, starting 'import time')" in message
    assert "limit of 2 s per cell" in message
    # One line, not a traceback of the kernel client.
    assert "\n" not in message and caught.value.__suppress_context__


def test_the_limit_is_far_below_the_old_ten_minutes() -> None:
    assert 30 <= load_hook().EXECUTION_TIMEOUT <= 180


def test_the_build_names_the_notebook_that_timed_out(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    hook = load_hook()

    def slow(*args: object) -> None:
        raise hook.CellTimeout("code cell 1 of 1 ran longer than the limit of 2 s per cell")

    monkeypatch.setattr(hook, "execute", slow)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    with pytest.raises(hook.CellTimeout, match=r"^notebook lstm\.md: code cell 1 of 1 ran"):
        hook.run("lstm.md", notebook, [], "python3", False, tmp_path / "outputs.json")
