"""The Chinese pages use the glossary's terms, not the renderings it lists as avoided, nor
d2l-zh's where they differ from ours (the glossary maps them for d2l-zh readers)."""

from __future__ import annotations

import re

import pytest

from tests.docs_layout import SNIPPETS, Page, pages, sections


def glossary() -> list[list[str]]:
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in sections(SNIPPETS / "glossary.py")["terms"].splitlines()
        if line.startswith("|") and not line.startswith("|---")
    ]
    header, *body = rows
    assert len(header) == 5 and all(len(row) == 5 for row in body)
    return body


def terms(cell: str) -> list[str]:
    return [term for term in re.split(r"\s*[,/]\s*", cell.strip()) if term not in ("", "—")]


def accepted() -> list[str]:
    return [term for row in glossary() for term in terms(row[1])]


def avoided() -> list[str]:
    rejected = [term for row in glossary() for term in terms(row[3]) + terms(row[4])]
    return [term for term in rejected if term not in accepted()]


def uses(text: str) -> list[str]:
    """The avoided terms in a text; an accepted term that contains one (时间维度) is not a use."""
    found = []
    for term in avoided():
        rest = text
        for longer in (t for t in accepted() if term in t):
            rest = rest.replace(longer, "\x00")
        if term in rest:
            found.append(term)
    return found


def test_avoided_terms_are_found_but_not_inside_accepted_ones() -> None:
    assert set(uses("时间维在前，隐状态")) == {
        "隐状态",
        "时间维",
    }
    assert not uses("时间维度在前的隐藏状态，以及词元")
    assert uses("多层的隐层状态") == ["隐层状态"]
    assert "词元" not in avoided()


def test_glossary_lists_the_core_terms() -> None:
    chinese = {row[1] for row in glossary()}
    assert {"隐藏状态", "细胞状态", "双向", "变长序列", "打包序列, 打包 / 解包", "词元"} <= chinese


@pytest.mark.parametrize("page", [p for p in pages() if p.stem != "glossary"], ids=str)
def test_chinese_page_avoids_the_rejected_renderings(page: Page) -> None:
    text = page.source("zh").read_text(encoding="utf-8")
    used = uses(text)
    assert not used, f"{page.source('zh').name} uses {used}; see docs/glossary.zh.md"
