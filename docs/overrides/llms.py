"""MkDocs hook: `llms.txt` per language and a Markdown copy of each page, for assistants.

Only the wiring: what a copy and an llms.txt hold, and why no plugin does it, is in
tests/llms_txt.py. mkdocs-static-i18n builds the languages one after the other; each build
collects its own pages' copies and, at its end, writes them and its language's llms.txt.
The copies are plain files, not pages: they add nothing to the search index or the sitemap.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils.meta import get_data

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.docs_layout import NOTEBOOKS  # noqa: E402
from tests.llms_txt import (  # noqa: E402
    Entry,
    copy_path,
    llms_txt,
    markdown_copy,
    nav_groups,
    stem_and_language,
)

# This language build's copies, by source (`output-vs-hn.zh.md`): (site path, text, description).
COPIES: dict[str, tuple[str, str, str]] = {}
NAV: list[Any] = []


def on_pre_build(config: Any) -> None:
    COPIES.clear()
    NAV.clear()


@event_priority(-110)  # after mkdocs-static-i18n (-100) has made this language's nav
def on_nav(nav: Any, config: Any, files: Any) -> Any:
    NAV[:] = nav.items
    return nav


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    # Listed after the hooks that insert generated tables, so `markdown` already has them.
    src_uri, source = page.file.src_uri, page.file.abs_src_path
    if not source:
        return markdown
    stem, language = stem_and_language(src_uri)
    text = Path(source).read_text(encoding="utf-8")
    _, meta = get_data(text)
    if not str(meta.get("description", "")).strip():
        # MkDocs drops front matter that is not valid YAML without a word (an unquoted `: `).
        raise PluginError(f"docs/{src_uri}: expected a `description:` in valid YAML front matter")
    notebook = Path(source).resolve().parent == NOTEBOOKS
    try:
        copy = markdown_copy(
            text if notebook else markdown,
            src_uri=src_uri,
            description=str(meta.get("description", "")),
            notebook=notebook,
        )
    except ValueError as error:
        raise PluginError(f"Markdown copy of docs/{src_uri}: {error}") from error
    COPIES[src_uri] = (copy_path(stem, language), copy, str(meta.get("description", "")))
    return markdown


def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    language = config.theme["language"]
    groups = []
    for title, pages in nav_groups(NAV, language):
        entries = []
        for page in pages:
            if page.file.src_uri not in COPIES:
                raise PluginError(f"llms.txt: no Markdown copy of docs/{page.file.src_uri}")
            path, _, description = COPIES[page.file.src_uri]
            entries.append(Entry(str(page.title), path, description))
        groups.append((title, entries))
    for path, text, _ in COPIES.values():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    root = site / ("" if language == "en" else language)
    root.mkdir(parents=True, exist_ok=True)
    (root / "llms.txt").write_text(
        llms_txt(
            config.site_name,
            config.site_description or "",
            groups,
            language=language,
            site_url=config.site_url,
        ),
        encoding="utf-8",
    )
