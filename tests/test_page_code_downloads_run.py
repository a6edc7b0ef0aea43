"""Every page with Python code offers it as one `.py` file, and that file runs as `python x.py`.

The strict build publishes the file next to the page (docs/overrides/downloads.py) and the
page links it, in both languages. Here the link is followed on every built page, the file must
hold exactly the page's blocks as copied (`page_code`), and each published file runs in a fresh
Python in an empty folder, side by side (tests/fresh_python.py).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, SoupStrainer

from tests.docs_layout import LANGUAGES, Page, code_download, pages
from tests.fresh_python import failure, run_alone, selected

# On the worker that ran the same scripts for tests/test_copied_code_runs.py: no second run.
pytestmark = pytest.mark.xdist_group("fresh-python-pages")

LABEL = {"en": "Download this page's code", "zh": "下载本页代码"}
CODE_PAGES = [page for page in pages() if code_download(page.source("en"))]


@pytest.mark.parametrize("page", pages(), ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_links_its_code_as_one_py_file(site: Path, page: Page, language: str) -> None:
    built = page.built(site, language)
    # Only the links: a quarter of the time of a whole parse.
    html = BeautifulSoup(
        built.read_text(encoding="utf-8"), "html.parser", parse_only=SoupStrainer("a")
    )
    links = html.select("a.lstm-download")
    download = code_download(page.source(language))
    if download is None:
        assert not links, f"{page} shows no Python code (or is a notebook) but links a download"
        assert not (built.parent / page.download_name).exists()
        return
    name, code = download
    assert [link["href"] for link in links] == [name] == [page.download_name]
    assert links[0].get_text(strip=True) == LABEL[language]
    assert links[0].has_attr("download")
    published = built.parent / name
    assert published.is_file(), f"{page}: the link leads to no file"
    assert published.read_text(encoding="utf-8") == code


def test_the_code_pages_include_every_topic_page_and_no_notebook() -> None:
    stems = {page.stem for page in CODE_PAGES}
    assert {"index", "output-vs-hn", "lstmcell", "packed-sequences", "helpers"} <= stems
    assert not [page for page in CODE_PAGES if page.is_notebook]
    assert "glossary" not in stems


def test_both_languages_publish_the_same_file(site: Path) -> None:
    for page in CODE_PAGES:
        en, zh = (page.built(site, language).parent / page.download_name for language in LANGUAGES)
        assert en.read_bytes() == zh.read_bytes(), page


@pytest.fixture(scope="module")
def download_runs(
    site: Path, request: pytest.FixtureRequest
) -> dict[str, subprocess.CompletedProcess[str]]:
    # Both languages publish the same bytes (checked above): each file runs once. In a whole
    # session these are the bytes tests/test_copied_code_runs.py ran under the same name, and
    # run_alone gives that run's result instead of a second identical run.
    run = [page for page in CODE_PAGES if (page,) in selected(request, "page")]
    files = {page.stem: page.built(site, "en").parent / page.download_name for page in run}
    scripts = {stem: path.read_text(encoding="utf-8") for stem, path in files.items()}
    return run_alone(scripts, {stem: path.name for stem, path in files.items()})


@pytest.mark.parametrize("page", CODE_PAGES, ids=str)
def test_published_code_runs_in_a_fresh_python(
    page: Page, download_runs: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    result = download_runs[page.stem]
    assert result.returncode == 0, f"python {page.download_name} failed\n{failure(result)}"
