"""Under each page's Content-Security-Policy, the site still works in Chromium.

conftest.py's `page` fixture fails a test on any violation, so every browser test also checks
the policy; test_browser_pages.py exercises every page in both languages under it (search, the
palette toggle, the copy buttons, the language switcher); here, the notebooks' own styles.
"""

from __future__ import annotations

import pytest

from tests.docs_layout import Page, notebook_pages


@pytest.mark.parametrize("doc", notebook_pages(), ids=str)
def test_notebook_styles_apply_under_the_policy(page, doc: Page) -> None:
    # The notebooks' styles are inline <style> elements, allowed by their hashes: a refused one
    # would leave the cells unstyled (JupyterLab's CSS keeps a prompt on one line).
    page.goto(doc.url)
    prompt = "getComputedStyle(document.querySelector('.jp-InputPrompt')).whiteSpace"
    assert page.evaluate(prompt) == "nowrap"
