"""The Chinese pages use the glossary's terms, not the renderings it lists as avoided."""

from __future__ import annotations

import pytest

from tests.docs_layout import SNIPPETS, Page, pages, sections


def glossary() -> list[list[str]]:
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in sections(SNIPPETS / "glossary.py")["terms"].splitlines()
        if line.startswith("|") and not line.startswith("|---")
    ]
    header, *body = rows
    assert len(header) == 4 and all(len(row) == 4 for row in body)
    return body


def avoided() -> list[str]:
    return [
        term.strip()
        for row in glossary()
        for term in row[3].split(",")
        if term.strip() not in ("", "—")
    ]


def test_glossary_lists_the_core_terms() -> None:
    chinese = {row[1] for row in glossary()}
    assert {"隐藏状态", "细胞状态", "双向", "变长序列", "打包序列, 打包 / 解包"} <= chinese


@pytest.mark.parametrize("page", [p for p in pages() if p.stem != "glossary"], ids=str)
def test_chinese_page_avoids_the_rejected_renderings(page: Page) -> None:
    text = page.source("zh").read_text(encoding="utf-8")
    used = [term for term in avoided() if term in text]
    assert not used, f"{page.source('zh').name} uses {used}; see docs/glossary.zh.md"
