"""`mkdocs build --strict` fails on a broken link, anchor, snippet section or missing twin.

Each case copies the real docs into a scratch folder, plants one defect and builds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.docs_layout import ROOT


def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def plant(project: Path) -> None:
        target = project / path
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{path} no longer contains {old!r}: update this test"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    return plant


DEFECTS = {
    "broken link (zh)": (
        replace("docs/index.zh.md", "(output-vs-hn.md)", "(output-vs-hm.md)"),
        "output-vs-hm.md",
    ),
    "broken anchor (en)": (
        replace("docs/index.md", "(output-vs-hn.md)", "(output-vs-hn.md#nope)"),
        "#nope",
    ),
    "missing snippet section (zh)": (
        replace("docs/index.zh.md", "py:quick-look", "py:quick-lok"),
        "quick-lok",
    ),
    "missing snippet file (en)": (
        replace("docs/index.md", "snippets/index.py:tag", "snippets/indx.py:tag"),
        "indx.py",
    ),
    "deleted Chinese twin": (
        lambda project: (project / "docs" / "output-vs-hn.zh.md").unlink(),
        "output-vs-hn.md",
    ),
}


@pytest.mark.parametrize("plant, symptom", DEFECTS.values(), ids=list(DEFECTS))
def test_strict_build_fails(
    site: Path, tmp_path: Path, plant: Callable[[Path], None], symptom: str
) -> None:
    # tests/docs_layout.py too: the downloads hook reads the pages' code through it.
    for name in ("docs", "snippets", "tests"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "requirements.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    # The notebooks' outputs, cached by the session's build (`site`): none of these defects
    # touches a notebook, so the copy does not run them again.
    shutil.copytree(ROOT / ".cache" / "notebooks", tmp_path / ".cache" / "notebooks")
    plant(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode != 0
    assert symptom in result.stderr, result.stderr
