"""`mkdocs build --strict` fails on a notebook cell that raises, cached outputs or not, and on
a broken link or a heading without an id in a notebook.

mkdocs-jupyter's `allow_errors` defaults to true: a failing cell would render a traceback and
the build would pass; and nbconvert, not MkDocs, renders notebook Markdown. Each case copies
the project into a scratch folder, with the cache the session's build filled (the `site`
fixture), plants a defect and builds there.
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
    # cache does serve a copy: see the last test, where nothing runs.)
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


def test_a_broken_link_or_a_heading_without_id_fails_the_build(site: Path, tmp_path: Path) -> None:
    # nbconvert renders notebook Markdown, so MkDocs' own link validation never sees it.
    copy_project(tmp_path)
    plant(tmp_path, NOTEBOOK, "](../../helpers/)", "](../../helper/)")
    plant(tmp_path, NOTEBOOK, "## Training { #training }", "## Training")
    result = build(tmp_path)
    assert result.returncode != 0
    assert "link '../../helper/' leads to no page or file of the site" in result.stderr
    assert "heading 'Training' has no explicit { #id }" in result.stderr
    # The copied cache served the outputs: changed prose does not rerun the code.
    assert "Executed notebook" not in result.stderr
