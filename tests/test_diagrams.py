"""The generated diagrams (docs/overrides/diagrams.py) draw what torch does.

The generator's rules, which state of which layer, direction and step makes up `output` and
each row of `h_n`, and where each step of a packed batch goes, are compared with torch for
random configurations; so is its description of one LSTMCell step (the gates, their
activations and blocks of the stacked weights, the operations after them), recomputed by hand
from an LSTMCell's weights. Then every diagram of the built site is read back from its SVG and
checked the same way, in both languages.
"""

from __future__ import annotations

import doctest
import functools
import json
import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
import torch
from bs4 import BeautifulSoup, SoupStrainer
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence

from tests.docs_layout import LANGUAGES, Page, pages, sections
from tests.recurrent_oracle import (
    Config,
    check_cell,
    check_output_is_top_layer,
    diagrams,
    layer_states,
    run,
)

pytestmark = pytest.mark.filterwarnings("ignore:LSTM with projections:UserWarning")
RANDOM_GRIDS = 300
RANDOM_PACKED = 100
RANDOM_CELLS = 50
HAN = re.compile(r"[\u4e00-\u9fff]")
# A gate's name in a formula: f, not the f of a word or of tanh(.
GATE_NAME = re.compile(r"(?<![\w{])([ifgo])(?![\w(])")
# Pages that show a generated diagram; each asks for it with one marker line.
DIAGRAM_PAGES = {
    "index": "grid",
    "output-vs-hn": "grid",
    "bidirectional": "grid",
    "packed-sequences": "packed",
    "lstmcell": "cell",
}


def random_config(rng: random.Random) -> Config:
    mode = rng.choice(["lstm", "gru", "rnn"])
    hidden = rng.randint(1, 7)
    proj = rng.randint(1, hidden - 1) if mode == "lstm" and hidden > 1 and rng.random() < 0.4 else 0
    return Config(
        mode=mode,
        num_layers=rng.randint(1, 4),
        bidirectional=rng.random() < 0.5,
        batch_first=rng.random() < 0.5,
        batch=rng.randint(1, 3),
        seq_len=rng.randint(1, 6),
        input_size=rng.randint(1, 5),
        hidden_size=hidden,
        proj_size=proj,
    )


def grid_of(config: Config):
    return diagrams().Grid(
        mode=config.mode,
        num_layers=config.num_layers,
        bidirectional=config.bidirectional,
        batch_first=config.batch_first,
        seq_len=config.seq_len,
        hidden_size=config.hidden_size,
        proj_size=config.proj_size,
    )


@pytest.mark.parametrize("seed", range(RANDOM_GRIDS))
def test_grid_rules_match_torch(seed: int) -> None:
    config = random_config(random.Random(seed))
    result = run(config, seed)
    layers = layer_states(result)
    check_output_is_top_layer(result, layers)
    cells = diagrams().grid_cells(grid_of(config))
    assert len(cells) == config.num_layers * config.directions * config.seq_len
    for cell in cells:
        check_cell(result, layers, cell.layer, cell.direction, cell.step, cell.output, cell.h_n)
    rows = sorted(cell.h_n for cell in cells if cell.h_n is not None)
    assert rows == list(range(config.num_layers * config.directions))


def check_packed(
    lengths: list[int],
    bidirectional: bool,
    batch_first: bool,
    hidden_size: int,
    batch_sizes: list[int],
    cells: list[tuple[int, int, int | None, list[list[str]]]],
    num_layers: int = 1,
) -> None:
    """cells: (sequence, step, packed.data row or None for padding, [[h_n expr, output expr]])."""
    torch.manual_seed(0)
    lstm = nn.LSTM(3, hidden_size, num_layers, bidirectional=bidirectional, batch_first=batch_first)
    sequences = [torch.randn(n, 3) for n in lengths]
    padded = pad_sequence(sequences, batch_first=batch_first)
    packed = pack_padded_sequence(
        padded, torch.tensor(lengths), batch_first=batch_first, enforce_sorted=False
    )
    assert packed.batch_sizes.tolist() == batch_sizes
    with torch.no_grad():
        packed_output, (h_n, c_n) = lstm(packed)
    output, _ = pad_packed_sequence(packed_output, batch_first=batch_first)
    assert sorted((b, t) for b, t, _, _ in cells) == [
        (b, t) for b in range(len(lengths)) for t in range(max(lengths))
    ]
    finals = []
    for b, t, row, expressions in cells:
        at = output[b, t] if batch_first else output[t, b]
        if row is None:
            assert t >= lengths[b]
            assert not at.any()
        else:
            assert t < lengths[b]
            assert torch.equal(packed.data[row], sequences[b][t])
        for h_expr, out_expr in expressions:
            namespace = {"h_n": h_n, "output": output}
            assert torch.equal(eval(h_expr, {}, namespace), eval(out_expr, {}, namespace)), h_expr
            finals.append(h_expr)
    directions = [-2, -1] if bidirectional else [-1]
    assert sorted(finals) == sorted(
        f"h_n[{d}, {b}]" for d in directions for b in range(len(lengths))
    )


