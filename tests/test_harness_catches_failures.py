"""The harness itself: a wrong example fails, whatever fence or file it sits in.

Each case plants examples in a scratch project that uses this repository's conftest.py and
runs pytest on it, so a change that lets any kind of example pass silently fails here.
"""

from __future__ import annotations

import shutil
import textwrap

import pytest

from tests.docs_layout import ROOT

GOOD_PAGE = """
# Page

```python
assert 1 + 1 == 2
```

```python
>>> 1 + 1
2
```

```pycon
>>> 2 + 2
4
```

```python title="example.py"
>>> 3 + 3
6
```

```pycon linenums="1"
>>> [1, 2]
[1, 2]
```

```py
x = 5
```

```pycon
--8<-- "snippets/mod.py:shown"
```

```text
not python at all
```
"""

GOOD_SNIPPET = '''
"""Module examples.

# --8<-- [start:shown]
>>> 6 * 7
42

# --8<-- [end:shown]
"""
'''


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    shutil.copy(ROOT / "conftest.py", pytester.path / "conftest.py")
    shutil.copy(ROOT / "pyproject.toml", pytester.path / "pyproject.toml")
    (pytester.path / "tests").mkdir()
    for helper in ("docs_layout.py", "site_build.py"):  # the modules conftest.py imports
        shutil.copy(ROOT / "tests" / helper, pytester.path / "tests" / helper)
    (pytester.path / "tests" / "__init__.py").touch()
    (pytester.path / "docs").mkdir()
    (pytester.path / "snippets").mkdir()
    (pytester.path / "snippets" / "__init__.py").touch()
    (pytester.path / "snippets" / "mod.py").write_text(GOOD_SNIPPET)
    (pytester.path / "docs" / "page.md").write_text(GOOD_PAGE)
    return pytester


# One process (`-n 0`): what runs here is conftest.py's collection of the examples, the same
# with or without pytest-xdist's workers (tests/test_parallel_runs.py covers those), and two
# workers would cost three Pythons per case.
IN_ONE_PROCESS = ("-p", "no:cacheprovider", "-n", "0")


def run(project: pytest.Pytester) -> pytest.RunResult:
    return project.runpytest_subprocess(*IN_ONE_PROCESS, "-rs")


def test_good_examples_all_run(project: pytest.Pytester) -> None:
    # 6 executed fences + 1 include check on the page, 1 doctest in the snippet.
    run(project).assert_outcomes(passed=8)


BAD_FENCES = {
    "python code": "```python\nassert 1 + 1 == 3\n```",
    "python doctest": "```python\n>>> 1 + 1\n3\n```",
    "pycon": "```pycon\n>>> 1 + 1\n3\n```",
    "python with title": '```python title="x.py"\n>>> 1 + 1\n3\n```',
    "pycon with linenums": '```pycon linenums="1"\n>>> 1 + 1\n3\n```',
    "py": "```py\nraise SystemExit(1)\n```",
    "braced python": "```{.python}\nassert False\n```",
    "python-looking text": "```text\n>>> 1 + 1\n2\n```",
    "python-looking, no language": "```\nimport os\n```",
    "missing section": '```pycon\n--8<-- "snippets/mod.py:absent"\n```',
    "missing file": '```python\n--8<-- "snippets/absent.py:shown"\n```',
}


def test_every_kind_of_wrong_fence_fails_in_both_languages(project: pytest.Pytester) -> None:
    planted = []
    for number, fence in enumerate(BAD_FENCES.values()):
        for suffix in (".md", ".zh.md"):
            name = f"bad-{number}{suffix}"
            (project.path / "docs" / name).write_text(f"# Bad\n\n{fence}\n")
            planted.append(name)
    result = project.runpytest_subprocess(*IN_ONE_PROCESS, "-rf")
    result.assert_outcomes(passed=8, failed=len(planted))
    failed = "\n".join(line for line in result.outlines if line.startswith("FAILED"))
    assert all(f"docs/{name}::" in failed for name in planted), failed


def test_wrong_output_in_a_snippet_docstring_fails(project: pytest.Pytester) -> None:
    (project.path / "snippets" / "mod.py").write_text(GOOD_SNIPPET.replace("42", "43"))
    run(project).assert_outcomes(passed=7, failed=1)


def test_wrong_output_in_a_helper_docstring_fails(project: pytest.Pytester) -> None:
    helper = '''
        def double(x: int) -> int:
            """Double a number.

            >>> double(2)
            5
            """
            return 2 * x
    '''
    (project.path / "snippets" / "helper.py").write_text(textwrap.dedent(helper))
    run(project).assert_outcomes(passed=8, failed=1)


def test_python_looking_fence_is_skipped_only_with_a_visible_reason(
    project: pytest.Pytester,
) -> None:
    page = '# Skip\n\n<!-- skip: next "shown for contrast" -->\n```text\n>>> 1 + 1\n3\n```\n'
    (project.path / "docs" / "skip.md").write_text(page)
    result = run(project)
    # The skip directive is an example of its own.
    result.assert_outcomes(passed=9, skipped=1)
    result.stdout.fnmatch_lines(["*shown for contrast*"])


def test_mixed_include_and_code_fence_is_an_error(project: pytest.Pytester) -> None:
    page = '# Mixed\n\n```python\n--8<-- "snippets/mod.py:shown"\nx = 1\n```\n'
    (project.path / "docs" / "mixed.md").write_text(page)
    result = run(project)
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*either includes snippet sections or holds code*"])


RECIPE_SNIPPET = """
# --8<-- [start:setup]
import math
# --8<-- [end:setup]

# --8<-- [start:recipe]
root = math.sqrt(4)
# --8<-- [end:recipe]

# --8<-- [start:recipe-alone]
import math

root = math.sqrt(9)
# --8<-- [end:recipe-alone]
"""


def test_recipe_section_that_needs_an_earlier_block_fails(project: pytest.Pytester) -> None:
    for name in ("fresh_python.py", "test_copied_code_runs.py", "test_recipes_run_alone.py"):
        shutil.copy(ROOT / "tests" / name, project.path / "tests" / name)
    (project.path / "snippets" / "recipe.py").write_text(RECIPE_SNIPPET)
    page = "# Recipe\n\n" + "\n\n".join(
        f'```python\n--8<-- "snippets/recipe.py:{section}"\n```'
        for section in ("setup", "recipe", "recipe-alone")
    )
    for suffix in (".md", ".zh.md"):
        (project.path / "docs" / f"recipe{suffix}").write_text(page + "\n")
    result = project.runpytest_subprocess(
        *IN_ONE_PROCESS,
        "-rf",
        "tests/test_recipes_run_alone.py",
        "tests/test_copied_code_runs.py::test_blocks_copied_in_page_order_run_in_a_fresh_python",
    )
    # In page order the recipe runs (pages `page` and `recipe`); alone it does not.
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(
        ["FAILED *test_recipe_section_runs_alone_in_a_fresh_python?recipe:recipe?*"]
    )
    result.stdout.fnmatch_lines(["*NameError*math*"])
