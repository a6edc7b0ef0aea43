"""Snippet modules mirror the pages: one module per page, every section shown, in order.

Notebook pages (docs/notebooks/) keep their code in their cells: see Page.is_notebook.
"""

from __future__ import annotations

import importlib
import re

import pytest

from tests.docs_layout import SNIPPETS, Page, includes, sections, snippet_pages


def test_every_page_has_its_snippet_module() -> None:
    missing = [p.stem for p in snippet_pages() if not p.snippet_module.is_file()]
    assert not missing, f"pages without snippets/<page>.py: {missing}"


def test_every_snippet_module_belongs_to_a_page() -> None:
    modules = {p.stem for p in SNIPPETS.glob("*.py") if p.name != "__init__.py"}
    expected = {p.snippet_module.stem for p in snippet_pages()}
    expected |= {p.cuda_module.stem for p in snippet_pages()}
    assert modules <= expected, f"snippet modules without a page: {sorted(modules - expected)}"


@pytest.mark.parametrize("page", snippet_pages(), ids=str)
def test_page_shows_every_section_of_its_module_in_module_order(page: Page) -> None:
    module = page.snippet_module.relative_to(SNIPPETS.parent).as_posix()
    defined = list(sections(page.snippet_module))
    shown = [s for path, s in includes(page.source("en")) if path == module and s is not None]
    # Later sections may continue earlier ones, so the page must keep the module's order.
    assert shown == defined
    if page.cuda_module.is_file():
        module = page.cuda_module.relative_to(SNIPPETS.parent).as_posix()
        shown = [s for path, s in includes(page.source("en")) if path == module]
        assert shown == list(sections(page.cuda_module))


@pytest.mark.parametrize("page", snippet_pages(), ids=str)
def test_page_includes_only_existing_sections(page: Page) -> None:
    for path, section in includes(page.source("en")):
        target = SNIPPETS.parent / path
        assert target.is_file(), path
        if section is not None:
            assert section in sections(target), f"{path} has no section {section!r}"


@pytest.mark.parametrize("page", snippet_pages(), ids=str)
def test_snippet_module_runs(page: Page) -> None:
    # Importing runs the plain-code sections, whose asserts state the page's claims.
    module = importlib.import_module(f"snippets.{page.snippet_module.stem}")
    assert module.__doc__


@pytest.mark.parametrize(
    "text, message",
    [
        ("# --8<-- [start:a]\n# --8<-- [start:b]\n", "starts inside"),
        ("# --8<-- [start:a]\n# --8<-- [end:b]\n", "does not close"),
        ("# --8<-- [start:a]\n", "never closed"),
        ("# --8<-- [start:a]\n# --8<-- [end:a]\n# --8<-- [start:a]\n", "defined twice"),
        ("# --8<-- [start:Bad Name]\n", "kebab-case"),
    ],
)
def test_malformed_sections_are_rejected(tmp_path, text: str, message: str) -> None:
    snippet = tmp_path / "bad.py"
    snippet.write_text(text)
    with pytest.raises(ValueError, match=re.escape(message)):
        sections(snippet)
