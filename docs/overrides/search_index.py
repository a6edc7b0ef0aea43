"""Search in the reader's language: one search index per language, each under its own root.

mkdocs-static-i18n builds the languages one after the other and merges their search entries
into the single `search/search_index.json` that Material's search fetches on every page, so a
Chinese reader got English pages, and every page downloaded both languages. Material's search
fetches `search/search_index.json` under the page's `base` and resolves result links against
it (its `__config`), and its Python search plugin has one index and no per-language setting;
the i18n plugin's maintainer confirms a static, unique index path
(ultrabug/mkdocs-static-i18n#271). So this hook splits the merged index by language after the
build and writes each part under its language's root (`/zh/search/search_index.json`), and it
gives each page its language's root as `base_url`, which Material uses for nothing but that
`base` (MkDocs' `url` filter resolves assets against the page itself).

Each language's index keeps only the lunr languages it needs (English pages no longer load the
Chinese stemmer scripts). Material's plugin segments Chinese titles with jieba and joins the
words with U+200B, and the result list shows the title as it is in the index: the shown title
loses the U+200B, and the segmented copy goes to a field of its own with the title's boost,
which the search matches but never shows.

Code blocks are most of what the pages say (two thirds of the index text), and the index is
downloaded whole: in each entry, a code block keeps only the identifiers that its entry's prose
does not already have, once each, so that every identifier on a page is still found while each
language's index stays small. Numbers, prompts and repeats are dropped.

Plain functions of the index and the language links, so they survive a move away from MkDocs;
the two hooks at the bottom only wire them in.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

INDEX = "search/search_index.json"
ZERO_WIDTH_SPACE = "\u200b"
# The index field that holds a title as segmented for search; `title` is what readers see.
SEGMENTED_TITLE = "title_words"
CODE_BLOCK = re.compile(r"<pre>(.*?)</pre>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
# What the search trims off both ends of a word (lunr's trimmer).
TRIM = re.compile(r"^\W+|\W+$")


# mkdocs-static-i18n's nested build splits its language's entries, then the outer build splits
# them all again: each entry's text is compacted once.
@functools.lru_cache(maxsize=4096)
def compact_code(text: str, separator: str) -> str:
    """An index entry's text whose code blocks hold only the identifiers its prose lacks.

    Args:
        text: The entry's text, HTML as Material's search plugin stores it.
        separator: The search's word separator (a regular expression), as in its config.

    Returns:
        The text with each `<pre>` block reduced to the identifiers (`[A-Za-z_]\\w*`, as the
        search splits them) that neither the entry's prose nor an earlier block has, in their
        order, lowercase-distinct; a block with none left is dropped.
    """
    split = re.compile(separator)

    def words(fragment: str) -> list[str]:
        tokens = split.split(html.unescape(TAG.sub(" ", fragment)))
        return [w for t in tokens if (w := TRIM.sub("", t))]

    seen = {word.lower() for word in words(CODE_BLOCK.sub(" ", text))}

    def compact(block: re.Match[str]) -> str:
        kept = []
        for word in words(block[1]):
            if IDENTIFIER.fullmatch(word) and word.lower() not in seen:
                seen.add(word.lower())
                kept.append(word)
        return f"<pre>{html.escape(' '.join(kept), quote=False)}</pre>" if kept else ""

    return CODE_BLOCK.sub(compact, text)


def language_of(location: str, roots: Mapping[str, str]) -> str:
    """The language whose root holds a location.

    Args:
        location: A path under the site root, as in the search index (`zh/batch-first/#x`).
        roots: Each language's root under the site root: `{"en": "", "zh": "zh/"}`.

    Returns:
        The language with the longest root that prefixes the location.

    Raises:
        ValueError: If no root prefixes it (no language has the site root itself).
    """
    matches = [lang for lang, root in roots.items() if location.startswith(root)]
    if not matches:
        raise ValueError(f"no language root {dict(roots)} holds {location!r}")
    return max(matches, key=lambda lang: len(roots[lang]))


def split_index(index: Mapping[str, Any], roots: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """One search index per language, from the index of every language merged.

    Args:
        index: Material's search index: `{"config": {...}, "docs": [...]}`, locations relative
            to the site root.
        roots: Each language's root under the site root, the default language's being `""`:
            `{"en": "", "zh": "zh/"}`.

    Returns:
        `{language: index}` for every language in `roots` (an empty `docs` list where it has no
        entries): its entries only, in their order, each location relative to the language's
        root, code blocks compacted (`compact_code`); titles without U+200B, the segmented
        title under `title_words`; its config
        with the lunr languages it needs (its own and the default language's, those of the
        merged config that are either) and the `title_words` field boosted like `title`.

    Raises:
        ValueError: If the index lacks `config` or `docs`, if `roots` has no default language
            (root `""`), or if an entry lies under no language's root.
    """
    if not {"config", "docs"} <= set(index):
        raise ValueError(f"expected a search index with 'config' and 'docs', got {sorted(index)}")
    defaults = [lang for lang, root in roots.items() if root == ""]
    if len(defaults) != 1:
        raise ValueError(f"expected exactly one language rooted at the site root, got {roots}")
    config = index["config"]
    fields = config.get("fields", {})
    split: dict[str, dict[str, Any]] = {}
    for language in roots:
        lunr_languages = [lang for lang in config["lang"] if lang in (defaults[0], language)]
        split[language] = {
            "config": {
                **config,
                "lang": lunr_languages or list(config["lang"]),
                "fields": {**fields, SEGMENTED_TITLE: fields.get("title", {"boost": 1e3})},
            },
            "docs": [],
        }
    for doc in index["docs"]:
        language = language_of(doc["location"], roots)
        entry = {**doc, "location": doc["location"][len(roots[language]) :]}
        entry["text"] = compact_code(entry.get("text", ""), config["separator"])
        if ZERO_WIDTH_SPACE in entry["title"]:
            entry[SEGMENTED_TITLE] = entry["title"]
            entry["title"] = entry["title"].replace(ZERO_WIDTH_SPACE, "")
        split[language]["docs"].append(entry)
    return split


def language_roots(config: Any) -> dict[str, str]:
    """`{language: root}` from mkdocs-static-i18n's `languages` (`link: /zh/` -> `"zh/"`)."""
    i18n = config.plugins["i18n"].config
    return {
        lang.locale: lang.link.strip("/") + "/" if lang.link.strip("/") else ""
        for lang in i18n.languages
        if lang.build
    }


def on_page_context(context: Any, page: Any, config: Any, **kwargs: Any) -> Any:
    # Material's `base` (the page's `base_url`) is where it fetches search/search_index.json
    # and what it resolves result links against: the root of the page's language.
    roots = language_roots(config)
    root = roots[language_of(page.url, roots)]
    if root:
        context["base_url"] = posixpath.join(context["base_url"], root)
    return context


@event_priority(-150)  # after mkdocs-static-i18n (-100) has merged every language's entries
def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    merged = json.loads((site / INDEX).read_text(encoding="utf-8"))
    roots = language_roots(config)
    # mkdocs-static-i18n builds each other language inside the default one's on_post_build:
    # that nested build writes its own part here first, the outer one then writes them all.
    for language, index in split_index(merged, roots).items():
        if index["docs"]:
            path = site / roots[language] / INDEX
            path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
            path.write_text(text, encoding="utf-8")
