"""Every `<!-- lstm-diagram: ... -->` marker is parsed strictly, with limits (no MkDocs needed).

Anything that looks like a marker but is not a valid one is an error naming the file, the line
and what was expected: never a silent drop, never a diagram of something else, never a huge
page. tests/test_build_hardening.py checks that the error fails `mkdocs build --strict`.
"""

from __future__ import annotations

import time

import pytest

from tests.docs_layout import LANGUAGES, pages
from tests.recurrent_oracle import diagrams

PAGE = """---
description: A page.
---

# Title

Some prose.

{marker}

More prose.
"""
# The marker sits on line 9 of PAGE.
LINE = 9

INVALID = {
    "misspelled name": ("<!-- lstm-diagrams: grid -->", "is not a diagram marker"),
    "missing colon": ("<!-- lstm-diagram grid num_layers=2 -->", "is not a diagram marker"),
    "a > inside": ("<!-- lstm-diagram: grid num_layers=2> -->", "is not a diagram marker"),
    "other case": ("<!-- LSTM-Diagram: grid -->", "is not a diagram marker"),
    "not closed": ("<!-- lstm-diagram: grid num_layers=2", "is not a diagram marker"),
    "two on a line": (
        "<!-- lstm-diagram: grid --> <!-- lstm-diagram: grid -->",
        "is not a diagram marker",
    ),
    "duplicate key": ("<!-- lstm-diagram: grid num_layers=2 num_layers=3 -->", "given twice"),
    "unknown key": ("<!-- lstm-diagram: grid colour=red -->", "unknown key 'colour'"),
    "key without value": ("<!-- lstm-diagram: grid num_layers -->", "expected key=value"),
    "empty value": ("<!-- lstm-diagram: grid num_layers= -->", "expected key=value"),
    "unknown diagram": ("<!-- lstm-diagram: pie -->", "unknown diagram 'pie'"),
    "bad lengths": ("<!-- lstm-diagram: packed lengths=2,abc,-5,3 -->", "'abc' is not a whole"),
    "negative length": ("<!-- lstm-diagram: packed lengths=2,-5,3 -->", "'-5' is not a whole"),
    "empty length": ("<!-- lstm-diagram: packed lengths=2,,3 -->", "'' is not a whole"),
    "zero length": ("<!-- lstm-diagram: packed lengths=2,0,3 -->", "'0' is not a whole"),
    "no lengths": ("<!-- lstm-diagram: packed bidirectional=1 -->", "needs lengths"),
    "5000 digits": (f"<!-- lstm-diagram: grid num_layers={'9' * 5000} -->", "from 1 to 16"),
    "huge grid": (
        "<!-- lstm-diagram: grid num_layers=100 seq_len=1000000 -->",
        "num_layers='100': expected a whole number from 1 to 16",
    ),
    "huge seq_len": ("<!-- lstm-diagram: grid seq_len=1000000 -->", "from 1 to 100"),
    "huge packed": ("<!-- lstm-diagram: packed lengths=2,20000 -->", "from 1 to 12"),
    "too many sequences": (
        "<!-- lstm-diagram: packed lengths=" + ",".join(["2"] * 9) + " -->",
        "1 to 8 lengths",
    ),
    "float": ("<!-- lstm-diagram: grid seq_len=2.0 -->", "expected a whole number"),
    "zero layers": ("<!-- lstm-diagram: grid num_layers=0 -->", "from 1 to 16"),
    "bad flag": ("<!-- lstm-diagram: grid bidirectional=yes -->", "expected 0 or 1"),
    "bad mode": ("<!-- lstm-diagram: grid mode=transformer -->", "expected one of lstm"),
    "proj_size for gru": ("<!-- lstm-diagram: grid mode=gru proj_size=2 -->", "nn.GRU"),
    "unknown size": ("<!-- lstm-diagram: grid size=tiny -->", "size='tiny': expected one of full"),
    "size in capitals": ("<!-- lstm-diagram: grid size=SMALL -->", "expected one of full, small"),
    "duplicate size": ("<!-- lstm-diagram: grid size=small size=full -->", "size is given twice"),
    "empty size": ("<!-- lstm-diagram: grid size= -->", "expected key=value"),
    "size for packed": (
        "<!-- lstm-diagram: packed lengths=2,3 size=small -->",
        "unknown key 'size' for a packed",
    ),
    "cell with a key": (
        "<!-- lstm-diagram: cell hidden_size=8 -->",
        "unknown key 'hidden_size' for a cell: expected no keys",
    ),
    "cell with a size": ("<!-- lstm-diagram: cell size=small -->", "for a cell: expected no keys"),
    "cell with a bare word": ("<!-- lstm-diagram: cell lstm -->", "expected key=value"),
    "cells": ("<!-- lstm-diagram: cells -->", "unknown diagram 'cells': expected grid or packed"),
    "cell in capitals": ("<!-- lstm-diagram: Cell -->", "is not a diagram marker"),
    "proj_size too big": (
        "<!-- lstm-diagram: grid hidden_size=4 proj_size=4 -->",
        "proj_size smaller than hidden_size",
    ),
}


