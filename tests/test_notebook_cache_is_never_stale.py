"""The notebook hook's cache: a cached output is reused only when nothing it depends on changed.

docs/overrides/notebooks.py runs each notebook once for both languages and caches the parsed
notebooks, the outputs and the rendered pages. Here its `render` runs on a scratch project with
a fake kernel and a fake nbconvert, so each case takes milliseconds and counts the executions.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import jupytext
import nbformat
import pytest
from mkdocs.exceptions import PluginError

from tests.docs_layout import DOCS

FRONT_MATTER = """---
description: {description}
jupyter:
  kernelspec:
    display_name: Python 3
    language: python
    name: python3
---

"""
OPTIONS = {"execute": True, "kernel_name": "python3", "allow_errors": False}


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("notebooks_hook", DOCS / "overrides/notebooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Project:
    """A scratch project: snippets/helpers.py and a notebook page in two languages."""

    def __init__(self, root: Path, hook: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root, self.hook, self.runs = root, hook, 0
        (root / "snippets").mkdir()
        (root / "docs" / "notebooks").mkdir(parents=True)
        self.helpers = root / "snippets" / "helpers.py"
        self.helpers.write_text("def twice(x):\n    return 2 * x\n", encoding="utf-8")
        self.write("en", "# Title { #title }", "from helpers import twice\nprint(twice(2))")
        self.write("zh", "# 标题 { #title }", "from helpers import twice\nprint(twice(2))")
        monkeypatch.setattr(hook, "ROOT", root)
        monkeypatch.setattr(hook, "CACHE", root / ".cache" / "notebooks")
        monkeypatch.setattr(hook, "ENVIRONMENT", "environment 1")
        monkeypatch.setattr(hook, "execute", self.fake_execute)
        monkeypatch.setattr(hook.render, "__wrapped__", self.fake_nbconvert, raising=False)

    def source(self, language: str) -> Path:
        suffix = ".md" if language == "en" else f".{language}.md"
        return self.root / "docs" / "notebooks" / f"page{suffix}"

    def write(self, language: str, markdown: str, code: str) -> None:
        text = FRONT_MATTER.format(description=language) + f"{markdown}\n\n```python\n{code}\n```\n"
        self.source(language).write_text(text, encoding="utf-8")

    def fake_execute(
        self, notebook: Any, modules: list[Path], kernel_name: str, allow_errors: bool
    ) -> dict[str, Any]:
        """Stands for the kernel: its output names the run and the helpers it saw."""
        self.runs += 1
        seen = "".join(module.read_text(encoding="utf-8") for module in modules)
        output = nbformat.v4.new_output("stream", name="stdout", text=f"run {self.runs} {seen}")
        return {
            "language_info": {"name": "python"},
            "cells": [
                {"execution_count": 1, "outputs": [output]}
                for cell in notebook.cells
                if cell.cell_type == "code"
            ],
        }

    @staticmethod
    def fake_nbconvert(path: str, **options: Any) -> str:
        notebook = nbformat.read(path, as_version=4)
        return json.dumps([cell.get("outputs", []) for cell in notebook.cells])

    def render(self, language: str = "en", *, new_build: bool = True) -> str:
        """Render as a build does; a new build knows only what the cache on disk holds."""
        if new_build:
            self.hook.RUNS.clear()
        return self.hook.render(str(self.source(language)), **OPTIONS)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    return Project(tmp_path, load_hook(), monkeypatch)


def test_one_run_serves_both_languages_and_later_builds(project: Project) -> None:
    english = project.render("en")
    chinese = project.render("zh", new_build=False)
    assert project.render("en") == english
    assert project.render("zh") == chinese
    assert project.runs == 1
    assert "run 1" in chinese


def test_a_run_started_early_is_shared(project: Project) -> None:
    # on_files starts every notebook before any page is rendered; rendering waits for it.
    path = project.source("en")
    notebook = project.hook.read_notebook(path)
    modules = project.hook.imported_modules(notebook)
    started = project.hook.outputs(path, notebook, modules, OPTIONS)
    project.render("zh", new_build=False)
    assert started.result()["cells"] and project.runs == 1


def test_translating_the_prose_does_not_rerun(project: Project) -> None:
    project.render("zh")
    project.write(
        "zh", "# 新标题 { #title }\n\n改过的说明。", "from helpers import twice\nprint(twice(2))"
    )
    project.render("zh")
    assert project.runs == 1


def test_changed_code_reruns(project: Project) -> None:
    project.render()
    project.write("en", "# Title { #title }", "from helpers import twice\nprint(twice(3))")
    assert "run 2" in project.render()


def test_changed_helpers_rerun(project: Project) -> None:
    project.render()
    project.helpers.write_text("def twice(x):\n    return x + x\n", encoding="utf-8")
    html = project.render()
    assert project.runs == 2 and "x + x" in html


def test_changed_environment_reruns(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    project.render()
    monkeypatch.setattr(project.hook, "ENVIRONMENT", "environment 2")
    project.render()
    assert project.runs == 2


@pytest.mark.parametrize("option, value", [("allow_errors", True), ("kernel_name", "other")])
def test_changed_execution_options_rerun(project: Project, option: str, value: object) -> None:
    project.render()
    project.hook.render(str(project.source("en")), **{**OPTIONS, option: value})
    assert project.runs == 2


def test_a_corrupt_cache_entry_is_a_miss(project: Project) -> None:
    project.render()
    for entry in (project.root / ".cache" / "notebooks").glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert "run 2" in project.render()


def test_a_parse_is_reused_only_for_the_same_text_and_jupytext(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.render()
    parses: list[str] = []
    reads = jupytext.reads
    monkeypatch.setattr(
        jupytext, "reads", lambda text, **kw: parses.append(text) or reads(text, **kw)
    )
    project.hook.PARSED.clear()  # a new build: only the disk cache remembers
    project.render()
    assert parses == []
    version = importlib.metadata.version
    monkeypatch.setattr(
        importlib.metadata, "version", lambda name: "0.0" if name == "jupytext" else version(name)
    )
    project.hook.PARSED.clear()
    project.render()
    assert len(parses) == 1


def test_front_matter_that_is_not_yaml_fails_naming_the_file(project: Project) -> None:
    front_matter = "---\njupyter:\n  kernelspec: [unclosed\n---\n\n# Title { #title }\n"
    project.source("en").write_text(front_matter, encoding="utf-8")
    with pytest.raises(
        PluginError, match=r"^docs/notebooks/page\.md: not a Jupytext .*front matter"
    ):
        project.render()


def test_replaced_entries_are_removed(project: Project) -> None:
    project.render()
    project.helpers.write_text("def twice(x):\n    return x * 2\n", encoding="utf-8")
    project.render()
    entries = sorted(p.name.split(".")[1] for p in (project.root / ".cache/notebooks").iterdir())
    assert entries == ["html-en", "outputs", "parsed-en"]


def test_environment_covers_installed_versions_and_requirements(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site_packages = tmp_path / "site-packages"
    (site_packages / "somelib-1.0.dist-info").mkdir(parents=True)
    monkeypatch.setattr(sys, "path", [str(site_packages), *sys.path])
    requirements = project.root / "requirements.txt"
    requirements.write_text("somelib==1.0\n", encoding="utf-8")
    before = project.hook.environment()
    assert project.hook.environment() == before

    (site_packages / "somelib-1.0.dist-info").rename(site_packages / "somelib-1.1.dist-info")
    upgraded = project.hook.environment()
    assert upgraded != before

    requirements.write_text("somelib==1.1\n", encoding="utf-8")
    assert project.hook.environment() != upgraded
