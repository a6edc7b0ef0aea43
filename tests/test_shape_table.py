"""The home page's shape table is what torch returns, for every configuration we try."""

from __future__ import annotations

import itertools
import re

import pytest
import torch
from torch import nn

from tests.docs_layout import SNIPPETS, sections

COLUMNS = ("input", "output", "h_0, h_n", "c_0, c_n")


def shape_table() -> dict[bool, dict[str, str]]:
    """{batch_first: {column: symbolic shape}} parsed from the table the page includes."""
    rows = [
        [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        for line in sections(SNIPPETS / "index.py")["shape-table"].splitlines()
        if line.startswith("|") and not line.startswith("|---")
    ]
    header, *body = rows
    assert [h.replace("`", "") for h in header[1:]] == list(COLUMNS)
    table = {}
    for first, *cells in body:
        flag = re.fullmatch(r"batch_first=(True|False)", first)
        assert flag, first
        table[flag[1] == "True"] = dict(zip(COLUMNS, cells, strict=True))
    assert set(table) == {False, True}
    return table


def evaluate(symbolic: str, sizes: dict[str, int]) -> tuple[int, ...]:
    dims = symbolic.strip("()").split(",")
    return tuple(eval(dim.strip(), {"__builtins__": {}}, sizes) for dim in dims)


CONFIGS = list(itertools.product([False, True], [False, True], [1, 2, 3]))


@pytest.mark.parametrize("batch_first, bidirectional, num_layers", CONFIGS)
def test_shape_table_matches_torch(batch_first: bool, bidirectional: bool, num_layers: int) -> None:
    sizes = {"L": 5, "N": 3, "H_in": 4, "H": 6, "D": 2 if bidirectional else 1}
    sizes["num_layers"] = num_layers
    row = {column: evaluate(shape, sizes) for column, shape in shape_table()[batch_first].items()}
    lstm = nn.LSTM(
        sizes["H_in"],
        sizes["H"],
        num_layers=num_layers,
        batch_first=batch_first,
        bidirectional=bidirectional,
    )
    x = torch.randn(row["input"])
    h_0, c_0 = torch.zeros(row["h_0, h_n"]), torch.zeros(row["c_0, c_n"])
    output, (h_n, c_n) = lstm(x, (h_0, c_0))
    assert tuple(output.shape) == row["output"]
    assert tuple(h_n.shape) == row["h_0, h_n"]
    assert tuple(c_n.shape) == row["c_0, c_n"]
