"""The Chinese pages are written in Chinese: no English left in their prose by accident.

On each built /zh/ page, every run of Latin-letter words a reader sees must be one of:

- code: inside `code`, `pre`, `kbd`, maths or a diagram; or a word the page itself shows as
  inline code (a plain-text heading saying `lengths` names that identifier), or that a page
  title names and its own page shows as code (`output` in 该用 output 还是 h_n, wherever that
  title is cited); or a token only code has (`h_n`, `nn.LSTM`, `float32`, `2.13.0+cpu`, a
  one-letter symbol);
- a name that stays English on purpose, listed once in the glossary (`snippets/glossary.py`,
  section `names`, shown on the glossary page);
- a glossary term in parentheses right after its Chinese term: 步长（stride）;
- part of a title quoted verbatim between 《》.

Blocks that are English by design (API docstrings, notebook code cells, the glossary's own
table) are listed, with the reason, in `ENGLISH_BY_DESIGN` in the same module.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from snippets.glossary import ENGLISH_BY_DESIGN
from tests.docs_layout import SNIPPETS, Page, pages, sections, translated_sources
from tests.page_names import code_spans, title
from tests.test_glossary import glossary, terms
from tests.visible_text import rendered_lines

CODE = "\x02"  # what each piece of inline code reads as
# Runs of words with at least one Latin letter; `\w` would also take Chinese characters.
RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+#/'’-]*(?:[ \t]+[A-Za-z0-9][A-Za-z0-9_.+#/'’-]*)*")
LATIN = re.compile(r"[A-Za-z]")
# A token only code has: an underscore, a dot, a slash, a digit, `+` or `#`, or one letter.
CODE_TOKEN = re.compile(r".*[_./+#0-9].*|[A-Za-z]")
QUOTED_TITLE = re.compile(r"《[^》]*》")


def kept_names() -> list[str]:
    """The names that stay English on the Chinese pages (glossary section `names`)."""
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in sections(SNIPPETS / "glossary.py")["names"].splitlines()
        if line.startswith("|") and not line.startswith("|---")
    ]
    names = [name.strip() for row in rows[1:] for name in row[0].split(",")]
    assert names and all(names), rows
    # Longest first, so that "ONNX Runtime" is taken whole before "ONNX".
    return sorted(names, key=len, reverse=True)


@cache
def title_identifiers() -> frozenset[str]:
    """Words of Chinese page titles that their own page shows as code (output, h_n): a title
    cannot hold code, and names an identifier in plain text wherever it is cited."""
    found = set()
    for source in translated_sources():
        code = {w for span in code_spans(source.read_text(encoding="utf-8")) for w in words(span)}
        found |= set(words(title(source))) & code
    return frozenset(found)


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z_]\w*", text)


def glossary_pairs() -> list[tuple[list[str], list[str]]]:
    """(English terms, Chinese terms) of each glossary row; "x (y)" gives both x and y."""
    pairs = []
    for row in glossary():
        english = []
        for term in terms(row[0]):
            english += [t.strip() for t in re.split(r"[()]", term) if t.strip()]
        pairs.append((english, terms(row[1])))
    return pairs


def visible_lines(html: str, page: str) -> tuple[list[str], set[str]]:
    """The article's text line by line (code as \\x02), and the words its inline code shows."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None, "no <article> on the page"
    for where, selector, _ in ENGLISH_BY_DESIGN:
        if where not in ("*", page):
            continue
        if article.css.match(selector):
            return [], set()
        for element in article.select(selector):
            element.decompose()
    code_words = set(title_identifiers()) | {
        word
        for code in article.find_all("code")
        if code.find_parent("pre") is None
        for word in words(code.get_text())
    }
    return rendered_lines(article, CODE), code_words


def english_left(line: str, code_words: set[str]) -> list[str]:
    """The runs of English in one line of Chinese text that none of the rules lets through."""
    line = QUOTED_TITLE.sub("《》", line)
    found = []
    for run in RUN.finditer(line):
        rest = run.group()
        if not LATIN.search(rest):
            continue
        for name in kept_names():
            rest = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", " ", rest)
        words = [w for w in rest.split() if not CODE_TOKEN.fullmatch(w) and w not in code_words]
        if not words or glossed(line, run):
            continue
        found.append(run.group())
    return found


def glossed(line: str, run: re.Match[str]) -> bool:
    """A glossary term in parentheses right after its Chinese term: 步长（stride）."""
    before, after = line[: run.start()], line[run.end() :]
    if not (before.endswith("（") and after.startswith("）")):
        return False
    return any(
        run.group().casefold() in (e.casefold() for e in english)
        and any(before[:-1].endswith(term) for term in chinese)
        for english, chinese in glossary_pairs()
    )


def english_on(html: str, page: str) -> list[str]:
    lines, code_words = visible_lines(html, page)
    return [
        f"{run!r} in “{line[:80].replace(CODE, '`…`')}”"
        for line in lines
        for run in english_left(line, code_words)
    ]


@pytest.mark.parametrize("page", pages(), ids=str)
def test_chinese_page_has_no_untranslated_english(site: Path, page: Page) -> None:
    html = page.built(site, "zh").read_text(encoding="utf-8")
    found = english_on(html, page.stem)
    assert not found, f"/zh/{page.url}: English in Chinese prose:\n" + "\n".join(found)


# --- The rules, on planted pages. ---


def article(body: str) -> str:
    return f"<html><body><article>{body}</article></body></html>"


@pytest.mark.parametrize(
    "body",
    [
        "<p>整个 state dict 载入不了。</p>",
        "<p>每个失败也对应一个上游 issue。</p>",
        "<p>看步长（strides）就明白了。</p>",
        "<p>看长度（stride）就明白了。</p>",
        "<h2>features</h2>",
        # A notebook's Markdown cell is prose, though Jupyter puts it in an input area too.
        "<div class='jp-MarkdownCell'><div class='jp-InputArea'><p>每个 epoch 结束后</p></div>"
        "</div>",
        "<p>见 <a href='x'>this page</a>。</p>",
    ],
)
def test_untranslated_english_is_found(body: str) -> None:
    assert english_on(article(body), "index")


@pytest.mark.parametrize(
    "body",
    [
        "<p>在 GPU 上，<code>nn.LSTM</code> 由 cuDNN 计算；ONNX Runtime 也一样。</p>",
        "<h2>lengths 留在 CPU 上</h2><p>把 <code>lengths</code> 放在 CPU 上。</p>",
        "<p>看步长（stride）就明白了；h_n 与 c_n、float32、2.13.0+cpu、i、f、g、o。</p>",
        "<p>一篇博客《pytorch lstm 什么时候使用output》。</p>",
        "<pre><code>print('hello world')</code></pre><p>中文。</p>",
        "<div class='doc-contents'><p>Returns the final hidden state.</p></div>",
        "<div class='jp-CodeCell'><div class='jp-InputArea'><div>print('hello world')</div></div>"
        "</div>",
    ],
)
def test_code_kept_names_glossed_terms_and_titles_pass(body: str) -> None:
    assert not english_on(article(body), "index")


def test_the_glossary_page_is_english_by_design() -> None:
    assert not english_on(article("<p>English term, 中文</p>"), "glossary")
    assert english_on(article("<p>English term, 中文</p>"), "index")