@pytest.mark.parametrize("seed", range(RANDOM_PACKED))
def test_packed_rules_match_torch(seed: int) -> None:
    rng = random.Random(seed)
    lengths = rng.sample(range(1, 8), rng.randint(1, 4))
    batch = diagrams().PackedBatch(
        tuple(lengths), bidirectional=rng.random() < 0.5, batch_first=rng.random() < 0.5
    )
    batch_sizes, cells = diagrams().packed_layout(batch)
    check_packed(
        lengths,
        batch.bidirectional,
        batch.batch_first,
        batch.hidden_size,
        batch_sizes,
        [(c.seq, c.step, c.data_row, [list(f) for f in c.finals]) for c in cells],
        num_layers=rng.randint(1, 2),
    )


# How the test evaluates the names of the cell's description: with torch, not with diagrams.py.
ACTIVATIONS: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
}
OPERATIONS: dict[str, Callable[..., torch.Tensor]] = {
    "mul": torch.mul,
    "add": torch.add,
    "tanh": torch.tanh,
}


def step_by_hand(
    cell: nn.LSTMCell,
    gates: Sequence[tuple[str, str, int, Sequence[str]]],
    ops: Sequence[tuple[str, str, Sequence[str]]],
    outputs: Sequence[str],
    values: dict[str, torch.Tensor],
) -> tuple[torch.Tensor, ...]:
    """One step of `cell` computed from a description of it, nothing else.

    gates: (name, activation, block, inputs); a gate is its activation of its block of the
    stacked weights and biases, applied to its inputs (x_t, h_{t-1}). ops: (value, op, inputs),
    in order. outputs: the values the cell returns, in its order. values: x_t, h_{t-1}, c_{t-1}.
    """
    weights = {"x_t": (cell.weight_ih, cell.bias_ih), "h_{t-1}": (cell.weight_hh, cell.bias_hh)}
    values = dict(values)
    for name, activation, block, inputs in gates:
        assert sorted(inputs) == sorted(weights), (name, inputs)
        total = sum(
            values[source] @ weights[source][0].chunk(4)[block].T
            + weights[source][1].chunk(4)[block]
            for source in inputs
        )
        values[name] = ACTIVATIONS[activation](total)
    for value, op, inputs in ops:
        values[value] = OPERATIONS[op](*(values[name] for name in inputs))
    return tuple(values[name] for name in outputs)


def check_cell_step(
    gates: Sequence[tuple[str, str, int, Sequence[str]]],
    ops: Sequence[tuple[str, str, Sequence[str]]],
    outputs: Sequence[str],
    seed: int,
) -> None:
    """The description computes what nn.LSTMCell returns, batched and unbatched."""
    assert sorted(block for _, _, block, _ in gates) == [0, 1, 2, 3]
    rng = random.Random(seed)
    torch.manual_seed(seed)
    input_size, hidden_size = rng.randint(1, 6), rng.randint(1, 6)
    cell = nn.LSTMCell(input_size, hidden_size)
    batch = (rng.randint(1, 4),) if rng.random() < 0.7 else ()
    x = torch.randn(*batch, input_size)
    h, c = torch.randn(*batch, hidden_size), torch.randn(*batch, hidden_size)
    with torch.no_grad():
        expected = cell(x, (h, c))
        mine = step_by_hand(cell, gates, ops, outputs, {"x_t": x, "h_{t-1}": h, "c_{t-1}": c})
    assert len(mine) == len(expected)
    for got, want in zip(mine, expected, strict=True):
        torch.testing.assert_close(got, want)


def described_cell() -> tuple[list, list, list]:
    """diagrams.py's description of one LSTMCell step, as check_cell_step takes it."""
    module = diagrams()
    gates = [(g.name, g.activation, g.block, module.GATE_INPUTS) for g in module.CELL_GATES]
    ops = [(op.value, op.op, op.inputs) for op in module.CELL_OPS]
    return gates, ops, list(module.CELL_OUTPUTS)


@pytest.mark.parametrize("seed", range(RANDOM_CELLS))
def test_cell_description_matches_torch(seed: int) -> None:
    check_cell_step(*described_cell(), seed)


