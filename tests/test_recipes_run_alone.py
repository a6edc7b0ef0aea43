"""A recipe's main code runs alone: copied by itself into a fresh Python, with no earlier block.

A snippet section whose name starts with `recipe` (`# --8<-- [start:recipe]`,
`[start:recipe-decoder]`) is the code a reader copies into a project. Blocks on other pages
may continue earlier ones (tests/test_copied_code_runs.py runs them in page order); a recipe
section must not, so each one runs here on its own, as its copy button yields it.
"""

from __future__ import annotations

import subprocess

import pytest

from tests.docs_layout import copied_code, included_text, recipe_sections, snippet_pages
from tests.fresh_python import failure, run_alone, selected

# Under pytest-xdist, one worker runs the module's scripts, side by side, once.
pytestmark = pytest.mark.xdist_group("fresh-python-recipes")

RECIPES = sorted(
    {
        (page.stem, path, section)
        for page in snippet_pages()
        for path, section in recipe_sections(page.source("en"))
    }
)


@pytest.fixture(scope="module")
def recipe_runs(
    request: pytest.FixtureRequest,
) -> dict[tuple[str, str], subprocess.CompletedProcess[str]]:
    run = selected(request, "path", "section")
    return run_alone(
        {(path, section): copied_code(included_text(path, section)) for path, section in run}
    )


@pytest.mark.parametrize(
    ("page", "path", "section"), RECIPES, ids=[f"{page}:{section}" for page, _, section in RECIPES]
)
def test_recipe_section_runs_alone_in_a_fresh_python(
    page: str,
    path: str,
    section: str,
    recipe_runs: dict[tuple[str, str], subprocess.CompletedProcess[str]],
) -> None:
    result = recipe_runs[(path, section)]
    assert result.returncode == 0, f"{path}:{section} does not run alone\n{failure(result)}"
