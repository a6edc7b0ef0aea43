"""`mkdocs build --strict` fails on a broken link, anchor, snippet section or missing twin.

Each case copies the real docs into a scratch folder, plants one defect and builds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.scratch_project import build, copy_project, plant


def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda project: plant(project, path, old, new)


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
    # With the caches the session's build filled: none of these defects touches a notebook, so
    # the copy does not run them again.
    copy_project(tmp_path)
    plant(tmp_path)
    result = build(tmp_path)
    assert result.returncode != 0
    assert symptom in result.stderr, result.stderr
