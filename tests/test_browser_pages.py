"""Every page in both languages, in Chromium, in one visit: what a reader does on it works.

Loading a page was most of a browser test's time, and seven tests loaded every page each. One
visit per page and language now checks, each as a subtest of its own name:

- `arrives-by-click`: the reader comes from the home page through the sidebar (the home page
  itself is opened directly);
- `axe-<palette>`: axe (with WCAG 2.2's target size on) finds nothing serious or critical in
  either palette, before search is used, and the palette toggle switches it;
- `policy`: the page carries its Content-Security-Policy (conftest.py's `page` fixture fails the
  test on any violation, during the whole visit);
- `own-search-index`: opening search fetches the index of the page's language only, once, within
  its budget, and search is then ready;
- `search`: a query shows results;
- `copy`: the copy button of every code block yields exactly the runnable code
  (test_browser_copy.py's `expected_copies`); on notebook pages (whose cells have their own
  test), the first one copies something;
- `no-foreign-requests`, `no-console-errors`: nothing left the origin, no request used another
  scheme, and the console, the page's errors and the responses stayed clean, during all of it;
- `language-switcher`: the switcher then lands on the same page in the other language.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from tests.docs_layout import LANGUAGES, Page, pages
from tests.test_browser import AXE_SOURCE, path_of, switch_language, url_of
from tests.test_browser_copy import PAGE_BLOCKS, copy_all, expected_copies, normalized
from tests.test_browser_search import INDEX_BUDGET, ROOTS

SEARCH_READY = """() => document.querySelector('.md-search-result__meta').textContent.trim()
    === JSON.parse(document.querySelector('#__config').textContent)
        .translations['search.result.placeholder']"""


# axe's default rules, plus WCAG 2.2's target size (24 px), which axe leaves off by default:
# Lighthouse failed it on sidebar links (extra.css gives them a minimum height). Every rule runs;
# only violations are reported in full, which spares axe a selector for every passing node.
AXE_RUN = """async () => JSON.stringify(await axe.run(document, {
    rules: {'target-size': {enabled: true}}, resultTypes: ['violations']}))"""


def serious_violations(page) -> list[tuple[str, str, list[object]]]:
    result = json.loads(page.evaluate(AXE_RUN))
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("doc", pages(), ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_works_for_a_reader(
    page, site_url: str, subtests, doc: Page, language: str
) -> None:
    origin = urlsplit(site_url).netloc
    requests, problems, indexes = [], [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda msg: msg.type in ("error", "warning") and problems.append(msg.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"))
    page.on("request", lambda r: r.url.endswith("search_index.json") and indexes.append(r.url))

    home = url_of(Page("index"), language)
    if doc.stem != "index":
        with page.expect_response(lambda r: r.url.endswith("search_index.json")):
            page.goto(home)  # the home page's own fetch has been answered
        indexes.clear()  # the one checked is the page's
    # Each page starts fetching its language's search index as it loads.
    with page.expect_response(lambda r: r.url.endswith("search_index.json")) as fetched:
        if doc.stem == "index":
            page.goto(home)
        else:
            with subtests.test("arrives-by-click"):
                link = page.locator(f'nav.md-nav--primary a.md-nav__link[href$="{doc.url}"]')
                link.first.click()
    page.wait_for_load_state()  # `networkidle` comes once, before the requests are checked
    if doc.stem != "index":
        with subtests.test("arrives-by-click"):
            assert urlsplit(page.url).path == path_of(doc, language)

    # Before search is used: axe sees the page as it loads, in each palette.
    page.evaluate(AXE_SOURCE)  # DevTools evaluation: the page's CSP would refuse an inline tag.
    for scheme in ("default", "slate"):
        with subtests.test(f"axe-{scheme}"):
            if scheme == "slate":
                page.locator("form[data-md-component=palette] label:visible").click()
                # Colours that fade to the new palette are measured once they have arrived.
                page.wait_for_function(
                    "document.getAnimations().every(a => a.playState !== 'running')"
                )
            assert page.evaluate("document.body.dataset.mdColorScheme") == scheme
            assert serious_violations(page) == []

    with subtests.test("policy"):
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]')
        assert "default-src 'self'" in policy.get_attribute("content")

    with subtests.test("own-search-index"):
        page.keyboard.press("s")
        page.wait_for_function(SEARCH_READY)
        assert [urlsplit(url).path for url in indexes] == [
            ROOTS[language] + "search/search_index.json"
        ]
        size = len(fetched.value.body())
        assert size <= INDEX_BUDGET, f"{size / 1024:.0f} KB"

    with subtests.test("search"):
        box = page.locator("input.md-search__input")
        box.fill("LSTM")
        box.press("End")  # Material reads the query on keyup.
        page.locator(".md-search-result__item").first.wait_for()
        page.keyboard.press("Escape")

    with subtests.test("copy"):
        if doc.is_notebook:
            buttons = page.locator("button.md-code__button[data-md-type=copy]:visible")
            if buttons.count():
                buttons.first.click()
                assert page.evaluate("navigator.clipboard.readText()").strip()
        else:
            copied = [normalized(text) for text in copy_all(page, PAGE_BLOCKS)]
            assert copied == expected_copies(doc)

    page.wait_for_load_state("networkidle")
    with subtests.test("no-foreign-requests"):
        foreign = [
            url
            for url in requests
            if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != origin
        ]
        assert not foreign
        assert not [
            url
            for url in requests
            if urlsplit(url).scheme not in ("http", "https", "data", "blob", "about")
        ]
    with subtests.test("no-console-errors"):
        assert not problems

    with subtests.test("language-switcher"):
        other = next(lang for lang in LANGUAGES if lang != language)
        switch_language(page, other)
        assert urlsplit(page.url).path == path_of(doc, other)


def test_axe_as_run_here_reports_small_targets(page) -> None:
    # The visit's axe run must include target-size, which axe leaves off by default: two
    # 10 px links side by side are one serious violation.
    page.goto("glossary/")
    page.evaluate(AXE_SOURCE)
    page.evaluate(
        """() => {
            const box = document.querySelector('article');
            for (const name of ['a', 'b']) {
                const link = document.createElement('a');
                link.href = '#' + name;
                link.textContent = name;
                Object.assign(link.style, {display: 'inline-block', width: '10px',
                                           height: '10px', fontSize: '8px'});
                box.prepend(link);
            }
        }"""
    )
    assert "target-size" in {violation[0] for violation in serious_violations(page)}