def test_cell_formulas_are_the_pages_equations() -> None:
    """The equations the diagram's label states, derived from the description, are the page's
    (which writes each gate with its time index: f_t)."""
    formulas = diagrams().cell_formulas()
    assert len(formulas) == 2
    for language in LANGUAGES:
        text = Page("lstmcell").source(language).read_text("utf-8")
        for formula in formulas:
            with_time = GATE_NAME.sub(r"\1_t", formula)
            assert f"`{with_time}`" in text, (language, with_time)


def test_the_home_page_diagram_is_the_lstm_of_its_first_block() -> None:
    """The home page says its diagram is the LSTM of the block after it (`quick-look`)."""
    module = diagrams()
    namespace: dict = {}
    code = sections(Page("index").snippet_module)["quick-look"]
    for example in doctest.DocTestParser().get_examples(code):
        exec(example.source, namespace)
    lstm, x = namespace["lstm"], namespace["x"]
    for language in LANGUAGES:
        source = Page("index").source(language).read_text("utf-8")
        ((_, grid),) = module.find_markers(source, "index")
        assert grid.size == "small"
        assert (grid.mode, grid.num_layers, grid.hidden_size, grid.proj_size) == (
            "lstm",
            lstm.num_layers,
            lstm.hidden_size,
            lstm.proj_size,
        )
        assert (grid.bidirectional, grid.batch_first) == (lstm.bidirectional, lstm.batch_first)
        assert grid.seq_len == x.shape[1 if lstm.batch_first else 0]


# Parsed once per page for all the tests below, which only read them; only the SVGs are parsed.
@functools.lru_cache(maxsize=256)
def diagrams_in(html: Path) -> list:
    svgs = BeautifulSoup(
        html.read_text(encoding="utf-8"), "html.parser", parse_only=SoupStrainer("svg")
    )
    return svgs.select("svg.lstm-diagram")


def built_diagrams(site: Path) -> list[tuple[str, str, object]]:
    found = []
    for doc in pages():
        for language in LANGUAGES:
            for svg in diagrams_in(doc.built(site, language)):
                found.append((doc.stem, language, svg))
    return found


def test_the_pages_show_their_diagrams(site: Path) -> None:
    shown = {}
    for stem, language, svg in built_diagrams(site):
        shown.setdefault(stem, {})[language] = (svg["data-kind"], svg["data-config"])
    assert set(shown) == set(DIAGRAM_PAGES)
    for stem, kind in DIAGRAM_PAGES.items():
        assert set(shown[stem]) == set(LANGUAGES), stem
        assert shown[stem]["en"] == shown[stem]["zh"], stem
        assert shown[stem]["en"][0] == kind


