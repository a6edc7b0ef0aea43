"""Chinese pages read as Chinese: full-width punctuation in Chinese sentences, no stray spaces
in the rendered text, and the house copywriting style (autocorrect, `.autocorrectrc`).

Half-width `,` `;` `:` `?` `!` `(` `)` right next to a Chinese character is what a translation
pasted from English (or a tool that folds full-width input) leaves behind.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import autocorrect_py
import pytest
from bs4 import BeautifulSoup

from tests.docs_layout import DOCS, ROOT, Page, pages
from tests.visible_text import rendered_lines

_spec = importlib.util.spec_from_file_location("cjk_hook", DOCS / "overrides" / "cjk.py")
cjk = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cjk)
HOUSE_STYLE = ROOT / ".autocorrectrc"

HAN = r"[\u4e00-\u9fff]"
HALF_WIDTH = re.compile(rf"{HAN}[,;:?!()]|[,;:?!()]{HAN}")
CODE = re.compile(r"(`+)[^`]*?\1|^(`{3,}|~{3,}).*?^\2", re.MULTILINE | re.DOTALL)
LINK_TARGET = re.compile(r"\]\([^)]*\)|\{\s*#[\w-]+\s*\}")
# A title quoted verbatim between 《》 keeps its original punctuation.
QUOTED_TITLE = re.compile(r"《[^》]*》")


def prose(text: str) -> str:
    text = CODE.sub(" ", text)
    text = LINK_TARGET.sub("] ", text)
    text = QUOTED_TITLE.sub("《》", text)
    return "\n".join(line for line in text.splitlines() if "--8<--" not in line)


def test_detector_flags_half_width_punctuation() -> None:
    assert HALF_WIDTH.search(prose("隐藏状态,细胞状态"))
    assert not HALF_WIDTH.search(
        prose("隐藏状态，细胞状态；见 `f(x, y)` 与 [双向](bidirectional.md)。")
    )


@pytest.mark.parametrize("page", pages(), ids=str)
def test_chinese_page_uses_full_width_punctuation(page: Page) -> None:
    text = prose(page.source("zh").read_text(encoding="utf-8"))
    found = sorted({m.group() for m in HALF_WIDTH.finditer(text)})
    assert not found, f"{page.source('zh').name}: {found}"


# --- Stray spaces: what a reader sees on the built /zh/ pages, code excluded. ---

CJK_TEXT = f"[{cjk.HAN}{cjk.FULL_WIDTH_PUNCTUATION}]"
STRAY_SPACE = re.compile(f"{CJK_TEXT} +[{cjk.HAN}]|[{cjk.FULL_WIDTH_PUNCTUATION}] +\\S")


def rendered_text(html: str) -> list[str]:
    """An article's visible text, line by line, as a browser lays it out; code reads as `x`."""
    soup = BeautifulSoup(html, "html.parser")
    return rendered_lines(soup.select_one("article") or soup, "x")


def stray_spaces(html: str) -> list[str]:
    return [match.group() for line in rendered_text(html) for match in STRAY_SPACE.finditer(line)]


def test_detector_flags_spaces_a_reader_would_see() -> None:
    assert stray_spaces("<article><p>它的\n最终隐藏状态</p></article>") == ["的 最"]
    assert stray_spaces("<article><p>解包，\n<em>最后</em></p></article>") == ["， 最"]
    assert stray_spaces("<article><p>官方参考： <code>torch</code></p></article>") == ["： x"]
    assert not stray_spaces("<article><p>中文</p>\n<p>中文</p><pre>中 文</pre></article>")
    assert not stray_spaces("<article><p>调用 <code>pack</code> 之后，得到 3 个</p></article>")


@pytest.mark.parametrize(
    ("source", "rendered"),
    [
        ("<p>实测到的\n现象</p>", "<p>实测到的现象</p>"),
        ("<p>解包，\n  最后</p>", "<p>解包，最后</p>"),
        ("<p>官方参考：\ntorch.nn.LSTM</p>", "<p>官方参考：torch.nn.LSTM</p>"),
        ("<p>它的\n<strong>最终</strong>状态</p>", "<p>它的<strong>最终</strong>状态</p>"),
        ("<p><em>它的</em>\n最终</p>", "<p><em>它的</em>最终</p>"),
        # A break next to Latin text or code is the space the house style wants there.
        ("<p>调用\n<code>pack</code>\n之后</p>", "<p>调用\n<code>pack</code>\n之后</p>"),
        ("<p>批大小\n8</p>", "<p>批大小\n8</p>"),
        ("<p>hidden\nstate</p>", "<p>hidden\nstate</p>"),
        ("<pre><code>中文\n中文</code></pre>", "<pre><code>中文\n中文</code></pre>"),
        ("<script>a = '中'\n+ '文'</script>", "<script>a = '中'\n+ '文'</script>"),
        ("<p>中文 中文</p>", "<p>中文 中文</p>"),
    ],
)
def test_soft_breaks_inside_chinese_text_are_removed(source: str, rendered: str) -> None:
    assert cjk.join_cjk_breaks(source) == rendered


