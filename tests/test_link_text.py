"""A link to another page says that page's name: its title or its one short form.

The names come from the target page itself (tests/page_names.py: its H1, its front matter's
`short_title:`, a section's heading), so a page renamed in one place is renamed everywhere,
and "常见陷阱", "这里" or "home page" in place of a page's name fails here with the names
that would do. tests/test_translation_parity.py checks that both languages link the same
targets in the same order.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from tests.docs_layout import DOCS, LANGUAGES, Page, pages
from tests.page_names import (
    Link,
    PageNameError,
    accepted_names,
    link_text_is_accepted,
    links,
    series,
    short_title,
    title,
)

SOURCES = [page.source(lang) for page in pages() for lang in LANGUAGES]


def source_id(source: Path) -> str:
    return str(source.relative_to(DOCS))


@pytest.mark.parametrize("source", SOURCES, ids=source_id)
def test_links_to_pages_use_the_pages_names(source: Path) -> None:
    wrong = [
        f"{link}: say one of {accepted_names(link.page, link.anchor)}"
        for link in links(source)
        if not link_text_is_accepted(link)
    ]
    assert not wrong, "link text is not the target's name:\n" + "\n".join(wrong)


@pytest.mark.parametrize("source", SOURCES, ids=source_id)
def test_links_point_at_existing_pages(source: Path) -> None:
    missing = [str(link) for link in links(source) if not link.page.is_file()]
    assert not missing, missing


@pytest.mark.parametrize("page", pages(), ids=str)
def test_page_names_have_the_expected_form(page: Page) -> None:
    names = {lang: (title(page.source(lang)), short_title(page.source(lang))) for lang in LANGUAGES}
    declared = [lang for lang, (_, short) in names.items() if short is not None]
    assert declared in ([], list(LANGUAGES)), (
        f"{page}: a short_title in {declared} only; declare it in every language or in none"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_short_form_names_one_page_or_one_series(lang: str) -> None:
    by_name: dict[str, list[Path]] = defaultdict(list)
    for page in pages():
        source = page.source(lang)
        by_name[title(source)].append(source)
        if short := short_title(source):
            by_name[short].append(source)
    shared = {
        name: [source_id(s) for s in sources]
        for name, sources in by_name.items()
        if len(sources) > 1 and any(series(s) != name for s in sources)
    }
    assert not shared, f"names given to several pages (only a series prefix may be): {shared}"


# --- The rules themselves, on the real pages and on planted files. ---


def link(source: str, text: str, target: str) -> Link:
    path, _, anchor = target.partition("#")
    page = DOCS / path
    if source.endswith(".zh.md"):
        page = page.with_name(path.removesuffix(".md") + ".zh.md")
    return Link(DOCS / source, 1, text, target, page, anchor or None)


@pytest.mark.parametrize(
    ("source", "text", "target"),
    [
        ("index.zh.md", "常见错误：输入、输出与状态", "pitfalls.md"),
        ("index.zh.md", "常见错误", "pitfalls.md#h0-batch-first"),
        ("index.zh.md", "输入形状", "inputs-and-parameters.md#input-shapes"),
        ("index.zh.md", "有填充的批次", "choosing-output-or-hn.md#padded-batches"),
        ("index.md", "variable-length batches", "packed-sequences.md"),
        ("index.md", "`proj_size`", "inputs-and-parameters.md#proj-size"),
        ("index.md", "initial state `h_0` and `c_0`", "inputs-and-parameters.md#initial-state"),
        ("index.md", "`LearnedInitialState`", "recipes-api.md#learned-initial-state"),
        # A section that renders API objects (`::: snippets.recipe_seq2seq.bridge_state`).
        ("index.zh.md", "`bridge_state`", "recipes-api.md#seq2seq"),
        ("index.md", "`snippets.recipe_seq2seq.Seq2Seq`", "recipes-api.md#seq2seq"),
    ],
)
def test_titles_short_forms_and_headings_are_accepted(source: str, text: str, target: str) -> None:
    assert link_text_is_accepted(link(source, text, target))


@pytest.mark.parametrize(
    ("source", "text", "target"),
    [
        ("index.zh.md", "常见陷阱", "pitfalls.md"),
        ("index.zh.md", "变长序列的批处理", "packed-sequences.md"),
        ("index.zh.md", "这里", "inputs-and-parameters.md#proj-size"),
        ("index.zh.md", "首页", "index.md"),
        ("index.md", "here", "inputs-and-parameters.md"),
        ("index.md", "this page", "bidirectional.md"),
        # A heading's words out of code, or another page's heading, are not a name.
        ("index.md", "`hidden_size`", "inputs-and-parameters.md#proj-size"),
        ("index.md", "Input shapes", "inputs-and-parameters.md#proj-size"),
        ("index.md", "`Seq2Seq`", "recipes-api.md#attention"),
        # English names may change the case of their first letter only.
        ("index.md", "Variable-Length Batches", "packed-sequences.md"),
    ],
)
def test_ad_hoc_link_text_is_rejected(source: str, text: str, target: str) -> None:
    assert not link_text_is_accepted(link(source, text, target))


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_parser_finds_every_link_to_a_page_and_nothing_else(tmp_path: Path) -> None:
    write(tmp_path / "b.md", "# B\n")
    source = write(
        tmp_path / "a.zh.md",
        '# A\n\n[乙](b.md) and [`x` 乙][ref] and [乙][] too, [see](b.md#part "title").\n'
        "![image](b.md) [in page](#x) [out](https://example.org/b.md) [file](b.ipynb)\n"
        "`[code](b.md)`\n\n```markdown\n[fenced](b.md)\n```\n\n"
        "[ref]: b.md#sec\n[乙]: b.md\n",
    )
    found = [(lnk.line, lnk.text, lnk.target, lnk.page.name, lnk.anchor) for lnk in links(source)]
    assert found == [
        (3, "乙", "b.md", "b.zh.md", None),
        (3, "`x` 乙", "b.md#sec", "b.zh.md", "sec"),
        (3, "乙", "b.md", "b.zh.md", None),
        (3, "see", "b.md#part", "b.zh.md", "part"),
    ]


@pytest.mark.parametrize(
    ("front_matter", "error"),
    [
        ("short_title: 3\n", "short_title: 3; expected"),
        ("short_title: ''\n", "expected `short_title:` to be one line"),
        ("short_title: '[B](b.md)'\n", "without [ ] ( ) or backticks"),
        ("short_title: Title of B\n", "not the title 'Title of B'"),
        (f"short_title: {'x' * 41}\n", "at most 40 characters"),
        ("description: a: b\n", "front matter is not valid YAML"),
    ],
)
def test_a_bad_short_title_fails_with_the_file_and_the_expected_form(
    tmp_path: Path, front_matter: str, error: str
) -> None:
    source = write(tmp_path / "b.md", f"---\n{front_matter}---\n\n# Title of B\n")
    with pytest.raises(PageNameError, match="b.md") as raised:
        short_title(source)
    assert error in str(raised.value)
