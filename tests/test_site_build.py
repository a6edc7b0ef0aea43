"""The strict build produces every page in both languages, wired together."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
import torch
from bs4 import BeautifulSoup

from tests.docs_layout import LANGUAGES, Page, pages


# Each page is parsed once for all the tests below (about 400 parses otherwise, most of this
# module's time): they only read it, and the session's site never changes once built.
@functools.lru_cache(maxsize=256)
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("page", pages(), ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_is_built_in_its_language(site: Path, page: Page, language: str) -> None:
    built = page.built(site, language)
    assert built.is_file(), f"{page} was not built for {language}"
    html = soup(built)
    assert html.html["lang"] == language
    # The page is this language's own rendering, not a copy of another language's.
    h1 = html.select_one("article h1")
    source_h1 = next(
        line[2:].split("{")[0].strip()
        for line in page.source(language).read_text(encoding="utf-8").splitlines()
        if line.startswith("# ")
    )
    assert h1 is not None and h1.get_text(strip=True).rstrip("¶") == source_h1


@pytest.mark.parametrize("page", pages(), ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switcher_lands_on_the_same_page(site: Path, page: Page, language: str) -> None:
    built = page.built(site, language)
    links = {a["hreflang"]: a["href"] for a in soup(built).select("a.md-select__link[hreflang]")}
    assert set(links) == set(LANGUAGES)
    for other, href in links.items():
        target = (built.parent / href / "index.html").resolve()
        assert target == page.built(site, other).resolve(), f"{language}->{other}: {href}"


@pytest.mark.parametrize("page", pages(), ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_states_the_torch_version_it_was_checked_with(
    site: Path, page: Page, language: str
) -> None:
    stamp = soup(page.built(site, language)).select_one(".lstm-verified")
    assert stamp is not None
    assert stamp["data-torch-version"] == torch.__version__
    assert torch.__version__ in stamp.get_text()


@pytest.mark.parametrize("page", pages(), ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_links_the_assets_it_needs_once_and_no_others(
    site: Path, page: Page, language: str
) -> None:
    built = page.built(site, language)
    html = soup(built)
    linked = [link["href"] for link in html.select('link[rel="stylesheet"]')]
    linked += [script["src"] for script in html.select("script[src]")]
    assert len(linked) == len(set(linked)), linked
    for href in linked:
        assert (built.parent / href).is_file(), href
    names = {href.rsplit("/", 1)[-1] for href in linked}
    # Assets a few pages need stay off every other page (page-weight budget, .ci/benchmark.py).
    needs = {
        "explorer.js": html.select_one("[data-lstm-explorer]"),
        "explorer.css": html.select_one("[data-lstm-explorer], .lstm-diagram"),
        "notebooks.css": html.select_one(".jupyter-wrapper"),
        "_mkdocstrings.css": html.select_one(".doc-object"),
    }
    for name, needed in needs.items():
        assert (name in names) == (needed is not None), name


def test_the_sites_own_stylesheets_and_scripts_are_minified(site: Path) -> None:
    # docs/overrides/hooks.py minifies them after the build, both languages' and generated ones.
    from tests.llms_txt import _override

    hooks = _override("hooks")
    found = [site / name for name in hooks.OWN_ASSETS if (site / name).is_file()]
    assert {path.name for path in found} >= {
        "extra.css",
        "explorer.css",
        "notebooks.css",
        "jupyterlab.css",
        "_mkdocstrings.css",
        "explorer.js",
        "scrollable.js",
    }
    for path in found:
        text = path.read_text(encoding="utf-8")
        assert "/*" not in text and "\n  " not in text, f"{path.name} is not minified"
        assert hooks.minified(text, path.suffix) == text, path.name
    with pytest.raises(ValueError, match="expected a .css or .js file"):
        hooks.minified("x", ".html")


@pytest.mark.parametrize("page", pages(), ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_has_a_description_in_its_language(site: Path, page: Page, language: str) -> None:
    meta = soup(page.built(site, language)).select_one('meta[name="description"]')
    assert meta is not None and meta["content"].strip()
    has_han = any("\u4e00" <= ch <= "\u9fff" for ch in meta["content"])
    assert has_han == (language == "zh"), meta["content"]


@pytest.mark.parametrize("page", pages(), ids=str)
def test_chinese_heading_anchors_are_readable(site: Path, page: Page) -> None:
    ids = [h["id"] for h in soup(page.built(site, "zh")).select("article [id]") if h.name[0] == "h"]
    assert ids
    assert not [i for i in ids if i.strip("_").isdigit()], ids


def test_search_index_finds_chinese_words(site: Path) -> None:
    # Each language has its own index, under its root (docs/overrides/search_index.py).
    zh_index = json.loads((site / "zh" / "search" / "search_index.json").read_text("utf-8"))
    en_index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # jieba segments Chinese at build time with U+200B, and the browser splits on the
    # separator: without U+200B in it, a Chinese query matches nothing.
    separator = re.compile(zh_index["config"]["separator"])
    assert separator.split("隐藏\u200b状态") == ["隐藏", "状态"]
    zh_text = " ".join(d["text"] for d in zh_index["docs"])
    assert "\u200b隐藏\u200b" in zh_text or "\u200b隐藏状态\u200b" in zh_text
    en_text = " ".join(d["text"] for d in en_index["docs"])
    assert "hidden state" in en_text
