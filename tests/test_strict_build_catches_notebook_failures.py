"""`mkdocs build --strict` fails on a notebook cell that raises, cached outputs or not, and on
a broken link or a heading without an id in a notebook.

mkdocs-jupyter's `allow_errors` defaults to true: a failing cell would render a traceback and
the build would pass; and nbconvert, not MkDocs, renders notebook Markdown. Each case copies
the project into a scratch folder, with the cache the session's build filled (the `site`
fixture), plants a defect and builds there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.docs_layout import ROOT

NOTEBOOK = "docs/notebooks/digits-classification.md"
CACHE = Path(".cache") / "notebooks"


def copy_project(project: Path, *, with_cache: bool) -> None:
    # tests/docs_layout.py too: the downloads hook reads the pages' code through it.
    for name in ("docs", "snippets", "tests"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "requirements.txt"):
        shutil.copy(ROOT / name, project / name)
    if with_cache:
        shutil.copytree(ROOT / CACHE, project / CACHE)


def plant(project: Path, path: str, old: str, new: str) -> None:
    target = project / path
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer contains {old!r}: update this test"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


def build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "out")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def test_a_cell_that_raises_fails_the_build(site: Path, tmp_path: Path) -> None:
    copy_project(tmp_path, with_cache=True)
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
    copy_project(tmp_path, with_cache=True)
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
    copy_project(tmp_path, with_cache=True)
    plant(tmp_path, NOTEBOOK, "](../../helpers/)", "](../../helper/)")
    plant(tmp_path, NOTEBOOK, "## Training { #training }", "## Training")
    result = build(tmp_path)
    assert result.returncode != 0
    assert "link '../../helper/' leads to no page or file of the site" in result.stderr
    assert "heading 'Training' has no explicit { #id }" in result.stderr
    # The copied cache served the outputs: changed prose does not rerun the code.
    assert "Executed notebook" not in result.stderr