@pytest.mark.parametrize("marker, expected", INVALID.values(), ids=list(INVALID))
def test_an_invalid_marker_names_the_file_the_line_and_what_was_expected(
    marker: str, expected: str
) -> None:
    with pytest.raises(diagrams().MarkerError) as caught:
        diagrams().find_markers(PAGE.format(marker=marker), "docs/page.md")
    ((path, line, message),) = caught.value.problems
    assert (path, line) == ("docs/page.md", LINE)
    assert expected in message and "expected" in message, message
    assert str(caught.value).startswith(f"docs/page.md:{LINE}: ")
    # The message stays short whatever the marker holds.
    assert len(message) < 400, message


def test_every_problem_of_a_page_is_reported_at_once() -> None:
    source = PAGE.format(marker="<!-- lstm-diagrams: grid -->\n\n<!-- lstm-diagram: grid -->")
    source += "\n<!-- lstm-diagram: packed lengths=1,x -->\n"
    with pytest.raises(diagrams().MarkerError) as caught:
        diagrams().find_markers(source, "docs/page.md")
    assert [line for _, line, _ in caught.value.problems] == [LINE, LINE + 6]


def test_a_huge_value_is_refused_fast() -> None:
    started = time.perf_counter()
    for marker in [
        f"<!-- lstm-diagram: grid num_layers={'9' * 100_000} -->",
        "<!-- lstm-diagram: packed lengths=" + ",".join(["1"] * 100_000) + " -->",
        "<!-- lstm-diagram: grid " + "a=1 " * 100_000 + "-->",
    ]:
        with pytest.raises(ValueError):
            diagrams().parse_marker(marker)
    assert time.perf_counter() - started < 1


def test_valid_markers_give_the_diagram_they_ask_for() -> None:
    module = diagrams()
    found = module.find_markers(
        PAGE.format(
            marker="<!-- lstm-diagram: grid mode=gru num_layers=16 seq_len=100 bidirectional=1 -->"
            "\n<!-- lstm-diagram: packed lengths=12,1,3 hidden_size=4 -->"
            "\n<!-- lstm-diagram: grid size=small num_layers=2 seq_len=7 -->"
            "\n<!-- lstm-diagram: cell -->"
        ),
        "docs/page.md",
    )
    assert found == [
        (LINE, module.Grid(mode="gru", num_layers=16, seq_len=100, bidirectional=True)),
        (LINE + 1, module.PackedBatch((12, 1, 3), batch_first=False, hidden_size=4)),
        (LINE + 2, module.Grid(num_layers=2, seq_len=7, size="small")),
        (LINE + 3, module.CellStep()),
    ]


def test_prose_that_mentions_markers_is_not_a_marker() -> None:
    source = PAGE.format(marker="A diagram marker starts with `lstm-diagram:` in a comment.")
    assert diagrams().find_markers(source, "docs/page.md") == []


def test_every_marker_on_the_site_is_valid_and_drawn_in_bounds() -> None:
    module = diagrams()
    count = 0
    for page in pages():
        for language in LANGUAGES:
            path = page.source(language)
            for _, diagram in module.find_markers(path.read_text("utf-8"), str(path)):
                count += 1
                for language_ in LANGUAGES:
                    assert len(module.diagram_svg(diagram, language_)) < 100_000
    assert count >= 10


@pytest.mark.parametrize(
    "marker",
    [
        "<!-- lstm-diagram: grid num_layers=16 seq_len=100 bidirectional=1 hidden_size=4096 -->",
        "<!-- lstm-diagram: packed lengths=12,12,12,12,12,12,12,12 bidirectional=1 -->",
        "<!-- lstm-diagram: grid size=small num_layers=16 seq_len=100 bidirectional=1 -->",
        "<!-- lstm-diagram: cell -->",
    ],
)
def test_the_largest_allowed_diagram_stays_small(marker: str) -> None:
    for language in LANGUAGES:
        assert len(diagrams().figure(marker, language)) < 200_000
