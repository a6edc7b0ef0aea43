"""A scratch copy of the project for the tests that plant a defect and build (one helper).

The copy holds what `mkdocs build --strict` reads: `docs/`, `snippets/`, `tests/` (the
downloads hook reads the pages' code through tests/docs_layout.py), mkdocs.yml and
requirements.txt, plus the build caches the session's build (`site`) filled, so that a copy
runs no notebook and minifies no page whose input its defect leaves unchanged: each cache is
keyed by its input (docs/overrides/notebooks.py, build_cache.py), so a planted defect misses.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from tests.docs_layout import ROOT

# The caches under .cache/ a copy takes by default: notebook outputs, minified pages, compiled
# templates, jieba's dictionary, the notebooks' pruned stylesheet.
CACHES = ("notebooks", "minify", "jinja", "jieba", "jupyterlab-css")


def copy_project(project: Path, *, caches: Iterable[str] = CACHES) -> Path:
    """Copy the project into `project` with the named `.cache/` folders (those that exist)."""
    for name in ("docs", "snippets", "tests"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "requirements.txt"):
        shutil.copy(ROOT / name, project / name)
    for name in caches:
        if (ROOT / ".cache" / name).is_dir():
            shutil.copytree(ROOT / ".cache" / name, project / ".cache" / name)
    return project


def plant(project: Path, path: str, old: str, new: str) -> None:
    """Replace the first `old` in the copy's `path` with `new`; `old` must be there."""
    target = project / path
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer contains {old!r}: update this test"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


def build(project: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of the copy into `project/out`, with `env` added."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "out")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )
