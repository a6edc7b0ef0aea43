"""The home page's tables are what torch does: every row, for every configuration we try.

Each table is Markdown in a section of snippets/index.py, included by both languages. Its
cells are code (`(L, N, H_in)`, `h_n[-2]`), evaluated here with the sizes of a real LSTM and
compared with what that LSTM returns, over batch_first x bidirectional x num_layers 1-3 x
proj_size 0 and > 0. The slice equalities are checked with torch.equal: exact on CPU in
practice, which the page says is observed, not promised.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import pytest
import torch
from torch import nn

from tests.docs_layout import SNIPPETS, sections

SNIPPET = SNIPPETS / "index.py"
# CPU LSTMs with proj_size warn once that oneDNN falls back to the default implementation.
pytestmark = pytest.mark.filterwarnings("ignore:LSTM with projections:UserWarning")
CODE_SPAN = re.compile(r"`([^`]*)`")


def cells(line: str) -> list[list[str]]:
    """The code spans of each cell of a table line: "| `a`, `b` | `c` |" -> [["a", "b"], ["c"]]."""
    return [CODE_SPAN.findall(cell) for cell in line.strip().strip("|").split("|")]


def table(name: str) -> tuple[list[list[str]], list[list[list[str]]]]:
    """(header, rows) of the one Markdown table in a section of snippets/index.py."""
    lines = sections(SNIPPET)[name].strip().splitlines()
    assert lines and all(line.startswith("|") for line in lines), f"{name}: not one table"
    header, rule, *rows = lines
    assert re.fullmatch(r"\|(---\|)+", rule.replace(" ", "")), f"{name}: bad rule {rule!r}"
    parsed = [cells(row) for row in rows]
    assert parsed, f"{name}: no rows"
    for row in parsed:
        assert len(row) == len(cells(header)), f"{name}: {row} does not match the header"
        assert all(row), f"{name}: a cell without code in {row}"
    return cells(header), parsed


@dataclass(frozen=True)
class Config:
    batch_first: bool
    bidirectional: bool
    num_layers: int
    proj_size: int

    def __str__(self) -> str:
        return (
            f"batch_first={self.batch_first}-bidirectional={self.bidirectional}"
            f"-num_layers={self.num_layers}-proj_size={self.proj_size}"
        )

    @property
    def symbols(self) -> dict[str, int]:
        """The legend's symbols. Sizes differ from each other and from every D*num_layers."""
        hidden_size = 8
        return {
            "L": 7,
            "N": 5,
            "H_in": 11,
            "H": hidden_size,
            "H_out": self.proj_size or hidden_size,
            "D": 2 if self.bidirectional else 1,
            "num_layers": self.num_layers,
        }

    def lstm(self) -> nn.LSTM:
        torch.manual_seed(0)
        return nn.LSTM(
            self.symbols["H_in"],
            self.symbols["H"],
            num_layers=self.num_layers,
            batch_first=self.batch_first,
            bidirectional=self.bidirectional,
            proj_size=self.proj_size,
        )


CONFIGS = [
    Config(*values) for values in itertools.product([False, True], [False, True], [1, 2, 3], [0, 3])
]


@cache
def run(config: Config) -> dict[str, torch.Tensor]:
    """One forward pass with the true shapes (not the table's) and random initial states."""
    s = config.symbols
    torch.manual_seed(1)
    x = torch.randn(
        (s["N"], s["L"], s["H_in"]) if config.batch_first else (s["L"], s["N"], s["H_in"])
    )
    h_0 = torch.randn(s["D"] * s["num_layers"], s["N"], s["H_out"])
    c_0 = torch.randn(s["D"] * s["num_layers"], s["N"], s["H"])
    output, (h_n, c_n) = config.lstm()(x, (h_0, c_0))
    return {"output": output, "h_n": h_n, "c_n": c_n}


def evaluate(expression: str, names: dict[str, object]) -> object:
    """A cell's code, evaluated with only the legend's symbols and the returned tensors."""
    tree = ast.parse(expression, mode="eval")
    unknown = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} - set(names)
    assert not unknown, f"{expression!r} uses symbols the legend does not define: {unknown}"
    return eval(compile(tree, "<cell>", "eval"), {"__builtins__": {}}, names)


def flag(spans: list[str]) -> bool:
    assert len(spans) == 1 and spans[0] in ("True", "False"), spans
    return spans[0] == "True"


