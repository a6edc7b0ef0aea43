"""Every page exists in both languages, with the same code, includes and anchors.

Only prose is translated: code reaches both languages through the same includes, so a
translation that drifts from its English page fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.docs_layout import (
    DOCS,
    Page,
    code_blocks,
    code_cells,
    heading_ids,
    includes,
    notebook,
    notebook_pages,
    pages,
    snippet_pages,
    translated_sources,
)
from tests.page_names import links, twin


def test_every_english_page_has_a_chinese_twin() -> None:
    missing = [p.stem for p in pages() if not p.source("zh").is_file()]
    assert not missing, f"pages without docs/<page>.zh.md: {missing}"


def test_every_chinese_page_has_an_english_twin() -> None:
    orphans = [
        str(p.relative_to(DOCS))
        for p in translated_sources()
        if not p.with_name(p.name.removesuffix(".zh.md") + ".md").is_file()
    ]
    assert not orphans, f"Chinese pages without an English page: {orphans}"


def twins(page: Page) -> tuple[Path, Path]:
    en, zh = page.source("en"), page.source("zh")
    if not zh.is_file():
        pytest.fail(f"{zh.relative_to(DOCS)} is missing")
    return en, zh


@pytest.mark.parametrize("page", snippet_pages(), ids=str)
def test_both_languages_include_the_same_sections_in_the_same_order(page: Page) -> None:
    en, zh = twins(page)
    assert includes(en), f"{page} includes no snippet section"
    assert includes(zh) == includes(en)


@pytest.mark.parametrize("page", pages(), ids=str)
def test_both_languages_have_the_same_code_blocks(page: Page) -> None:
    en, zh = twins(page)
    assert code_blocks(zh) == code_blocks(en)


@pytest.mark.parametrize("page", pages(), ids=str)
def test_both_languages_have_the_same_heading_anchors(page: Page) -> None:
    en, zh = twins(page)
    assert heading_ids(zh) == heading_ids(en)


@pytest.mark.parametrize("page", pages(), ids=str)
def test_both_languages_link_the_same_pages_in_the_same_order(page: Page) -> None:
    # Each language names the target in its own words (tests/test_link_text.py); the targets,
    # sections included, are the same, link for link.
    en, zh = (links(source) for source in twins(page))
    for a, b in zip(en, zh, strict=False):
        assert (twin(a.page, "en"), a.anchor) == (twin(b.page, "en"), b.anchor), f"{a}\n{b}"
    assert len(zh) == len(en), f"{len(en)} links in English, {len(zh)} in Chinese"


@pytest.mark.parametrize("page", notebook_pages(), ids=str)
def test_notebook_code_cells_are_identical_in_both_languages(page: Page) -> None:
    # The build runs the code once and shows the same outputs in both languages.
    en, zh = twins(page)
    assert code_cells(en), f"{page} has no code cell"
    assert code_cells(zh) == code_cells(en)
    assert notebook(zh).metadata == notebook(en).metadata


@pytest.mark.parametrize("page", notebook_pages(), ids=str)
def test_notebook_headings_all_have_explicit_ids(page: Page) -> None:
    # nbconvert would derive ids from the heading text, which differs between languages.
    for source in twins(page):
        headings = [
            line
            for cell in notebook(source).cells
            if cell.cell_type == "markdown"
            for line in cell.source.splitlines()
            if line.startswith("#")
        ]
        assert headings and len(heading_ids(source)) == len(headings), headings


def test_code_cells_reads_what_the_kernel_runs(tmp_path: Path) -> None:
    page = tmp_path / "nb.md"
    page.write_text(
        "---\njupyter:\n  kernelspec:\n    display_name: Python 3\n    language: python\n"
        "    name: python3\n---\n\n# T { #t }\n\nText.\n\n```python\nx = 1\n```\n\n"
        "```text\nnot code\n```\n\n```python\nprint(x)\n```\n",
        encoding="utf-8",
    )
    assert code_cells(page) == ["x = 1", "print(x)"]
