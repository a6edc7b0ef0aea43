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
    heading_ids,
    includes,
    pages,
    translated_sources,
)


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


@pytest.mark.parametrize("page", pages(), ids=str)
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
