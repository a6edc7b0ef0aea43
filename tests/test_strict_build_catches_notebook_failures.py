"""`mkdocs build --strict` fails on a notebook cell that raises, cached outputs or not.

mkdocs-jupyter's converter keeps a failing cell's traceback as its output unless told not to
(`allow_errors` in docs/overrides/notebooks.py): the build would pass. Each case copies the
project into a scratch folder, with the cache the session's build filled (the `site`
fixture), plants a defect and builds there. A broken link or a heading without an id in a
notebook: tests/test_strict_build_catches_failures.py.
"""

from __future__ import annotations

from pathlib import Path

from tests.scratch_project import build, copy_project, plant

NOTEBOOK = "docs/notebooks/digits-classification.md"


def test_a_cell_that_raises_fails_the_build(site: Path, tmp_path: Path) -> None:
    copy_project(tmp_path)
    plant(
        tmp_path,
        NOTEBOOK,
        "torch.set_num_threads(1)\n",
        'torch.set_num_threads(1)\nraise RuntimeError("planted notebook failure")\n',
    )
    result = build(tmp_path)
    assert result.returncode != 0
    assert "planted notebook failure" in result.stderr, result.stderr


def test_cached_outputs_do_not_hide_a_broken_helper(site: Path, tmp_path: Path) -> None:
    # The notebooks are unchanged, but the helpers.py they import now raises. (The copied
    # cache does serve a copy: see test_changed_notebook_prose_does_not_rerun_its_code.)
    copy_project(tmp_path)
    plant(
        tmp_path,
        "snippets/helpers.py",
        "\n__all__ = [",
        '\nraise RuntimeError("planted helpers failure")\n__all__ = [',
    )
    result = build(tmp_path)
    assert result.returncode != 0
    assert "planted helpers failure" in result.stderr, result.stderr
    assert "notebooks/" in result.stderr
