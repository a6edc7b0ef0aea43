"""No built page makes a browser fetch anything from another origin."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import tinycss2
from bs4 import BeautifulSoup

# Under pytest-xdist, one worker parses the built pages, once.
pytestmark = pytest.mark.xdist_group("built-pages")

# Links that are navigation, not fetches, may point elsewhere (e.g. the PyTorch API docs).
NOT_FETCHED_RELS = {"canonical", "alternate", "author", "license", "me"}
# Module imports in an inline script: `import("url")`, `import "url"`, and the static forms
# `import x from "url"`, `import {a, b} from "url"`, `import * as m from "url"`,
# `export {a} from "url"`.
INLINE_IMPORT = re.compile(
    r"""\bimport\s*\(?\s*["'](?P<url>[^"']+)["']"""
    r"""|\b(?:import|export)\b[\w\s{},*$]*?\bfrom\s*["'](?P<from_url>[^"']+)["']"""
)


def is_foreign(url: str) -> bool:
    url = url.strip()
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.IGNORECASE))


def css_urls(css: str) -> Iterator[str]:
    """Every URL a stylesheet fetches: `@import` rules and `url()` values, at any depth."""

    def walk(nodes: list) -> Iterator[str]:
        for node in nodes:
            if node.type == "url":
                yield node.value
            elif node.type == "function" and node.lower_name == "url":
                yield "".join(getattr(t, "value", "") for t in node.arguments)
            elif node.type == "at-rule" and node.lower_at_keyword == "import":
                for token in node.prelude:
                    if token.type == "string":
                        yield token.value
            for attr in ("prelude", "content", "arguments"):
                children = getattr(node, attr, None)
                if isinstance(children, list):
                    yield from walk(children)

    yield from walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


def parsed(html: str | BeautifulSoup) -> BeautifulSoup:
    return html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "html.parser")


def fetched_urls(html: str | BeautifulSoup) -> Iterator[str]:
    """Every URL a browser would fetch while loading the page."""
    page = parsed(html)
    for tag in page.select("script[src], img[src], iframe[src], audio[src], video[src]"):
        yield tag["src"]
    for tag in page.select("source[src], source[srcset], img[srcset]"):
        yield from (part.split()[0] for part in tag.get("srcset", tag.get("src", "")).split(","))
    for tag in page.select("link[href]"):
        if not NOT_FETCHED_RELS & set(tag.get("rel", [])):
            yield tag["href"]
    for tag in page.select("object[data]"):
        yield tag["data"]
    for tag in page.select("style"):
        yield from css_urls(tag.get_text())
    for tag in page.select("[style]"):
        yield from css_urls(f"x{{{tag['style']}}}")
    for tag in page.select("script:not([src])"):
        yield from (m["url"] or m["from_url"] for m in INLINE_IMPORT.finditer(tag.get_text()))


def empty_sources(html: str | BeautifulSoup) -> list[str]:
    """Tags whose `src` is empty: a stray request for the page itself, or nothing, by browser."""
    page = parsed(html)
    return [str(tag)[:80] for tag in page.select("[src]") if not tag["src"].strip()]


def test_checker_catches_every_kind_of_foreign_reference() -> None:
    planted = """<html><head>
      <link rel="preconnect" href="https://fonts.gstatic.com">
      <link rel="stylesheet" href="//cdn.example.com/a.css">
      <link rel="icon" href="https://example.com/favicon.ico">
      <script src="https://unpkg.com/x.js"></script>
      <style>@import "https://fonts.googleapis.com/css";
             p { background: url(http://e.com/i.png) }</style>
      <script type="module">import("https://unpkg.com/mermaid.mjs")</script>
      <script type="module">import mermaid from "https://cdn.example.com/mermaid.esm.mjs";
        import { a, b } from 'https://cdn.example.com/ab.mjs';
        import * as m from "//cdn.example.com/m.mjs";
        export { c } from "https://cdn.example.com/c.mjs";
        import local from "./local.mjs";</script>
      <script src=""> </script>
      </head><body><img src="https://e.com/a.png">
      <div style="background:url('//e.com/b.png')"></div>
      <a href="https://docs.pytorch.org/">docs</a><img src="../assets/local.png"></body></html>"""
    foreign = [url for url in fetched_urls(planted) if is_foreign(url)]
    assert len(foreign) == 13, foreign
    assert "https://docs.pytorch.org/" not in foreign
    assert "./local.mjs" in fetched_urls(planted)
    assert empty_sources(planted) == ['<script src=""> </script>']


def built_files(site: Path, suffix: str) -> list[Path]:
    return sorted(site.rglob(f"*{suffix}"))


@pytest.fixture(scope="module")
def built_pages(site: Path) -> dict[str, BeautifulSoup]:
    """Every built page, parsed once for the tests below (they only read it)."""
    return {
        str(page.relative_to(site)): BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for page in built_files(site, ".html")
    }


def test_no_page_fetches_from_another_origin(built_pages: dict[str, BeautifulSoup]) -> None:
    assert len(built_pages) >= 4
    offenders = {
        name: url
        for name, page in built_pages.items()
        for url in fetched_urls(page)
        if is_foreign(url)
    }
    assert not offenders


def test_no_page_has_an_empty_src(built_pages: dict[str, BeautifulSoup]) -> None:
    # mkdocs-jupyter writes `<script src="">` for MathJax when no MathJax URL is configured.
    offenders = {
        name: found for name, page in built_pages.items() if (found := empty_sources(page))
    }
    assert not offenders


@pytest.mark.parametrize("suffix", [".css"])
def test_no_stylesheet_fetches_from_another_origin(site: Path, suffix: str) -> None:
    sheets = built_files(site, suffix)
    assert sheets
    offenders = {
        str(sheet.relative_to(site)): url
        for sheet in sheets
        for url in css_urls(sheet.read_text(encoding="utf-8"))
        if is_foreign(url)
    }
    assert not offenders
