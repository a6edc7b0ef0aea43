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
