"""MkDocs hooks: glossary terms as whole words for Chinese search, leaner highlighted code, and
the stylesheets and scripts only some pages need (the torch version stamp: versions.py)."""

import re
from pathlib import Path
from typing import Any

import jieba

# Pygments wraps every name in <span class="n">, and Material colours .n like plain code text
# (--md-code-hl-name-color is --md-code-fg-color; tests/test_browser.py checks it in both
# palettes). Unwrapped, the code looks the same and a page of code is about 13% lighter.
HIGHLIGHT = re.compile(r'<div class="highlight">.*?</div>', re.DOTALL)
NAME_SPAN = re.compile(r'<span class="n">([^<]*)</span>')

# Assets only some pages need, linked by overrides/main.html on the pages whose content has the
# marker: every page carries Material's ~316 KB of CSS and JS against a 400 KB budget.
MKDOCSTRINGS_CSS = "assets/_mkdocstrings.css"
PAGE_ASSETS = {
    "data-lstm-explorer": ("assets/stylesheets/explorer.css", "assets/javascripts/explorer.js"),
    'class="lstm-diagram': ("assets/stylesheets/explorer.css",),
    'class="jupyter-wrapper"': ("assets/stylesheets/notebooks.css",),
    'class="doc doc-': (MKDOCSTRINGS_CSS,),
}

GLOSSARY = Path(__file__).resolve().parents[2] / "snippets" / "glossary.py"


def glossary_terms() -> list[str]:
    """The Chinese column of the glossary table (snippets/glossary.py, section `terms`)."""
    text = GLOSSARY.read_text(encoding="utf-8")
    table = text.split("[start:terms]", 1)[1].split("[end:terms]", 1)[0]
    rows = [line.split("|")[2] for line in table.splitlines() if line.startswith("| ")][1:]
    terms = (term.strip() for cell in rows for term in re.split(r"[,/()\uff08\uff09\u3001]", cell))
    return [term for term in terms if term]


def use_project_cache(root: Path) -> Path:
    """Keep jieba's dictionary cache in the project's `.cache/jieba/`, before jieba loads it.

    By default jieba reads and writes `jieba.cache` in the system temp folder, where any user of
    a shared machine could plant one for the build to load (it is a pickle).

    Args:
        root: the project's folder (the one holding mkdocs.yml).

    Returns:
        The folder that holds jieba's cache.
    """
    folder = root / ".cache" / "jieba"
    folder.mkdir(parents=True, exist_ok=True)
    jieba.dt.tmp_dir = str(folder)
    return folder


def on_config(config: Any) -> Any:
    # The search plugin segments Chinese with jieba at build time; a reader types a term whole
    # (变长序列), so jieba must keep each glossary term as one word.
    use_project_cache(Path(config.config_file_path).resolve().parent)
    for term in glossary_terms():
        jieba.add_word(term)
    # mkdocstrings adds its stylesheet to every page (twice on Chinese pages: mkdocs-static-i18n
    # runs on_config again); only the API page needs it (PAGE_ASSETS).
    config.extra_css[:] = [css for css in config.extra_css if css != MKDOCSTRINGS_CSS]
    return config


def on_page_content(html: str, **kwargs: Any) -> str:
    return HIGHLIGHT.sub(lambda block: NAME_SPAN.sub(r"\1", block.group()), html)


def on_page_context(context: Any, page: Any, **kwargs: Any) -> Any:
    # After every hook's on_page_content (the diagrams and notebooks hooks add markers).
    assets = [a for marker, found in PAGE_ASSETS.items() if marker in page.content for a in found]
    page.meta["styles"] = [a for a in dict.fromkeys(assets) if a.endswith(".css")]
    page.meta["scripts"] = [a for a in dict.fromkeys(assets) if a.endswith(".js")]
    return context
