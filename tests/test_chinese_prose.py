"""Chinese pages read as Chinese: full-width punctuation in Chinese sentences.

Half-width `,` `;` `:` `?` `!` `(` `)` right next to a Chinese character is what a translation
pasted from English (or a tool that folds full-width input) leaves behind.
"""

from __future__ import annotations

import re

import pytest

from tests.docs_layout import Page, pages

HAN = r"[\u4e00-\u9fff]"
HALF_WIDTH = re.compile(rf"{HAN}[,;:?!()]|[,;:?!()]{HAN}")
CODE = re.compile(r"(`+)[^`]*?\1|^(`{3,}|~{3,}).*?^\2", re.MULTILINE | re.DOTALL)
LINK_TARGET = re.compile(r"\]\([^)]*\)|\{\s*#[\w-]+\s*\}")
# A title quoted verbatim between 《》 keeps its original punctuation.
QUOTED_TITLE = re.compile(r"《[^》]*》")


def prose(text: str) -> str:
    text = CODE.sub(" ", text)
    text = LINK_TARGET.sub("] ", text)
    text = QUOTED_TITLE.sub("《》", text)
    return "\n".join(line for line in text.splitlines() if "--8<--" not in line)


def test_detector_flags_half_width_punctuation() -> None:
    assert HALF_WIDTH.search(prose("隐藏状态,细胞状态"))
    assert not HALF_WIDTH.search(
        prose("隐藏状态，细胞状态；见 `f(x, y)` 与 [双向](bidirectional.md)。")
    )


@pytest.mark.parametrize("page", pages(), ids=str)
def test_chinese_page_uses_full_width_punctuation(page: Page) -> None:
    text = prose(page.source("zh").read_text(encoding="utf-8"))
    found = sorted({m.group() for m in HALF_WIDTH.finditer(text)})
    assert not found, f"{page.source('zh').name}: {found}"
