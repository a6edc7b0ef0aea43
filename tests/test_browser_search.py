"""Search in Chromium, in the reader's language.

A page downloads its own language's index only, and no more than the budget (checked on every
page by test_browser_pages.py, with `ROOTS` and `INDEX_BUDGET` from here); results are pages
of the reader's language, titled without zero-width characters; an identifier typed whole
(`flatten_parameters`) finds exactly the pages whose text contains it, first, and nothing when
no page does. Which pages contain an identifier is read from the built pages, never typed here:
other pages may add or drop one. (The word queries of each language are in test_browser.py.)
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.docs_layout import LANGUAGES, Page, pages

ROOTS = {"en": "/", "zh": "/zh/"}
INDEX_BUDGET = 350 * 1024
ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")

# Identifiers a reader types whole; at least five are on some page and three on none (checked
# below on the built pages, so that the test cannot silently turn into absent-only queries).
IDENTIFIERS = [
    "pack_padded_sequence",
    "pad_packed_sequence",
    "enforce_sorted",
    "batch_first",
    "proj_size",
    "total_length",
    "final_hidden",
    "flatten_parameters",
    "return_sequences",
    "lstm_output_mask",
    "reset_hidden_every_batch",
    "packed_hidden_states",
]
# More queries a reader of each language types, beyond the word queries of test_browser.py:
# (query, page that must be among the first results).
MORE = {
    "en": [("h_n[-1]", "output-vs-hn"), ("hidden state", "output-vs-hn")],
    "zh": [("h_n[-1]", "output-vs-hn"), ("门控", "lstmcell")],
}


@cache
def built_words(site: Path, language: str) -> dict[str, set[str]]:
    """Each page's words as the site's search splits them: `{path: {word, ...}}`."""
    prefix = ROOTS[language]
    index = site / prefix.lstrip("/") / "search" / "search_index.json"
    separator = re.compile(json.loads(index.read_text("utf-8"))["config"]["separator"])
    words = {}
    for doc in pages():
        html = BeautifulSoup(doc.built(site, language).read_text("utf-8"), "html.parser")
        article = html.select_one("article")
        for hidden in article.select("script, style, .headerlink"):
            hidden.decompose()
        # lunr trims non-word characters off both ends of a word and lowercases it.
        tokens = separator.split(article.get_text(" "))
        words[prefix + doc.url] = {re.sub(r"^\W+|\W+$", "", t).lower() for t in tokens if t}
    return words


def pages_with(site: Path, language: str, identifier: str) -> tuple[set[str], set[str]]:
    """Pages that contain the identifier, and pages with only a longer word that starts with it.

    Material's search completes the last word typed (`batch_first*`), so a page that has only
    `batch_first_x` may follow the pages that have `batch_first` itself.
    """
    exact, longer = set(), set()
    for path, words in built_words(site, language).items():
        if identifier in words:
            exact.add(path)
        elif any(word.startswith(identifier) for word in words):
            longer.add(path)
    return exact, longer


def search(page, query: str) -> dict:
    """Type a query in the search box; the pages listed (in order), their titles and the count."""
    page.keyboard.press("s")
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material reads the query on keyup.
    # Done when the result summary shows a count (none, one or several documents).
    page.wait_for_function(
        """() => {
            const t = JSON.parse(document.querySelector('#__config').textContent).translations;
            const meta = document.querySelector('.md-search-result__meta').textContent.trim();
            const other = new RegExp('^' + t['search.result.other'].replace('#', '\\\\d+') + '$');
            return meta === t['search.result.none'] || meta === t['search.result.one']
                || other.test(meta);
        }"""
    )
    # Material lists ten pages at first, and four more each time the list is scrolled down to
    # its end from above it (it checks the scroll position once per frame).
    shown = re.search(r"\d+", page.locator(".md-search-result__meta").text_content())
    items = page.locator(".md-search-result__item")
    total = int(shown.group()) if shown else items.count()
    for _ in range(total):
        if items.count() >= total:
            break
        page.locator(".md-search__scrollwrap").evaluate(
            """async (el) => {
                const frame = () => new Promise((done) => requestAnimationFrame(done));
                el.scrollTo(0, 0);
                await frame();
                await frame();
                el.scrollTo(0, el.scrollHeight);
                await frame();
                await frame();
            }"""
        )
    assert items.count() == total, (query, total)
    return page.evaluate(
        """() => ({
            meta: document.querySelector('.md-search-result__meta').textContent.trim(),
            hrefs: [...document.querySelectorAll(
                '.md-search-result__item > .md-search-result__link')].map(a => a.href),
            titles: [...document.querySelectorAll(
                '.md-search-result__item h1, .md-search-result__item h2')].map(h => h.textContent),
        })"""
    )


def ranked_pages(hrefs: list[str]) -> list[str]:
    return list(dict.fromkeys(urlsplit(href).path for href in hrefs))


def check_language(result: dict, language: str) -> None:
    paths = ranked_pages(result["hrefs"])
    if language == "zh":
        assert all(p.startswith("/zh/") for p in paths), paths
    else:
        assert not [p for p in paths if p.startswith("/zh/")], paths
    assert not [t for t in result["titles"] if ZERO_WIDTH.search(t)], result["titles"]


def test_the_identifiers_include_five_on_some_page_and_three_on_none(site: Path) -> None:
    found = [i for i in IDENTIFIERS if pages_with(site, "en", i)[0]]
    assert len(found) >= 5, found
    assert len(set(IDENTIFIERS) - set(found)) >= 3, found
    # Both languages show the same code, so the same identifiers.
    for identifier in IDENTIFIERS:
        en, zh = (pages_with(site, lang, identifier)[0] for lang in LANGUAGES)
        assert {p.removeprefix("/zh") for p in zh} == en, identifier


@pytest.mark.parametrize("identifier", IDENTIFIERS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_an_identifier_finds_the_pages_that_contain_it_first_and_nothing_else(
    page, site: Path, language: str, identifier: str
) -> None:
    exact, longer = pages_with(site, language, identifier)
    page.goto(ROOTS[language].lstrip("/"))
    result = search(page, identifier)
    check_language(result, language)
    ranked = ranked_pages(result["hrefs"])
    assert set(ranked[: len(exact)]) == exact, (identifier, ranked)
    assert set(ranked[len(exact) :]) <= longer, (identifier, ranked)
    if not exact | longer:
        assert ranked == []
        none = page.evaluate(
            "JSON.parse(document.querySelector('#__config').textContent)"
            ".translations['search.result.none']"
        )
        assert result["meta"] == none


@pytest.mark.parametrize(
    "language, query, expected",
    [(lang, q, e) for lang, queries in MORE.items() for q, e in queries],
)
def test_search_answers_in_the_language_of_the_page(
    page, language: str, query: str, expected: str
) -> None:
    page.goto(ROOTS[language].lstrip("/") + Page(expected).url)
    result = search(page, query)
    check_language(result, language)
    assert ROOTS[language] + Page(expected).url in ranked_pages(result["hrefs"])[:5], result
