"""`mkdocs build --strict` fails on a broken link, anchor, snippet section or missing twin, and
on a broken link or a heading without an id in a notebook.

Each case plants a defect in a scratch copy of the real docs and builds it. The build reports
most as warnings, each of which alone fails a strict build, and goes on building: those are
planted together in one copy and built once, and each must show as a warning of its own
(nbconvert, not MkDocs, renders notebook Markdown: docs/overrides/notebooks.py warns for it).
A missing snippet stops the build where it is: each of those gets a copy of its own. A failing
notebook cell: tests/test_strict_build_catches_notebook_failures.py.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.scratch_project import build, copy_project, plant

# One pytest-xdist worker builds the shared copy, once.
pytestmark = pytest.mark.xdist_group("strict-build-defects")


NOTEBOOK = "docs/notebooks/digits-classification.md"


def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda project: plant(project, path, old, new)


# Defect: (plant it, what only its warning says). Each in a file of its own.
WARNED = {
    "broken link (zh)": (
        replace("docs/index.zh.md", "(output-vs-hn.md)", "(output-vs-hm.md)"),
        "output-vs-hm.md",
    ),
    "broken anchor (en)": (
        replace("docs/index.md", "(output-vs-hn.md)", "(output-vs-hn.md#nope)"),
        "#nope",
    ),
    "deleted Chinese twin": (
        lambda project: (project / "docs" / "output-vs-hn.zh.md").unlink(),
        "'output-vs-hn.md' is included in the 'nav'",
    ),
    "broken link in a notebook": (
        replace(NOTEBOOK, "](../../helpers/)", "](../../helper/)"),
        "link '../../helper/' leads to no page or file of the site",
    ),
    "heading without an id in a notebook": (
        replace(NOTEBOOK, "## Training { #training }", "## Training"),
        "heading 'Training' has no explicit { #id }",
    ),
}
STOPPING = {
    "missing snippet section (zh)": (
        replace("docs/index.zh.md", "py:quick-look", "py:quick-lok"),
        "quick-lok",
    ),
    "missing snippet file (en)": (
        replace("docs/index.md", "snippets/index.py:tag", "snippets/indx.py:tag"),
        "indx.py",
    ),
}


@pytest.fixture(scope="module")
def warned_build(
    site: Path, tmp_path_factory: pytest.TempPathFactory
) -> subprocess.CompletedProcess:
    # With the caches the session's build filled: none of these defects touches a notebook's
    # code, so the copy does not run them again.
    project = copy_project(tmp_path_factory.mktemp("warned"))
    for plant_defect, _ in WARNED.values():
        plant_defect(project)
    return build(project)


@pytest.mark.parametrize("symptom", [symptom for _, symptom in WARNED.values()], ids=list(WARNED))
def test_strict_build_fails_on_a_warning(
    warned_build: subprocess.CompletedProcess, symptom: str
) -> None:
    warnings = [line for line in warned_build.stderr.splitlines() if line.startswith("WARNING")]
    assert warned_build.returncode != 0
    assert [line for line in warnings if symptom in line], warned_build.stderr


def test_changed_notebook_prose_does_not_rerun_its_code(
    warned_build: subprocess.CompletedProcess,
) -> None:
    # The copied cache served the outputs.
    assert "Executed notebook" not in warned_build.stderr


@pytest.mark.parametrize("plant, symptom", STOPPING.values(), ids=list(STOPPING))
def test_strict_build_fails(
    site: Path, tmp_path: Path, plant: Callable[[Path], None], symptom: str
) -> None:
    copy_project(tmp_path)
    plant(tmp_path)
    result = build(tmp_path)
    assert result.returncode != 0
    assert symptom in result.stderr, result.stderr
