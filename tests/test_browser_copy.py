"""In Chromium, the copy button on every code block yields exactly the runnable code.

test_browser_pages.py copies every block of every page with `copy_all` and compares it with
`expected_copies`: what the button yields must equal `copied_code()` of the included section
(prompts and output dropped), which `test_copied_code_runs.py` runs in a fresh Python, block
after block.
"""

from __future__ import annotations

import pytest

from tests.docs_layout import (
    INCLUDE_LINE,
    LANGUAGES,
    Page,
    code_blocks,
    copied_code,
    included_text,
)

COPY_BUTTON = "button.md-code__button[data-md-type=copy]"
# Blocks written in the page's Markdown; mkdocstrings' API blocks (inside .doc) are checked apart.
PAGE_BLOCKS = f"article .highlight:not(.doc .highlight) {COPY_BUTTON}"
API_EXAMPLES = f"article .doc .highlight:not(.doc-signature) {COPY_BUTTON}"


def normalized(text: str) -> list[str]:
    # Hidden output leaves blank lines behind; they change nothing when the code runs.
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def expected_copies(doc: Page) -> list[list[str]]:
    copies = []
    for block in code_blocks(doc.source("en")):
        body = block.splitlines()[1:-1]
        text = "\n".join(
            copied_code(included_text(m["path"], m["section"]))
            if (m := INCLUDE_LINE.match(line))
            else line
            for line in body
        )
        copies.append(normalized(copied_code(text)))
    return copies


@pytest.mark.parametrize("language", LANGUAGES)
def test_api_examples_copy_as_code(page, language: str) -> None:
    page.goto("helpers/" if language == "en" else "zh/helpers/")
    copied = copy_all(page, API_EXAMPLES)
    assert len(copied) >= 6
    for text in copied:
        assert not [line for line in text.splitlines() if line.startswith((">>>", "..."))], text
        compile(text, "<copied>", "exec")


# What a click put on the clipboard, once it is there (at most 5 s), which is then emptied for
# the next click: one round trip to the page per button. null if nothing arrived.
TAKE_COPIED = """async () => {
  for (const end = performance.now() + 5000; performance.now() < end; ) {
    const text = await navigator.clipboard.readText();
    if (text !== "") {
      await navigator.clipboard.writeText("");
      return text;
    }
    await new Promise((done) => requestAnimationFrame(done));
  }
  return null;
}"""


def copy_all(page, selector: str) -> list[str]:
    # A reader opens a collapsed block before copying from it.
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.evaluate("navigator.clipboard.writeText('')")
    copied = []
    for button in page.locator(selector).all():
        button.click()
        text = page.evaluate(TAKE_COPIED)
        assert text is not None, f"the copy button {len(copied) + 1} copied nothing"
        copied.append(text)
    return copied
