"""Search in the reader's language: each language has its own index, under its own root.

The split itself (docs/overrides/search_index.py) is tested as plain functions; the built site
is checked for what a browser then gets: every page's `base` is its language's root, where
that language's index lies, holding its pages only, with clean titles, within the size budget.
What a reader sees when typing queries is tested in Chromium (tests/test_browser_search.py).
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from tests.docs_layout import DOCS, LANGUAGES, Page, pages

_spec = importlib.util.spec_from_file_location(
    "search_index_hook", DOCS / "overrides" / "search_index.py"
)
search_index = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(search_index)

ROOTS = {"en": "", "zh": "zh/"}
INDEX_BUDGET = 350 * 1024
ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")


def merged_index() -> dict:
    return {
        "config": {
            "lang": ["en", "zh"],
            "separator": "[\\s\u200b]+",
            "pipeline": ["stopWordFilter"],
            "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}},
        },
        "docs": [
            {"location": "", "title": "Home", "text": "hidden state"},
            {"location": "batch-first/#shapes", "title": "Shapes", "text": "batch_first"},
            {"location": "zh/", "title": "首页", "text": "隐藏\u200b状态"},
            {"location": "zh/batch-first/#shapes", "title": "形状\u200b与\u200b布局", "text": "x"},
        ],
    }


def test_split_gives_each_language_its_own_entries_relative_to_its_root() -> None:
    split = search_index.split_index(merged_index(), ROOTS)
    assert [d["location"] for d in split["en"]["docs"]] == ["", "batch-first/#shapes"]
    assert [d["location"] for d in split["zh"]["docs"]] == ["", "batch-first/#shapes"]
    assert [d["text"] for d in split["zh"]["docs"]] == ["隐藏\u200b状态", "x"]


def test_split_shows_titles_without_zero_width_spaces_and_searches_the_segmented_ones() -> None:
    split = search_index.split_index(merged_index(), ROOTS)
    shapes = split["zh"]["docs"][1]
    assert shapes["title"] == "形状与布局"
    assert shapes["title_words"] == "形状\u200b与\u200b布局"
    assert "title_words" not in split["zh"]["docs"][0]
    assert "title_words" not in split["en"]["docs"][1]
    for language in ROOTS:
        fields = split[language]["config"]["fields"]
        assert fields["title_words"] == fields["title"] == {"boost": 1000.0}


def test_split_keeps_only_the_lunr_languages_each_language_needs() -> None:
    split = search_index.split_index(merged_index(), ROOTS)
    assert split["en"]["config"]["lang"] == ["en"]
    assert split["zh"]["config"]["lang"] == ["en", "zh"]
    assert split["zh"]["config"]["separator"] == merged_index()["config"]["separator"]


def test_split_leaves_the_merged_index_unchanged() -> None:
    merged = merged_index()
    search_index.split_index(merged, ROOTS)
    assert merged == merged_index()


def test_code_blocks_keep_only_the_identifiers_the_prose_lacks() -> None:
    separator = '[\\s\u200b\\-,:!=\\[\\]()"`/]+|\\.(?!\\d)'
    text = (
        "<p>Call <code>pack_padded_sequence</code> first.</p>"
        "<pre><span>&gt;&gt;&gt; </span>out, (h_n, c_n) = lstm(pack_padded_sequence(x, [3, 2]))\n"
        "&gt;&gt;&gt; h_n.shape\ntorch.Size([1, 2, 8])</pre>"
        "<pre>h_n = lstm.flatten_parameters()</pre><pre>3 + 2</pre>"
    )
    assert search_index.compact_code(text, separator) == (
        "<p>Call <code>pack_padded_sequence</code> first.</p>"
        "<pre>out h_n c_n lstm x shape torch Size</pre><pre>flatten_parameters</pre>"
    )


def test_the_index_compacts_code_but_keeps_every_identifier() -> None:
    index = merged_index()
    index["config"]["separator"] = "[\\s\u200b(),.=]+"
    index["docs"][1]["text"] = "<pre>lstm.flatten_parameters(); lstm.flatten_parameters()</pre>"
    entry = search_index.split_index(index, ROOTS)["en"]["docs"][1]
    assert entry["text"] == "<pre>lstm flatten_parameters</pre>"


def test_the_longest_root_wins() -> None:
    roots = {"en": "", "zh": "zh/", "zh-TW": "zh/tw/"}
    assert search_index.language_of("zh/tw/page/", roots) == "zh-TW"
    assert search_index.language_of("zh/page/", roots) == "zh"
    assert search_index.language_of("zhuyin/", roots) == "en"


@pytest.mark.parametrize(
    "index, roots, message",
    [
        ({"docs": []}, ROOTS, "'config' and 'docs'"),
        (merged_index(), {"en": "en/", "zh": "zh/"}, "exactly one language rooted"),
        (merged_index(), {"zh": "zh/", "en": "en/", "x": "", "y": ""}, "exactly one language"),
    ],
)
def test_split_rejects_what_it_cannot_split(index: dict, roots: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        search_index.split_index(index, roots)


def test_a_location_under_no_root_is_rejected() -> None:
    with pytest.raises(ValueError, match="holds 'fr/page/'"):
        search_index.language_of("fr/page/", {"zh": "zh/"})


# The built site.


def index_of(site: Path, language: str) -> Path:
    return site / ROOTS[language] / "search" / "search_index.json"


def load(site: Path, language: str) -> dict:
    return json.loads(index_of(site, language).read_text(encoding="utf-8"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_index_within_budget(site: Path, language: str) -> None:
    size = index_of(site, language).stat().st_size
    assert size <= INDEX_BUDGET, f"{language}: {size / 1024:.0f} KB > {INDEX_BUDGET / 1024:.0f} KB"


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_index_holds_every_page_of_its_language_and_nothing_else(
    site: Path, language: str
) -> None:
    root = site / ROOTS[language]
    located = {doc["location"].split("#")[0] for doc in load(site, language)["docs"]}
    # Every entry leads to a page of this language (built under its root).
    for location in located:
        assert (root / location / "index.html").is_file(), location
        assert language == "zh" or not location.startswith("zh/"), location
    expected = {doc.url for doc in pages()}
    assert expected <= located, sorted(expected - located)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_identifier_is_one_word_to_search(site: Path, language: str) -> None:
    separator = re.compile(load(site, language)["config"]["separator"])
    assert separator.split("lstm.flatten_parameters()") == ["lstm", "flatten_parameters", ""]


@pytest.mark.parametrize("language", LANGUAGES)
def test_indexed_titles_carry_no_zero_width_characters(site: Path, language: str) -> None:
    docs = load(site, language)["docs"]
    assert not [d["title"] for d in docs if ZERO_WIDTH.search(d["title"])]
    han_titles = [d for d in docs if re.search(r"[\u4e00-\u9fff]", d["title"])]
    assert bool(han_titles) == (language == "zh")


@pytest.mark.parametrize("doc", pages(), ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_fetches_the_index_of_its_language(site: Path, doc: Page, language: str) -> None:
    # Material fetches `search/search_index.json` under the `base` of the page's __config.
    built = doc.built(site, language)
    html = BeautifulSoup(built.read_text("utf-8"), "html.parser")
    config = json.loads(html.select_one("#__config").string)
    folder = built.parent.relative_to(site).as_posix()
    page_url = "http://site/" + ("" if folder == "." else f"{folder}/")
    fetched = urljoin(urljoin(page_url, config["base"]), "search/search_index.json")
    assert fetched == f"http://site/{ROOTS[language]}search/search_index.json"
