"""MkDocs hooks: the torch version stamp, glossary terms as whole words for Chinese search, and
leaner highlighted code."""

import re
from importlib.metadata import version
from pathlib import Path
from typing import Any

import jieba

# Pygments wraps every name in <span class="n">, and Material colours .n like plain code text
# (--md-code-hl-name-color is --md-code-fg-color; tests/test_browser.py checks it in both
# palettes). Unwrapped, the code looks the same and a page of code is a sixth lighter.
HIGHLIGHT = re.compile(r'<div class="highlight">.*?</div>', re.DOTALL)
NAME_SPAN = re.compile(r'<span class="n">([^<]*)</span>')

GLOSSARY = Path(__file__).resolve().parents[2] / "snippets" / "glossary.py"


def glossary_terms() -> list[str]:
    """The Chinese column of the glossary table (snippets/glossary.py, section `terms`)."""
    text = GLOSSARY.read_text(encoding="utf-8")
    table = text.split("[start:terms]", 1)[1].split("[end:terms]", 1)[0]
    rows = [line.split("|")[2] for line in table.splitlines() if line.startswith("| ")][1:]
    terms = (term.strip() for cell in rows for term in re.split(r"[,/()\uff08\uff09\u3001]", cell))
    return [term for term in terms if term]


def on_config(config: Any) -> Any:
    # The torch installed next to the build, the one the tests run; never typed by hand.
    # (Reading its metadata avoids a second of `import torch` on every build.)
    config.extra["torch_version"] = version("torch")
    # The search plugin segments Chinese with jieba at build time; a reader types a term whole
    # (变长序列), so jieba must keep each glossary term as one word.
    for term in glossary_terms():
        jieba.add_word(term)
    # mkdocstrings adds its stylesheet each time on_config runs, and mkdocs-static-i18n runs it
    # again for the Chinese build: without this, every Chinese page linked it twice.
    config.extra_css[:] = dict.fromkeys(config.extra_css)
    return config


def on_page_content(html: str, **kwargs: Any) -> str:
    return HIGHLIGHT.sub(lambda block: NAME_SPAN.sub(r"\1", block.group()), html)