@pytest.mark.parametrize("page", pages(), ids=str)
def test_rendered_chinese_page_has_no_stray_spaces(site: Path, page: Page) -> None:
    html = page.built(site, "zh").read_text(encoding="utf-8")
    assert rendered_text(html), "no article text found"
    assert not stray_spaces(html), sorted(set(stray_spaces(html)))


# --- Copywriting: autocorrect with the house style in .autocorrectrc. ---


def lint(text: str, name: str) -> list[tuple[int, str, str]]:
    autocorrect_py.load_config(HOUSE_STYLE.read_text(encoding="utf-8"))
    return [
        (line.line, line.old, line.new)
        for line in autocorrect_py.lint_for(text, name).lines
        # A title quoted verbatim between 《》 keeps its original typesetting.
        if QUOTED_TITLE.sub("《》", line.old) != QUOTED_TITLE.sub("《》", line.new)
    ]


def test_linter_applies_the_house_style() -> None:
    assert lint("使用123个LSTM层，见 `h_n`。\n", "x.md")
    assert lint("现象： 中文\n", "x.md")
    assert lint("隐藏状态,细胞状态\n", "x.md")
    assert not lint("使用 123 个 LSTM 层，见 `h_n`。\n\n```python\nx=1#中文abc\n```\n", "x.md")
    assert not lint("博客《使用output(输出层),什么》\n", "x.md")


@pytest.mark.parametrize("page", pages(), ids=str)
def test_chinese_source_passes_the_copywriting_linter(page: Page) -> None:
    source = page.source("zh")
    found = lint(source.read_text(encoding="utf-8"), source.name)
    assert not found, "\n".join(f"{source.name}:{n}: {old!r} -> {new!r}" for n, old, new in found)


# --- Soft line breaks in the Chinese sources. ---
# cjk.py drops them from the HTML, but the Markdown is read as written too (the pages' Markdown
# copies, llms.txt readers, the repository view): one paragraph per line, as Chinese text is
# typed, wherever a break would fall after full-width punctuation or between two Chinese characters.

FENCE = re.compile(r"^\s*(```|~~~)")
# A line that starts a new Markdown block rather than continuing the paragraph above.
BLOCK_START = re.compile(r"^([-*+] |\d+[.)] |#|\||>|!!!|\?\?\?|<|:::|---|--8<--|\{)")


def soft_breaks(text: str) -> list[int]:
    """Line numbers whose paragraph continues on the next line across Chinese text."""
    lines = text.split("\n")
    start = lines.index("---", 1) + 1 if lines[:1] == ["---"] else 0
    found, in_fence = [], False
    for number in range(start, len(lines) - 1):
        line, after = lines[number], lines[number + 1].strip()
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or not line.strip() or not after or FENCE.match(after):
            continue
        if BLOCK_START.match(line.lstrip()) and not re.match(r"[-*+] |\d+[.)] ", line.lstrip()):
            continue
        if BLOCK_START.match(after):
            continue
        last, first = line[-1], after[0]
        if cjk.PUNCTUATION.match(last) or (cjk.CJK.match(last) and cjk.CJK.match(first)):
            found.append(number + 1)
    return found


def test_detector_finds_soft_breaks() -> None:
    text = (
        "---\ndescription: 描述，\n续\n---\n"
        "第一行，\n`code` 续。\n\n隐藏\n状态\n\n```\n代码，\n续\n```\n"
    )
    assert soft_breaks(text) == [5, 8]
    assert soft_breaks("- 列表项，\n  续\n## 标题\n正文\n| 表， |\n| 格 |\n") == [1]


@pytest.mark.parametrize(
    "source", sorted(DOCS.rglob("*.zh.md")), ids=lambda path: str(path.relative_to(DOCS))
)
def test_chinese_source_keeps_each_paragraph_on_one_line(source: Path) -> None:
    found = soft_breaks(source.read_text(encoding="utf-8"))
    assert not found, f"{source.relative_to(ROOT)}: a paragraph breaks at lines {found}"