# --- shape table ------------------------------------------------------------------------------

SHAPE_COLUMNS = [
    ["batch_first"],
    ["bidirectional"],
    ["input"],
    ["output"],
    ["h_0", "h_n"],
    ["c_0", "c_n"],
]


def shape_row(config: Config) -> dict[str, tuple[int, ...]]:
    header, rows = table("shape-table")
    assert header == SHAPE_COLUMNS
    matching = [
        row
        for row in rows
        if (flag(row[0]), flag(row[1])) == (config.batch_first, config.bidirectional)
    ]
    assert len(matching) == 1, f"{len(matching)} rows of the shape table match {config}"
    shapes = {}
    for names, (shape,) in zip(header[2:], matching[0][2:], strict=True):
        value = evaluate(shape, config.symbols)
        value = value if isinstance(value, tuple) else (value,)
        for name in names:
            shapes[name] = value
    return shapes


def check_shape_table(config: Config) -> None:
    shapes = shape_row(config)
    x = torch.randn(shapes["input"])
    h_0, c_0 = torch.randn(shapes["h_0"]), torch.randn(shapes["c_0"])
    lstm = config.lstm()
    for state in ((h_0, c_0), None):
        output, (h_n, c_n) = lstm(x, state)
        assert tuple(output.shape) == shapes["output"]
        assert tuple(h_n.shape) == shapes["h_n"]
        assert tuple(c_n.shape) == shapes["c_n"]


def test_shape_table_has_one_row_per_combination() -> None:
    _, rows = table("shape-table")
    keys = [(flag(row[0]), flag(row[1])) for row in rows]
    assert sorted(keys) == sorted(itertools.product([False, True], repeat=2))


# --- which slice of output is which row of h_n ------------------------------------------------

SLICE_COLUMNS = [["bidirectional"], ["h_n"], ["batch_first=False"], ["batch_first=True"]]


def check_slice_table(config: Config) -> None:
    header, rows = table("slice-table")
    assert header == SLICE_COLUMNS
    names = {**config.symbols, **run(config)}
    column = 3 if config.batch_first else 2
    checked = 0
    for row in rows:
        if flag(row[0]) != config.bidirectional:
            continue
        (row_of_h_n,), (slice_of_output,) = row[1], row[column]
        a, b = evaluate(row_of_h_n, names), evaluate(slice_of_output, names)
        assert torch.equal(a, b), f"{config}: {row_of_h_n} != {slice_of_output}"
        checked += 1
    assert checked, f"no row of the slice table applies to {config}"


def test_slice_table_covers_both_directions() -> None:
    _, rows = table("slice-table")
    assert {flag(row[0]) for row in rows} == {False, True}


# --- layout of h_n and c_n ---------------------------------------------------------------------

LAYOUT_HEADER = [
    ["h_n", "c_n"],
    ["h_n.view(num_layers, D, N, H_out)", "c_n.view(num_layers, D, N, H)"],
]


def check_layout_table(config: Config) -> None:
    header, rows = table("layout-table")
    assert header == LAYOUT_HEADER
    ranges = {"layer": range(config.num_layers), "direction": range(config.symbols["D"])}
    for plain, viewed in zip(*header, strict=True):
        for (index,), (view_index,) in rows:
            used = [n for n in ranges if re.search(rf"\b{n}\b", index + view_index)]
            for values in itertools.product(*(ranges[n] for n in used)):
                at = dict(zip(used, values, strict=True))
                names = {**config.symbols, **run(config), **at}
                a, b = evaluate(plain + index, names), evaluate(viewed + view_index, names)
                assert torch.equal(a, b), f"{config}, {at}: {plain}{index} != {viewed}{view_index}"


# --- every table on the page is checked -------------------------------------------------------

CHECKS: dict[str, Callable[[Config], None]] = {
    "shape-table": check_shape_table,
    "slice-table": check_slice_table,
    "layout-table": check_layout_table,
}


def test_every_table_in_the_module_is_checked() -> None:
    with_tables = {
        name
        for name, body in sections(SNIPPET).items()
        if any(line.lstrip().startswith("|") for line in body.splitlines())
    }
    assert with_tables == set(CHECKS)


@pytest.mark.parametrize("config", CONFIGS, ids=str)
@pytest.mark.parametrize("name", list(CHECKS))
def test_table_matches_torch(name: str, config: Config) -> None:
    CHECKS[name](config)
