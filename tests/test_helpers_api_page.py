"""The API page renders each helper's docstring as meant: one Returns item per returned value."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from snippets import helpers
from tests.docs_layout import LANGUAGES, Page


def returned_values(function: object) -> int:
    """How many values a function returns, from its annotation: a tuple's items, else 1."""
    annotation = typing.get_type_hints(function)["return"]
    return len(typing.get_args(annotation)) if typing.get_origin(annotation) is tuple else 1


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", helpers.__all__)
def test_api_page_shows_one_returns_item_per_returned_value(
    site: Path, language: str, name: str
) -> None:
    page = BeautifulSoup(
        Page("helpers").built(site, language).read_text(encoding="utf-8"), "html.parser"
    )
    heading = page.find(id=f"snippets.helpers.{name}")
    assert heading is not None, name
    body = heading.find_parent(class_="doc-object").select_one(".doc-contents")
    titles = [t for t in body.select(".doc-section-title") if t.get_text(strip=True) == "Returns:"]
    assert len(titles) == 1, f"{name} has no Returns section"
    # `docstring_section_style: list` (mkdocs.yml): one item per value, lighter than a table.
    items = titles[0].find_parent("p").find_next_sibling("ul")
    assert items is not None, f"{name}'s Returns section is not a list"
    rows = items.find_all("li", recursive=False)
    assert len(rows) == returned_values(getattr(helpers, name)), [r.get_text(" ") for r in rows]
    assert all(row.get_text(strip=True) for row in rows)
