"""Each notebook page is rendered and executed in both languages, and can be downloaded.

Under mkdocs-static-i18n a notebook can be copied raw instead of rendered while the strict
build passes, or rendered without outputs: these tests look at the built pages themselves.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from tests.docs_layout import (
    LANGUAGES,
    Page,
    code_cells,
    imported_snippet_modules,
    notebook_pages,
)

PNG = b"\x89PNG\r\n\x1a\n"


def article(site: Path, page: Page, language: str) -> BeautifulSoup:
    html = BeautifulSoup(page.built(site, language).read_text(encoding="utf-8"), "html.parser")
    found = html.select_one("article")
    assert found is not None
    return found


def target(site: Path, page: Page, language: str, href: str) -> Path:
    """The built file a relative link on the page leads to."""
    prefix = "" if language == "en" else f"{language}/"
    url = posixpath.normpath(posixpath.join(prefix + page.url, href.split("#")[0]))
    path = site / url
    return path / "index.html" if path.is_dir() else path


def test_there_are_notebook_pages() -> None:
    assert {p.stem for p in notebook_pages()} >= {
        "notebooks/digits-classification",
        "notebooks/variable-length-tagging",
    }


@pytest.mark.parametrize("page", notebook_pages(), ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_notebook_is_rendered_not_copied_raw(site: Path, page: Page, language: str) -> None:
    body = article(site, page, language)
    text = body.get_text()
    assert "kernelspec" not in text and "```" not in text, "the Jupytext source was copied raw"
    assert body.select_one(".jupyter-wrapper") is not None
    inputs = body.select(".jp-CodeCell .jp-InputArea-editor")
    assert len(inputs) == len(code_cells(page.source(language)))


@pytest.mark.parametrize("page", notebook_pages(), ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_code_cell_was_executed_without_error(site: Path, page: Page, language: str) -> None:
    body = article(site, page, language)
    prompts = [
        p.get_text(strip=True).replace("\xa0", " ")
        for p in body.select(".jp-CodeCell .jp-InputPrompt")
    ]
    assert prompts == [f"In [{n}]:" for n in range(1, len(prompts) + 1)]
    assert body.select(".jp-OutputArea-output")
    assert not body.select('[data-mime-type="application/vnd.jupyter.stderr"]')
    assert "Traceback" not in body.get_text()


@pytest.mark.parametrize("page", notebook_pages(), ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_notebook_shows_its_plot(site: Path, page: Page, language: str) -> None:
    # A file next to the page (docs/overrides/notebook_images.py), its space reserved.
    images = article(site, page, language).select(".jp-OutputArea-output img")
    assert images, "no plot"
    for image in images:
        assert not image["src"].startswith("data:")
        assert target(site, page, language, image["src"]).read_bytes().startswith(PNG)
        assert int(image["width"]) > 0 and int(image["height"]) > 0
        assert image["loading"] == "lazy"


@pytest.mark.parametrize("page", notebook_pages(), ids=str)
def test_both_languages_show_the_same_outputs(site: Path, page: Page) -> None:
    # One run serves both languages: the Chinese page can't show other (stale) numbers.
    outputs = {
        language: [o.get_text() for o in article(site, page, language).select(".jp-OutputArea")]
        for language in LANGUAGES
    }
    assert outputs["en"] and outputs["zh"] == outputs["en"]


@pytest.mark.parametrize("page", notebook_pages(), ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_download_links_lead_to_the_notebook_and_its_modules(
    site: Path, page: Page, language: str
) -> None:
    links = {
        a["href"]: target(site, page, language, a["href"])
        for a in article(site, page, language).select("a[href]")
        if a["href"].endswith((".ipynb", ".py"))
    }
    name = page.stem.rsplit("/", 1)[-1]
    assert f"{name}.ipynb" in links
    for module in imported_snippet_modules(page.source(language)):
        assert module.name in links, f"no link to {module.name}, which the notebook imports"
        assert links[module.name].read_bytes() == module.read_bytes()
    for href, path in links.items():
        assert path.is_file(), f"{href} -> {path}"

    downloaded = nbformat.read(links[f"{name}.ipynb"], as_version=4)
    nbformat.validate(downloaded)
    assert downloaded.metadata.kernelspec.language == "python"
    assert "jupytext" not in downloaded.metadata
    cells = [cell for cell in downloaded.cells if cell.cell_type == "code"]
    assert [cell.source for cell in cells] == code_cells(page.source(language))
    assert all(cell.execution_count for cell in cells), "the download is not the executed notebook"
    prose = " ".join(cell.source for cell in downloaded.cells if cell.cell_type == "markdown")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in prose) == (language == "zh")


@pytest.mark.parametrize("page", notebook_pages(), ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_relative_link_resolves(site: Path, page: Page, language: str) -> None:
    # Notebook Markdown is rendered by nbconvert, not MkDocs: MkDocs checks none of its links.
    body = article(site, page, language)
    ids = {tag["id"] for tag in body.select("[id]")}
    for a in body.select("a[href]"):
        href = a["href"]
        if href.startswith("#"):
            assert href[1:] in ids, href
        elif "//" not in href and not href.startswith(("mailto:", "data:")):
            assert target(site, page, language, href).is_file(), href


@pytest.mark.parametrize("page", notebook_pages(), ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_table_of_contents_uses_the_explicit_ids(site: Path, page: Page, language: str) -> None:
    html = BeautifulSoup(page.built(site, language).read_text(encoding="utf-8"), "html.parser")
    toc = [a["href"] for a in html.select("nav.md-nav--secondary a.md-nav__link")]
    headings = [h["id"] for h in html.select("article h2[id]")]
    assert toc and [href.lstrip("#") for href in toc[: len(headings)]] == headings
