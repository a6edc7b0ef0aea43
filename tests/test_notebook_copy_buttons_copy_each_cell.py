"""In Chromium, each copy button of a notebook page copies its code cell, in both languages."""

from __future__ import annotations

import pytest

from tests.docs_layout import LANGUAGES, Page, code_cells, notebook_pages


@pytest.mark.parametrize("doc", notebook_pages(), ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_copy_button_copies_its_code_cell(page, doc: Page, language: str) -> None:
    page.goto(doc.url if language == "en" else f"zh/{doc.url}")
    copied = []
    for button in page.locator("article .jp-CodeCell clipboard-copy").all():
        page.evaluate("navigator.clipboard.writeText('')")
        button.hover()
        button.click()
        page.wait_for_function("async () => (await navigator.clipboard.readText()) !== ''")
        copied.append(page.evaluate("navigator.clipboard.readText()"))
    assert copied == code_cells(doc.source(language))
