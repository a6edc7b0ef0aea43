"""Under each page's Content-Security-Policy, the site still works in Chromium.

conftest.py's `page` fixture fails a test on any violation, so every browser test also checks
the policy; here every page in both languages is exercised: search, the palette toggle, the
copy button, and the notebooks' own styles.
"""

from __future__ import annotations

import pytest

from tests.docs_layout import LANGUAGES, Page, notebook_pages, pages


def url_of(doc: Page, language: str) -> str:
    return (doc.url or "./") if language == "en" else f"zh/{doc.url}"


@pytest.mark.parametrize("doc", pages(), ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_works_under_its_content_security_policy(page, doc: Page, language: str) -> None:
    page.goto(url_of(doc, language))
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]')
    assert "default-src 'self'" in policy.get_attribute("content")
    page.keyboard.press("s")
    box = page.locator("input.md-search__input")
    box.fill("LSTM")
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component=palette] label:visible").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") != scheme
    buttons = page.locator("button.md-code__button[data-md-type=copy]:visible")
    if buttons.count():
        buttons.first.click()
        assert page.evaluate("navigator.clipboard.readText()").strip()


@pytest.mark.parametrize("doc", notebook_pages(), ids=str)
def test_notebook_styles_apply_under_the_policy(page, doc: Page) -> None:
    # The notebooks' styles are inline <style> elements, allowed by their hashes: a refused one
    # would leave the cells unstyled (JupyterLab's CSS keeps a prompt on one line).
    page.goto(doc.url)
    prompt = "getComputedStyle(document.querySelector('.jp-InputPrompt')).whiteSpace"
    assert page.evaluate(prompt) == "nowrap"
