"""On a phone, every page in both languages is legible: no text under 12 px.

12 px is Lighthouse's threshold for legible text (its mobile preset: a 412 x 823 viewport at
1.75 device pixels per CSS pixel). Material sets code at 0.85em of its context, which was
10.9 px in tables, admonitions and the API page's docstrings, most of the API page's text.
"""

from __future__ import annotations

import pytest

from tests.docs_layout import LANGUAGES, Page, pages

PHONE = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
}
LEGIBLE_PX = 12

# Every visible piece of text on the page: its font size, length and where it is.
TEXT_SIZES = """() => {
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.trim();
        const el = node.parentElement;
        if (!text || !el.getClientRects().length) continue;
        const style = getComputedStyle(el);
        if (style.visibility !== 'visible') continue;
        const where = [];
        for (let e = el; e && e !== document.body && where.length < 3; e = e.parentElement)
            where.unshift(e.tagName.toLowerCase() + [...e.classList].map((c) => '.' + c).join(''));
        found.push({px: parseFloat(style.fontSize), chars: text.length, where: where.join(' > ')});
    }
    return found;
}"""


@pytest.fixture
def phone(browser, site_url: str):
    context = browser.new_context(base_url=site_url, **PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("doc", pages(), ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_text_under_12px_on_a_phone(phone, doc: Page, language: str) -> None:
    phone.goto(doc.url if language == "en" else f"zh/{doc.url}")
    texts = phone.evaluate(TEXT_SIZES)
    assert any("code" in t["where"] for t in texts)  # code is measured too
    small = {(t["where"], t["px"]) for t in texts if t["px"] < LEGIBLE_PX}
    assert not small, sorted(small)[:10]


# Every text of every generated diagram: its size as drawn (the SVG may be scaled to fit) and
# whether the diagram fits the width of the page's content without scrolling.
DIAGRAM_TEXT = """() => [...document.querySelectorAll('svg.lstm-diagram')].map((svg) => {
    svg.scrollIntoView();
    const box = svg.getBoundingClientRect();
    const scale = svg.getScreenCTM().a;  // CSS px per SVG unit, 1 unless scaled to fit
    const scroll = svg.closest('.lstm-diagram-scroll');
    return {
        kind: svg.dataset.kind,
        width: box.width,
        height: box.height,
        fits: scroll.scrollWidth <= scroll.clientWidth,
        inside: box.left >= 0 && box.right <= window.innerWidth,
        texts: [...svg.querySelectorAll('text')].map((t) => ({
            text: t.textContent,
            px: parseFloat(getComputedStyle(t).fontSize) * scale,
            height: t.getBoundingClientRect().height,
        })),
    };
})"""
# The diagrams a phone shows whole: the home page's compact grid and the LSTMCell diagram. The
# others are wider and scroll sideways.
FITS_A_PHONE = {"index": "grid", "lstmcell": "cell"}


@pytest.mark.parametrize("stem", sorted(FITS_A_PHONE))
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_small_diagrams_fit_a_phone_with_legible_text(phone, stem: str, language: str) -> None:
    phone.goto(Page(stem).url if language == "en" else f"zh/{Page(stem).url}")
    (diagram,) = phone.evaluate(DIAGRAM_TEXT)
    assert diagram["kind"] == FITS_A_PHONE[stem]
    assert diagram["fits"] and diagram["inside"], diagram["width"]
    assert diagram["width"] > 250 and diagram["height"] > 150, diagram
    assert len(diagram["texts"]) >= 10
    for text in diagram["texts"]:
        assert text["px"] >= LEGIBLE_PX and text["height"] >= LEGIBLE_PX, text
