"""The answer first: each topic page opens with a short summary, and the myths live on one page.

Each page below answers its title's question in an `!!! abstract` box right after the H1, before
any other text. The summary states no fact of its own: every link in it goes to a section of the
same page whose code the tests run. The rebuttals of blog and forum claims live on the Myths
page (`docs/myths.md`, code in `snippets/myths.py`), with the same myth ids in both languages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.docs_layout import INCLUDE_LINE, LANGUAGES, Page, heading_ids, includes, pages

ANSWER_FIRST = (
    "output-vs-hn",
    "bidirectional",
    "packed-sequences",
    "batch-first",
    "choosing-output-or-hn",
    "lstmcell",
)
TITLES = {"en": "In short", "zh": "简而言之"}
MYTHS = Page("myths")
MYTHS_MODULE = "snippets/myths.py"

H1 = re.compile(r"^# \S.*$", re.MULTILINE)
HEADING = re.compile(r"^(?P<hashes>#{1,6}) .*?(?:\{\s*#(?P<id>[\w-]+)\s*\})?\s*$")
SAME_PAGE_LINK = re.compile(r"\]\(#(?P<id>[\w-]+)\)")
CASES = [(stem, language) for stem in ANSWER_FIRST for language in LANGUAGES]


def summary(markdown: str, where: object) -> str:
    """The `!!! abstract` box that opens the page: its title line and indented body.

    Raises AssertionError, naming the page, when the first block after the H1 is anything else.
    """
    h1 = H1.search(markdown)
    assert h1, f"{where}: no H1"
    rest = markdown[h1.end() :].lstrip("\n")
    first, _, body = rest.partition("\n")
    assert first.startswith("!!! abstract "), (
        f"{where}: the first block after the H1 must be the summary (`!!! abstract`), "
        f"found {first!r}"
    )
    lines = []
    for line in body.splitlines():
        if line.strip() and not line.startswith("    "):
            break
        lines.append(line)
    assert any(line.strip() for line in lines), f"{where}: the summary box is empty"
    return first + "\n" + "\n".join(lines)


def section(markdown: str, anchor: str) -> str:
    """The text under the heading `{ #anchor }`, down to the next heading of its level or higher."""
    lines = markdown.splitlines()
    for start, line in enumerate(lines):
        match = HEADING.match(line)
        if match and match["id"] == anchor:
            level = len(match["hashes"])
            body = []
            for later in lines[start + 1 :]:
                other = HEADING.match(later)
                if other and len(other["hashes"]) <= level:
                    break
                body.append(later)
            return "\n".join(body)
    raise AssertionError(f"no heading {{ #{anchor} }}")


def runs_code(text: str) -> bool:
    """Whether a piece of a page includes a snippet section (code the tests run)."""
    return any(path.startswith("snippets/") for path, _ in _includes(text))


def _includes(text: str) -> list[tuple[str, str | None]]:
    """(file, section) of every `--8<--` include in a piece of Markdown."""
    return [
        (m["path"], m["section"]) for line in text.splitlines() if (m := INCLUDE_LINE.match(line))
    ]


@pytest.mark.parametrize("stem, language", CASES)
def test_page_opens_with_its_summary(stem: str, language: str) -> None:
    source = Page(stem).source(language)
    box = summary(source.read_text(encoding="utf-8"), source.name)
    assert box.splitlines()[0] == f'!!! abstract "{TITLES[language]}"', source.name


@pytest.mark.parametrize("stem, language", CASES)
def test_summary_links_to_executed_proofs_on_its_page(stem: str, language: str) -> None:
    source = Page(stem).source(language)
    markdown = source.read_text(encoding="utf-8")
    anchors = SAME_PAGE_LINK.findall(summary(markdown, source.name))
    assert anchors, f"{source.name}: the summary links to no section of its page"
    missing = sorted(set(anchors) - set(heading_ids(source)))
    assert not missing, f"{source.name}: the summary links to anchors the page lacks: {missing}"
    unproved = [a for a in anchors if not runs_code(section(markdown, a))]
    assert not unproved, (
        f"{source.name}: summary links to sections without executed code: {unproved}"
    )


def test_summaries_link_the_same_sections_in_both_languages() -> None:
    for stem in ANSWER_FIRST:
        linked = {
            language: SAME_PAGE_LINK.findall(
                summary(Page(stem).source(language).read_text(encoding="utf-8"), stem)
            )
            for language in LANGUAGES
        }
        assert linked["en"] == linked["zh"], f"{stem}: {linked}"


def test_myths_have_the_same_ids_in_both_languages() -> None:
    ids = {language: heading_ids(MYTHS.source(language)) for language in LANGUAGES}
    assert ids["en"], "docs/myths.md has no headings with ids"
    assert ids["en"] == ids["zh"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_myth_is_refuted_by_executed_code(language: str) -> None:
    source = MYTHS.source(language)
    markdown = source.read_text(encoding="utf-8")
    myths = re.findall(r"^### .*\{\s*#([\w-]+)\s*\}\s*$", markdown, re.MULTILINE)
    assert myths, f"{source.name}: no myths (### headings with ids)"
    for myth in myths:
        shown = [p for p, _ in _includes(section(markdown, myth))]
        assert MYTHS_MODULE in shown, f"{source.name}#{myth}: no code from {MYTHS_MODULE}"


def test_myth_sections_are_shown_on_the_myths_page_only() -> None:
    # One source of truth: a moved rebuttal is not also included from another page.
    elsewhere = [
        f"{page.source(language).name}: {section}"
        for page in pages()
        if page != MYTHS
        for language in LANGUAGES
        for path, section in includes(page.source(language))
        if path == MYTHS_MODULE
    ]
    assert not elsewhere, elsewhere


@pytest.mark.parametrize("stem, language", CASES)
def test_built_page_shows_the_summary_right_after_the_title(
    site: Path, stem: str, language: str
) -> None:
    html = BeautifulSoup(Page(stem).built(site, language).read_text("utf-8"), "html.parser")
    h1 = html.select_one("article h1")
    assert h1 is not None
    first = h1.find_next_sibling()
    assert first is not None and "admonition" in first.get("class", []), first
    assert "abstract" in first["class"]
    title = first.select_one(".admonition-title")
    assert title is not None and title.get_text(strip=True) == TITLES[language]
    ids = {tag["id"] for tag in html.select("[id]")}
    links = [a["href"][1:] for a in first.select('a[href^="#"]')]
    assert links and set(links) <= ids, (links, sorted(ids))
