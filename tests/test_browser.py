"""What readers see in Chromium, beyond the visit of every page (test_browser_pages.py).

Search finds Chinese and English words, Chinese glyphs render, the unwrapped code tokens look as
before, and the content stays put when the scrollbar appears. The helpers here (`url_of`,
`switch_language`, `AXE_SOURCE`) serve the visit of every page too.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest

from conftest import CHROMIUM_ARGS, chromium_executable
from tests.docs_layout import Page

LANGUAGE_NAMES = {"en": "English", "zh": "简体中文"}
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


def url_of(doc: Page, language: str) -> str:
    return doc.url if language == "en" else f"zh/{doc.url}"


def path_of(doc: Page, language: str) -> str:
    return "/" + url_of(doc, language)


def switch_language(page, language: str) -> None:
    page.locator(".md-header__option .md-select > button").hover()
    page.locator(".md-select__link", has_text=LANGUAGE_NAMES[language]).click()
    page.wait_for_load_state()


SEARCHES = [
    # (language, query, page that must be among the first results)
    ("en", "packed sequence", "packed-sequences"),
    ("en", "pad_packed_sequence", "packed-sequences"),
    ("en", "enforce_sorted", "packed-sequences"),
    ("en", "bidirectional", "bidirectional"),
    ("en", "forget gate", "lstmcell"),
    ("en", "LSTMCell", "lstmcell"),
    ("en", "contiguous", "batch-first"),
    ("en", "proj_size", "inputs-and-parameters"),
    ("en", "masked mean", "choosing-output-or-hn"),
    ("en", "GRU", "gru-and-rnn"),
    ("en", "glossary", "glossary"),
    ("en", "final_hidden", "helpers"),
    ("zh", "打包序列", "packed-sequences"),
    ("zh", "变长序列", "packed-sequences"),
    ("zh", "双向", "bidirectional"),
    ("zh", "遗忘门", "lstmcell"),
    ("zh", "细胞状态", "lstmcell"),
    ("zh", "隐藏状态", "output-vs-hn"),
    ("zh", "术语表", "glossary"),
    ("zh", "常见错误", "pitfalls"),
    ("zh", "序列标注", "choosing-output-or-hn"),
    ("zh", "连续", "batch-first"),
    ("zh", "投影", "gru-and-rnn"),
    ("zh", "工具函数", "helpers"),
]


@pytest.mark.parametrize("language", LANGUAGE_NAMES)
def test_search_finds_the_page(page, subtests, language: str) -> None:
    # One page load per language, one query after another: each a subtest.
    page.goto("./" if language == "en" else "zh/")
    page.keyboard.press("s")
    box = page.locator("input.md-search__input")
    items = page.locator(".md-search-result__item")
    searches = [(query, expected) for lang, query, expected in SEARCHES if lang == language]
    for query, expected in searches:
        with subtests.test(query):
            box.fill("")
            box.press("End")  # Material reads the query on keyup.
            items.first.wait_for(state="detached")  # no result of the last query is left
            box.fill(query)
            box.press("End")
            results = page.locator(".md-search-result__item > .md-search-result__link")
            results.first.wait_for()
            hrefs = [
                urlsplit(href).path for href in results.evaluate_all("els => els.map(e => e.href)")
            ]
            ranked = list(dict.fromkeys(hrefs))  # one entry per page, in result order
            target = path_of(Page(expected), language)
            assert target in ranked[:5], (query, ranked[:5])
            # Only pages of the reader's language, titled without jieba's zero-width spaces.
            assert all(path.startswith("/zh/") == (language == "zh") for path in ranked), ranked
            titles = page.locator(".md-search-result__item :is(h1, h2)").all_text_contents()
            assert titles and not [title for title in titles if "\u200b" in title], titles
    assert len(searches) >= 10


def test_chinese_glyphs_render(page) -> None:
    page.goto("zh/")
    # Two different characters draw different pixels only if a CJK font is installed;
    # without one both become the same empty box.
    differ = page.evaluate(
        """() => {
            const draw = (ch) => {
                const canvas = document.createElement('canvas');
                canvas.width = canvas.height = 40;
                const ctx = canvas.getContext('2d');
                ctx.font = '32px ' + getComputedStyle(document.body).fontFamily;
                ctx.fillText(ch, 2, 34);
                return Array.from(ctx.getImageData(0, 0, 40, 40).data).join(',');
            };
            const empty = draw(' ');
            return [draw('隐') !== draw('藏'), draw('隐') !== empty];
        }"""
    )
    assert differ == [True, True], "install fonts-noto-cjk"


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize(
    "path, code",
    [
        ("output-vs-hn/", ".md-content .highlight code"),
        ("notebooks/digits-classification/", ".jupyter-wrapper .highlight-ipynb pre"),
    ],
)
def test_unwrapped_tokens_look_like_their_pygments_spans(
    page, scheme: str, path: str, code: str
) -> None:
    # docs/overrides/hooks.py drops Pygments' spans around names (.n), punctuation (.p) and
    # whitespace (.w) to lighten pages; that is only invisible while each looks exactly like
    # plain code text, and the pages then hold none of them.
    page.goto(path)
    if scheme == "slate":
        page.locator("form[data-md-component=palette] label:visible").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == scheme
    looks = page.evaluate(
        """(selector) => {
            const code = document.querySelector(selector);
            const look = (el) => {
                const style = getComputedStyle(el);
                return [style.color, style.fontWeight, style.fontStyle,
                        style.textDecorationLine];
            };
            const left = document.querySelectorAll('span.n, span.p, span.w').length;
            const plain = look(code);
            const tokens = {};
            for (const token of ['n', 'p', 'w']) {
                const span = document.createElement('span');
                span.className = token;
                span.textContent = token === 'w' ? ' ' : 'lstm(';
                code.append(span);
                // No background of its own: the code's shows through.
                tokens[token] = [...look(span), getComputedStyle(span).backgroundColor];
            }
            return {plain, tokens, left};
        }""",
        code,
    )
    assert looks["left"] == 0, "hooks.py left spans it unwraps"
    for token, look in looks["tokens"].items():
        assert look == [*looks["plain"], "rgba(0, 0, 0, 0)"], (token, look, looks["plain"])


def test_content_does_not_move_when_the_scrollbar_appears(browser, site_url: str) -> None:
    # A long page is first painted before it is taller than the window; when the scrollbar then
    # appears, everything moved sideways unless its gutter is reserved (Lighthouse measured a
    # layout shift of 0.16 on /helpers/ in half of its runs). Playwright hides scrollbars
    # unless told otherwise; a reader's browser shows them.
    chromium = browser.browser_type.launch(
        executable_path=chromium_executable(),
        args=CHROMIUM_ARGS,
        ignore_default_args=["--hide-scrollbars"],
    )
    try:
        tab = chromium.new_page(base_url=site_url)
        tab.goto("helpers/")
        measure = """() => ({
            scrollbar: innerWidth - document.documentElement.clientWidth,
            overflows: document.documentElement.scrollHeight > innerHeight,
            left: document.querySelector('.md-main__inner').getBoundingClientRect().left,
        })"""
        long = tab.evaluate(measure)
        tab.evaluate(
            """() => document.querySelectorAll('.md-content, .md-sidebar, .md-footer')
                .forEach((el) => { el.style.display = 'none'; })"""
        )
        short = tab.evaluate(measure)
    finally:
        chromium.close()
    assert long["overflows"] and not short["overflows"]
    assert long["left"] == short["left"], (long, short)