@pytest.mark.parametrize("stem", DIAGRAM_PAGES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_built_diagram_matches_torch(site: Path, stem: str, language: str) -> None:
    (svg,) = diagrams_in(Page(stem).built(site, language))
    config = json.loads(svg["data-config"])
    if svg["data-kind"] == "cell":
        check_built_cell(svg)
        return
    cells = svg.select("g.lstm-diagram__cell")
    assert cells
    if svg["data-kind"] == "packed":
        sizes = [
            int(g["data-batch-size"])
            for g in sorted(svg.select("[data-batch-size]"), key=lambda g: int(g["data-step"]))
        ]
        check_packed(
            config["lengths"],
            bool(config["bidirectional"]),
            bool(config["batch_first"]),
            config["hidden_size"],
            sizes,
            [
                (
                    int(g["data-seq"]),
                    int(g["data-step"]),
                    int(g["data-row"]) if g.has_attr("data-row") else None,
                    json.loads(g["data-finals"]) if g.has_attr("data-finals") else [],
                )
                for g in cells
            ],
        )
        return
    grid = Config(
        mode=config["mode"],
        num_layers=config["num_layers"],
        bidirectional=bool(config["bidirectional"]),
        batch_first=bool(config["batch_first"]),
        batch=3,
        seq_len=config["seq_len"],
        input_size=4,
        hidden_size=config["hidden_size"],
        proj_size=config["proj_size"],
    )
    result = run(grid)
    layers = layer_states(result)
    check_output_is_top_layer(result, layers)
    drawn = set()
    for g in cells:
        key = (int(g["data-layer"]), int(g["data-direction"]), int(g["data-step"]))
        drawn.add(key)
        h_n = int(g["data-h-n"]) if g.has_attr("data-h-n") else None
        check_cell(result, layers, *key, g.get("data-output"), h_n)
    # Every step and layer, or, when there are too many to draw, the first and the last ones.
    geometry = diagrams().GEOMETRY[config["size"]]
    steps = [t for t in diagrams().visible(grid.seq_len, geometry.max_steps) if t is not None]
    layers = [n for n in diagrams().visible(grid.num_layers, geometry.max_layers) if n is not None]
    assert steps[0] == 0 and steps[-1] == grid.seq_len - 1
    assert layers[0] == 0 and layers[-1] == grid.num_layers - 1
    everything = {(layer, d, t) for layer in layers for d in range(grid.directions) for t in steps}
    assert drawn == everything


def check_built_cell(svg) -> None:
    """Read one step of the cell back from what the SVG draws (its boxes, circles, arrows and
    their words) and compare it with nn.LSTMCell."""
    module = diagrams()
    edges = [(g["data-from"], g["data-to"]) for g in svg.select("g.lstm-diagram__edge")]
    assert len(edges) == len(set(edges))

    def sources(node: str) -> list[str]:
        return sorted(a for a, b in edges if b == node)

    gates = []
    for g in svg.select("g.lstm-diagram__gate"):
        name, activation, block = g["data-gate"], g["data-activation"], int(g["data-block"])
        words = [t.get_text() for t in g.select("text")]
        assert words == [name, module.ACTIVATION_SYMBOLS[activation], module.block_rows(block)]
        gates.append((name, activation, block, sources(name)))
    ops = []
    for g in svg.select("g.lstm-diagram__op"):
        value, op, inputs = g["data-value"], g["data-op"], json.loads(g["data-inputs"])
        assert sorted(inputs) == sources(value), value
        assert [t.get_text() for t in g.select("text")] == [module.OP_SYMBOLS[op]]
        ops.append((value, op, inputs))
    outputs = [g["data-output"] for g in svg.select("g.lstm-diagram__io[data-output]")]
    for value in outputs:
        assert sources(f"out:{value}") == [value]
        (words,) = [t.get_text() for t in svg.select(f'g[data-output="{value}"] text')]
        assert words == value
    inputs = [g["data-input"] for g in svg.select("g.lstm-diagram__io[data-input]")]
    assert sorted(inputs) == ["c_{t-1}", "h_{t-1}", "x_t"]
    assert len(gates) == 4 and len(ops) == len(module.CELL_OPS)
    for seed in range(5):
        check_cell_step(gates, ops, outputs, seed)


@pytest.mark.parametrize("stem", DIAGRAM_PAGES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_built_diagram_speaks_the_page_language(site: Path, stem: str, language: str) -> None:
    html = BeautifulSoup(Page(stem).built(site, language).read_text("utf-8"), "html.parser")
    figure = html.select_one("figure.lstm-diagram-figure")
    svg = figure.select_one("svg")
    texts = [svg["aria-label"], figure.figcaption.get_text()] + [
        t.get_text() for t in svg.select("text.lstm-diagram__label")
    ]
    words = [t for t in texts if re.search(r"[A-Za-z\u4e00-\u9fff]{2,}", t)]
    assert words
    has_han = [bool(HAN.search(t)) for t in words if not t.startswith(("t =", "batch_sizes"))]
    assert all(has_han) if language == "zh" else not any(has_han), texts
    assert svg["role"] == "img" and svg.title.get_text() == svg["aria-label"]


def test_svgs_take_their_colours_from_the_page(site: Path) -> None:
    for stem, _, svg in built_diagrams(site):
        for node in svg.find_all(True):
            for attr in ("fill", "stroke", "color", "stop-color"):
                assert node.get(attr, "none") in ("none", "currentColor"), (stem, node)
            assert not node.has_attr("style"), (stem, node)
            for attr in ("href", "xlink:href", "src"):
                assert not node.has_attr(attr), (stem, node)
        assert "url(" not in str(svg)


def test_each_page_asks_for_its_diagram_with_the_same_marker_in_both_languages() -> None:
    marker = diagrams().MARKER
    for stem in DIAGRAM_PAGES:
        found = [marker.findall(Page(stem).source(lang).read_text("utf-8")) for lang in LANGUAGES]
        assert len(found[0]) == 1 and found[0] == found[1], stem


@pytest.mark.parametrize(
    "marker",
    [
        "<!-- lstm-diagram: pie -->",
        "<!-- lstm-diagram: cell hidden_size=8 -->",
        "<!-- lstm-diagram: grid size=tiny -->",
        "<!-- lstm-diagram: grid colour=red -->",
        "<!-- lstm-diagram: grid mode=gru proj_size=2 -->",
        "<!-- lstm-diagram: grid hidden_size=4 proj_size=4 -->",
        "<!-- lstm-diagram: grid num_layers=0 -->",
        "<!-- lstm-diagram: grid bidirectional=yes -->",
        "<!-- lstm-diagram: packed lengths=2,0,3 -->",
    ],
)
def test_a_marker_the_rules_reject_fails_the_build(marker: str) -> None:
    with pytest.raises(ValueError):
        diagrams().figure(marker, "en")
