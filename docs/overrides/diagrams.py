"""MkDocs hook: diagrams of which recurrent states make up `output`, `h_n` and packed data,
and of one LSTMCell step.

A page asks for a diagram with one HTML comment on a line of its own, e.g.

    <!-- lstm-diagram: grid mode=lstm num_layers=2 bidirectional=1 batch_first=1 seq_len=5 -->
    <!-- lstm-diagram: grid size=small num_layers=2 batch_first=1 seq_len=7 hidden_size=20 -->
    <!-- lstm-diagram: packed lengths=2,5,3 bidirectional=1 batch_first=1 hidden_size=8 -->
    <!-- lstm-diagram: cell -->

and the hook replaces it, in the built HTML, with an inline SVG drawn from the rules below, in
the page's language. `size=small` draws the grid compact enough for a phone (the home page's:
no output slice in the row labels, at most 5 steps and 3 layers). `cell` takes no keys: it draws
the data flow of one nn.LSTMCell step (x_t, h_{t-1}, c_{t-1} in; the gates i, f, g, o with their
activations and their blocks of rows in the stacked weights; c_t = f ⊙ c_{t-1} + i ⊙ g and
h_t = o ⊙ tanh(c_t) out) from one description, `CELL_GATES`, `CELL_OPS` and `CELL_OUTPUTS`;
only where each value sits (`CELL_PLACES`) is layout. Markers are parsed strictly
(`find_markers`, `parse_marker`; importable and tested without MkDocs): each key at most once,
every value checked and bounded (`GRID_NUMBERS`, `SIZES`, `MAX_SEQUENCES`, `MAX_LENGTH`), and
any line that looks like a marker but is not a valid one (`lstm-diagrams:`, a missing colon, a
`>` inside) fails the build with its file, its line and what was expected. Nothing is committed
as an image: the SVG is generated at every build. The rules (`grid_cells`, `packed_layout`) are
checked against torch by tests/test_diagrams.py, which also recomputes an LSTMCell step from
the cell's description (and from the built SVG's boxes and arrows) and compares it with
torch.nn.LSTMCell; the explorer (docs/assets/javascripts/explorer.js) draws the same grid from
the same rules, checked against torch by tests/test_explorer.py.

The SVG takes its colours from the page (classes styled in explorer.css with Material's CSS
variables, and `currentColor` as the fallback), so it reads in both palettes. It references
nothing outside itself (arrowheads are drawn, not `marker` references), and has no `style`
attribute (the Content-Security-Policy forbids them).
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# ---------------------------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grid:
    """A recurrent module and the length of the sequence it reads (batch size plays no role)."""

    mode: str = "lstm"
    num_layers: int = 1
    bidirectional: bool = False
    batch_first: bool = False
    seq_len: int = 5
    hidden_size: int = 8
    proj_size: int = 0
    # How it is drawn, not part of the rules: "small" is the compact grid of the home page.
    size: str = "full"

    @property
    def directions(self) -> int:
        return 2 if self.bidirectional else 1

    @property
    def h_out(self) -> int:
        """Size of each hidden state in `output` and `h_n`: proj_size if set, else hidden_size."""
        return self.proj_size or self.hidden_size


@dataclass(frozen=True)
class Cell:
    """The hidden state of one layer and direction after time step `step`.

    `output` is the indexing expression of `output` that holds it (None when it only feeds the
    next layer); `h_n` is the row of `h_n` (and of `c_n` for an LSTM) that holds it, if any.
    """

    layer: int
    direction: int
    step: int
    output: str | None
    h_n: int | None


def output_slice(grid: Grid, step: int | str, direction: int) -> str:
    """The expression of `output` holding one direction's hidden states at `step` (an int or
    a string such as "t" or "-1")."""
    time = f"{step}"
    if grid.directions == 1:
        return f"output[:, {time}]" if grid.batch_first else f"output[{time}]"
    h = grid.h_out
    features = f":{h}" if direction == 0 else f"{h}:"
    return (
        f"output[:, {time}, {features}]" if grid.batch_first else f"output[{time}, :, {features}]"
    )


def final_step(grid: Grid, direction: int) -> int:
    """The forward direction ends at the last step, the backward direction at step 0."""
    return grid.seq_len - 1 if direction == 0 else 0


def h_n_row(grid: Grid, layer: int, direction: int) -> int:
    """`h_n` stacks the final states layer by layer, directions inside: row layer * D + d."""
    return layer * grid.directions + direction


def grid_cells(grid: Grid) -> list[Cell]:
    """Every (layer, direction, step) of the grid and where its hidden state ends up."""
    top = grid.num_layers - 1
    return [
        Cell(
            layer,
            direction,
            step,
            output_slice(grid, step, direction) if layer == top else None,
            h_n_row(grid, layer, direction) if step == final_step(grid, direction) else None,
        )
        for layer in range(grid.num_layers)
        for direction in range(grid.directions)
        for step in range(grid.seq_len)
    ]


@dataclass(frozen=True)
class PackedBatch:
    """A padded batch of sequences of the given lengths, packed with enforce_sorted=False."""

    lengths: tuple[int, ...]
    bidirectional: bool = False
    batch_first: bool = True
    hidden_size: int = 8

    @property
    def steps(self) -> int:
        return max(self.lengths)


@dataclass(frozen=True)
class PackedCell:
    """Step `step` of sequence `seq`: its row in `packed.data` (None for padding) and the
    final states found there after `pad_packed_sequence`, as (h_n expression, output slice)."""

    seq: int
    step: int
    data_row: int | None
    finals: tuple[tuple[str, str], ...] = field(default=())


def packed_layout(batch: PackedBatch) -> tuple[list[int], list[PackedCell]]:
    """`batch_sizes` and the cells of a packed batch.

    `data` holds the real steps time step by time step, the sequences of each step sorted by
    decreasing length (ties keep batch order; the tests use distinct lengths).
    """
    order = sorted(range(len(batch.lengths)), key=lambda b: -batch.lengths[b])
    batch_sizes = [sum(1 for n in batch.lengths if n > t) for t in range(batch.steps)]
    rows: dict[tuple[int, int], int] = {}
    for t in range(batch.steps):
        for b in order:
            if batch.lengths[b] > t:
                rows[(b, t)] = len(rows)
    h = batch.hidden_size
    cells = []
    for b, length in enumerate(batch.lengths):
        for t in range(batch.steps):
            finals = []
            if batch.bidirectional:
                if t == length - 1:
                    finals.append((f"h_n[-2, {b}]", _packed_out(batch, b, t, f":{h}")))
                if t == 0:
                    finals.append((f"h_n[-1, {b}]", _packed_out(batch, b, t, f"{h}:")))
            elif t == length - 1:
                finals.append((f"h_n[-1, {b}]", _packed_out(batch, b, t, None)))
            cells.append(PackedCell(b, t, rows.get((b, t)), tuple(finals)))
    return batch_sizes, cells


def _packed_out(batch: PackedBatch, b: int, t: int, features: str | None) -> str:
    index = f"{b}, {t}" if batch.batch_first else f"{t}, {b}"
    return f"output[{index}, {features}]" if features else f"output[{index}]"


def visible(n: int, limit: int) -> list[int | None]:
    """Indices 0..n-1 to draw, with None where a run in the middle is left out."""
    if n <= limit:
        return list(range(n))
    head = (limit - 1) // 2
    tail = limit - 1 - head
    return [*range(head), None, *range(n - tail, n)]


@dataclass(frozen=True)
class Gate:
    """One gate of an LSTM cell: `activation` of block `block` (rows block*H to (block+1)*H) of
    weight_ih @ x_t + bias_ih + weight_hh @ h_{t-1} + bias_hh. `role` names its words."""

    name: str
    activation: str
    block: int
    role: str


@dataclass(frozen=True)
class Op:
    """An elementwise step after the gates: `value` = `op` of the values `inputs`."""

    value: str
    op: str
    inputs: tuple[str, ...]


# One step of nn.LSTMCell, the single description that the cell diagram draws and that
# tests/test_diagrams.py recomputes from an LSTMCell's weights and compares with its output.
CELL_INPUTS = ("x_t", "h_{t-1}", "c_{t-1}")
GATE_INPUTS = ("x_t", "h_{t-1}")
CELL_GATES = (
    Gate("i", "sigmoid", 0, "input_gate"),
    Gate("f", "sigmoid", 1, "forget_gate"),
    Gate("g", "tanh", 2, "cell_candidate"),
    Gate("o", "sigmoid", 3, "output_gate"),
)
CELL_OPS = (
    Op("f*c", "mul", ("f", "c_{t-1}")),
    Op("i*g", "mul", ("i", "g")),
    Op("c_t", "add", ("f*c", "i*g")),
    Op("tanh(c_t)", "tanh", ("c_t",)),
    Op("h_t", "mul", ("o", "tanh(c_t)")),
)
# What LSTMCell returns, in its order: (h_1, c_1).
CELL_OUTPUTS = ("h_t", "c_t")


@dataclass(frozen=True)
class CellStep:
    """The cell diagram: one step of nn.LSTMCell, drawn from CELL_GATES and CELL_OPS."""


def block_rows(block: int) -> str:
    """The rows of block `block` of the stacked weights, with H for hidden_size: [H:2H]."""

    def rows(n: int) -> str:
        return "0" if n == 0 else "H" if n == 1 else f"{n}H"

    return f"[{rows(block)}:{rows(block + 1)}]"


# ---------------------------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------------------------

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "layer": "layer {layer}",
        "forward": "forward →",
        "backward": "backward ←",
        "step": "t = {step}",
        "legend_output": "in output",
        "legend_hidden": "not in output (feeds the next layer)",
        "legend_final": "final state: a row of h_n",
        "legend_final_lstm": "final state: a row of h_n and of c_n",
        "grid_caption": (
            "Which hidden states make up output and h_n for {module}, "
            "{steps} time steps. Each box stands for the whole batch: "
            "a slice of shape (N, {h_out})."
        ),
        "grid_label": "Diagram of {module} over {steps} time steps. {parts}",
        "grid_output": "output holds the top layer's hidden state at every step ({expr}).",
        "grid_output_bi": (
            "output holds the top layer's forward states in {fwd} and backward states in {bwd}."
        ),
        "grid_row_in_output": "{rows} is layer {layer}{direction} after step {step}, {expr}.",
        "grid_row_not_in_output": (
            "{rows} is layer {layer}{direction} after step {step}, not in output."
        ),
        "dir_forward": ", forward",
        "dir_backward": ", backward",
        "sequence": "sequence {seq} (length {length})",
        "batch_sizes": "batch_sizes",
        "padding": "padding",
        "legend_valid": "a real step: its row in packed.data",
        "legend_padding": "padding: not in packed.data, 0 after unpacking",
        "legend_packed_final": "→ forward, ← backward final state (after pad_packed_sequence)",
        "legend_packed_final_uni": "final state: h_n[-1, i] is at output step lengths[i] - 1",
        "packed_caption": (
            "A batch of sequences of lengths {lengths}, packed: where each real step goes in "
            "packed.data, and where {module}'s final states are after unpacking."
        ),
        "packed_label": (
            "Diagram of a packed batch with lengths {lengths}. packed.data holds the real "
            "steps time step by time step, longest sequence first; batch_sizes is "
            "{batch_sizes}. {finals}"
        ),
        "packed_final": "{expr} equals {out}.",
        "input_gate": "input gate",
        "forget_gate": "forget gate",
        "cell_candidate": "cell candidate",
        "output_gate": "output gate",
        "cell_legend_gate": "{name}: {role}",
        "cell_legend_symbols": "σ: sigmoid · ⊙: elementwise product",
        "cell_caption": (
            "One step of nn.LSTMCell. weight_ih, weight_hh, bias_ih and bias_hh stack the "
            "parameters of the four gates in the order {order}; each gate uses one block of "
            "rows (H is hidden_size): {blocks}."
        ),
        "cell_block": "{name} {rows}",
        "cell_gate": "the {role} {name} = {activation}(…), rows {rows}",
        "cell_label": (
            "Diagram of one step of nn.LSTMCell. Inputs: {inputs}. From {gate_inputs}, four "
            "gates: {gates}. Then {formulas}. Outputs: {outputs}."
        ),
        "list": ", ",
        "and": " and ",
        "items": "; ",
    },
    "zh": {
        "layer": "第 {layer} 层",
        "forward": "正向 →",
        "backward": "反向 ←",
        "step": "t = {step}",
        "legend_output": "属于 output",
        "legend_hidden": "不在 output 中（只传给下一层）",
        "legend_final": "最终状态：h_n 的一行",
        "legend_final_lstm": "最终状态：h_n 和 c_n 的一行",
        "grid_caption": (
            "{module} 在 {steps} 个时间步上：哪些隐藏状态组成 output 和 h_n。"
            "每个方框代表整个批次，即形状为 (N, {h_out}) 的一个切片。"
        ),
        "grid_label": "{module} 在 {steps} 个时间步上的示意图。{parts}",
        "grid_output": "output 是顶层在每个时间步的隐藏状态（{expr}）。",
        "grid_output_bi": "output 中，{fwd} 是顶层的正向状态，{bwd} 是顶层的反向状态。",
        "grid_row_in_output": (
            "{rows} 是第 {layer} 层{direction}在时间步 {step} 之后的状态，即 {expr}。"
        ),
        "grid_row_not_in_output": (
            "{rows} 是第 {layer} 层{direction}在时间步 {step} 之后的状态，不在 output 中。"
        ),
        "dir_forward": "正向",
        "dir_backward": "反向",
        "sequence": "序列 {seq}（长度 {length}）",
        "batch_sizes": "batch_sizes",
        "padding": "填充",
        "legend_valid": "真实时间步：它在 packed.data 中的行号",
        "legend_padding": "填充：不在 packed.data 中，解包后为 0",
        "legend_packed_final": "→ 正向、← 反向的最终状态（pad_packed_sequence 之后的位置）",
        "legend_packed_final_uni": "最终状态：h_n[-1, i] 位于 output 的第 lengths[i] - 1 步",
        "packed_caption": (
            "长度为 {lengths} 的一批序列打包之后：每个真实时间步在 packed.data 中的位置，"
            "以及解包后 {module} 的最终状态在哪里。"
        ),
        "packed_label": (
            "长度为 {lengths} 的打包批次示意图。packed.data 按时间步依次存放真实时间步，"
            "最长的序列在前；batch_sizes 为 {batch_sizes}。{finals}"
        ),
        "packed_final": "{expr} 等于 {out}。",
        "input_gate": "输入门",
        "forget_gate": "遗忘门",
        "cell_candidate": "候选细胞状态",
        "output_gate": "输出门",
        "cell_legend_gate": "{name}：{role}",
        "cell_legend_symbols": "σ：sigmoid；⊙：逐元素相乘",
        "cell_caption": (
            "nn.LSTMCell 的一个时间步。weight_ih、weight_hh、bias_ih、bias_hh 按 {order} "
            "的顺序叠放四个门的参数，每个门用其中一块行（H 为 hidden_size）：{blocks}。"
        ),
        "cell_block": "{name} 用 {rows}",
        "cell_gate": "{role} {name} = {activation}(…)，用 {rows} 行",
        "cell_label": (
            "nn.LSTMCell 一个时间步的示意图。输入：{inputs}。由 {gate_inputs} 算出四个门："
            "{gates}。然后 {formulas}。输出：{outputs}。"
        ),
        "list": "、",
        "and": " 和 ",
        "items": "；",
    },
}


def module_call(grid: Grid) -> str:
    name = {"lstm": "nn.LSTM", "gru": "nn.GRU", "rnn": "nn.RNN"}[grid.mode]
    args = ["…"]
    if grid.num_layers != 1:
        args.append(f"num_layers={grid.num_layers}")
    if grid.bidirectional:
        args.append("bidirectional=True")
    if grid.batch_first:
        args.append("batch_first=True")
    if grid.proj_size:
        args.append(f"proj_size={grid.proj_size}")
    return f"{name}({', '.join(args)})"


# ---------------------------------------------------------------------------------------------
# SVG
# ---------------------------------------------------------------------------------------------

FONT = 13
MONO = 12
CELL_W, CELL_H, GAP = 78, 42, 6


def text_width(text: str, size: float) -> float:
    """A generous estimate: CJK characters take a full em, others 0.62 em."""
    return sum(
        size if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 0.62 * size
        for ch in text
    )


def _attrs(**attrs: Any) -> str:
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{html.escape(str(value), quote=True)}"'
        for name, value in attrs.items()
        if value is not None
    )


def _text(x: float, y: float, content: str, cls: str, anchor: str = "middle") -> str:
    return (
        f"<text{_attrs(x=f'{x:g}', y=f'{y:g}', class_=cls, text_anchor=anchor)}"
        f' fill="currentColor">{html.escape(content)}</text>'
    )


def _box(x: float, y: float, w: float, h: float, cls: str) -> str:
    return (
        f"<rect{_attrs(x=f'{x:g}', y=f'{y:g}', width=f'{w:g}', height=f'{h:g}', class_=cls)}"
        ' rx="4" fill="none" stroke="currentColor"/>'
    )


def _legend(items: list[tuple[str, str]], x: float, y: float) -> tuple[list[str], float]:
    """Legend rows (box class, words) from (x, y); returns the parts and the height used."""
    parts = []
    for i, (cls, words) in enumerate(items):
        top = y + i * 24
        parts.append(f'<g class="lstm-diagram__legend">{_box(x, top, 26, 16, cls)}')
        parts.append(_text(x + 36, top + 12.5, words, "lstm-diagram__label", "start") + "</g>")
    return parts, len(items) * 24


def _svg(kind: str, width: float, height: float, label: str, body: list[str], data: dict) -> str:
    # Whole pixels: a fractional width is snapped to device pixels, which scales the text by a
    # hair (11.999 px on a phone).
    width, height = math.ceil(width), math.ceil(height)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg"'
        f"{_attrs(class_=f'lstm-diagram lstm-diagram--{kind}', role='img', aria_label=label)}"
        f"{_attrs(viewBox=f'0 0 {width:g} {height:g}', width=f'{width:g}', height=f'{height:g}')}"
        f"{_attrs(data_kind=kind, data_config=json.dumps(data, separators=(',', ':')))}>"
        f"<title>{html.escape(label)}</title>{''.join(body)}</svg>"
    )


@dataclass(frozen=True)
class GridGeometry:
    """How big a grid is drawn: its cells, how many steps and layers it shows, and whether each
    row label also names the row's slice of `output`."""

    cell_w: float
    cell_h: float
    gap: float
    max_steps: int
    max_layers: int
    gap_w: float  # the width of the column that stands for left-out steps
    slice_labels: bool
    line_h: float  # between the lines h_n[k] and c_n[k] of a box


GEOMETRY = {
    "full": GridGeometry(CELL_W, CELL_H, GAP, 7, 4, CELL_W, True, 15),
    # The home page's: it fits a phone's width (about 380 px of content) with text at 12 px.
    "small": GridGeometry(60, 38, 4, 5, 3, 22, False, 14),
}
SIZES = tuple(GEOMETRY)


def grid_svg(grid: Grid, language: str) -> str:
    """The time x layer x direction grid of `grid`, labels in `language`, at `grid.size`."""
    s = STRINGS[language]
    geo = GEOMETRY[grid.size]
    steps = visible(grid.seq_len, geo.max_steps)
    layers = [layer for layer in reversed(visible(grid.num_layers, geo.max_layers))]
    cells = {(c.layer, c.direction, c.step): c for c in grid_cells(grid)}
    lstm = grid.mode == "lstm"
    top = grid.num_layers - 1

    rows: list[tuple[int | None, int, list[str]]] = []
    for layer in layers:
        if layer is None:
            rows.append((None, 0, []))
            continue
        for direction in range(grid.directions):
            words = s["layer"].format(layer=layer)
            if grid.bidirectional:
                words += " · " + s["forward" if direction == 0 else "backward"]
            else:
                words += " →"
            lines = [words]
            if layer == top and geo.slice_labels:
                lines.append(output_slice(grid, "t", direction))
            rows.append((layer, direction, lines))

    label_w = 16 + max(
        max(text_width(line, FONT if i == 0 else MONO) for i, line in enumerate(lines))
        for _, _, lines in rows
        if lines
    )
    header_h = 28
    x0, y0 = label_w, header_h
    # The left edge of each column: a column of left-out steps is gap_w wide.
    lefts = [x0]
    for step in steps:
        lefts.append(lefts[-1] + (geo.cell_w if step is not None else geo.gap_w) + geo.gap)
    width = lefts[-1]
    body: list[str] = []
    for i, step in enumerate(steps):
        w = geo.cell_w if step is not None else geo.gap_w
        words = "…" if step is None else s["step"].format(step=step)
        body.append(_text(lefts[i] + w / 2, 18, words, "lstm-diagram__label"))
    y = y0
    for layer, direction, lines in rows:
        if layer is None:
            body.append(_text(label_w / 2, y + 16, "⋮", "lstm-diagram__label"))
            y += 24
            continue
        for j, line in enumerate(lines):
            cls = "lstm-diagram__label" if j == 0 else "lstm-diagram__code"
            line_y = y + geo.cell_h / 2 + (j - (len(lines) - 1) / 2) * 15 + 4
            body.append(_text(8, line_y, line, cls, "start"))
        for i, step in enumerate(steps):
            x = lefts[i]
            if step is None:
                body.append(
                    _text(x + geo.gap_w / 2, y + geo.cell_h / 2 + 4, "…", "lstm-diagram__label")
                )
                continue
            cell = cells[(layer, direction, step)]
            body.append(_grid_cell(cell, x, y, lstm, geo))
        y += geo.cell_h + geo.gap
        if direction == grid.directions - 1:
            y += 8
    legend = [
        ("lstm-diagram__box lstm-diagram__box--output", s["legend_output"]),
        ("lstm-diagram__box", s["legend_hidden"]),
        (
            "lstm-diagram__box lstm-diagram__box--final",
            s["legend_final_lstm" if lstm else "legend_final"],
        ),
    ]
    if grid.num_layers == 1:
        del legend[1]
    parts, legend_h = _legend(legend, 8, y + 6)
    body += parts
    width = max(width, 60 + max(text_width(words, FONT) for _, words in legend))
    height = y + 6 + legend_h
    data = {
        "mode": grid.mode,
        "num_layers": grid.num_layers,
        "bidirectional": int(grid.bidirectional),
        "batch_first": int(grid.batch_first),
        "seq_len": grid.seq_len,
        "hidden_size": grid.hidden_size,
        "proj_size": grid.proj_size,
        "size": grid.size,
    }
    return _svg("grid", width, height, grid_description(grid, language), body, data)


def _grid_cell(cell: Cell, x: float, y: float, lstm: bool, geo: GridGeometry) -> str:
    classes = ["lstm-diagram__box"]
    if cell.output is not None:
        classes.append("lstm-diagram__box--output")
    if cell.h_n is not None:
        classes.append("lstm-diagram__box--final")
    attrs = _attrs(
        class_="lstm-diagram__cell",
        data_layer=cell.layer,
        data_direction=cell.direction,
        data_step=cell.step,
        data_output=cell.output,
        data_h_n=cell.h_n,
    )
    w, h = geo.cell_w, geo.cell_h
    parts = [f"<g{attrs}>", _box(x, y, w, h, " ".join(classes))]
    if cell.h_n is not None:
        lines = [f"h_n[{cell.h_n}]"] + ([f"c_n[{cell.h_n}]"] if lstm else [])
        for j, line in enumerate(lines):
            dy = (j - (len(lines) - 1) / 2) * geo.line_h
            parts.append(_text(x + w / 2, y + h / 2 + dy + 4, line, "lstm-diagram__code"))
    else:
        arrow = "→" if cell.direction == 0 else "←"
        parts.append(_text(x + w / 2, y + h / 2 + 5, arrow, "lstm-diagram__arrow"))
    parts.append("</g>")
    return "".join(parts)


def grid_description(grid: Grid, language: str) -> str:
    """The diagram in words: its aria-label."""
    s = STRINGS[language]
    parts = []
    if grid.bidirectional:
        parts.append(
            s["grid_output_bi"].format(
                fwd=output_slice(grid, "t", 0), bwd=output_slice(grid, "t", 1)
            )
        )
    else:
        parts.append(s["grid_output"].format(expr=output_slice(grid, "t", 0)))
    top = grid.num_layers - 1
    for cell in grid_cells(grid):
        if cell.h_n is None:
            continue
        rows = f"h_n[{cell.h_n}]" + (f", c_n[{cell.h_n}]" if grid.mode == "lstm" else "")
        direction = ""
        if grid.bidirectional:
            direction = s["dir_forward" if cell.direction == 0 else "dir_backward"]
        key = "grid_row_in_output" if cell.layer == top else "grid_row_not_in_output"
        parts.append(
            s[key].format(
                rows=rows,
                layer=cell.layer,
                direction=direction,
                step=cell.step,
                expr=cell.output,
            )
        )
    return s["grid_label"].format(
        module=module_call(grid), steps=grid.seq_len, parts=" ".join(parts)
    )


def packed_svg(batch: PackedBatch, language: str) -> str:
    """The padded batch, each real step's row in packed.data, and where the final states are."""
    s = STRINGS[language]
    batch_sizes, cells = packed_layout(batch)
    labels = [s["sequence"].format(seq=b, length=length) for b, length in enumerate(batch.lengths)]
    label_w = 16 + max(text_width(words, FONT) for words in labels + [s["batch_sizes"]])
    cell_w, cell_h = 96, 58 if batch.bidirectional else 44
    x0, y0 = label_w, 28
    body: list[str] = []
    for t in range(batch.steps):
        body.append(
            _text(
                x0 + t * (cell_w + GAP) + cell_w / 2,
                18,
                s["step"].format(step=t),
                "lstm-diagram__label",
            )
        )
    for b, words in enumerate(labels):
        body.append(
            _text(
                8, y0 + b * (cell_h + GAP) + cell_h / 2 + 4, words, "lstm-diagram__label", "start"
            )
        )
    for cell in cells:
        x = x0 + cell.step * (cell_w + GAP)
        y = y0 + cell.seq * (cell_h + GAP)
        classes = ["lstm-diagram__box"]
        if cell.data_row is not None:
            classes.append("lstm-diagram__box--output")
        else:
            classes.append("lstm-diagram__box--padding")
        if cell.finals:
            classes.append("lstm-diagram__box--final")
        attrs = _attrs(
            class_="lstm-diagram__cell",
            data_seq=cell.seq,
            data_step=cell.step,
            data_row=cell.data_row,
            data_finals=json.dumps([list(f) for f in cell.finals]) if cell.finals else None,
        )
        lines = [f"data[{cell.data_row}]" if cell.data_row is not None else s["padding"]]
        for expr, _ in cell.finals:
            arrow = ("→ " if expr.startswith("h_n[-2") else "← ") if batch.bidirectional else ""
            lines.append(arrow + expr)
        body.append(f"<g{attrs}>{_box(x, y, cell_w, cell_h, ' '.join(classes))}")
        for j, line in enumerate(lines):
            dy = (j - (len(lines) - 1) / 2) * 15
            cls = "lstm-diagram__code" if cell.data_row is not None or j else "lstm-diagram__label"
            body.append(_text(x + cell_w / 2, y + cell_h / 2 + dy + 4, line, cls))
        body.append("</g>")
    y = y0 + len(batch.lengths) * (cell_h + GAP)
    body.append(_text(8, y + 16, s["batch_sizes"], "lstm-diagram__code", "start"))
    for t, size in enumerate(batch_sizes):
        body.append(
            f'<g class="lstm-diagram__batch-size" data-step="{t}" data-batch-size="{size}">'
            + _text(x0 + t * (cell_w + GAP) + cell_w / 2, y + 16, str(size), "lstm-diagram__code")
            + "</g>"
        )
    y += 30
    legend = [
        ("lstm-diagram__box lstm-diagram__box--output", s["legend_valid"]),
        ("lstm-diagram__box lstm-diagram__box--padding", s["legend_padding"]),
        (
            "lstm-diagram__box lstm-diagram__box--final",
            s["legend_packed_final" if batch.bidirectional else "legend_packed_final_uni"],
        ),
    ]
    parts, legend_h = _legend(legend, 8, y)
    body += parts
    width = max(x0 + batch.steps * (cell_w + GAP), 60 + max(text_width(w, FONT) for _, w in legend))
    finals = " ".join(
        s["packed_final"].format(expr=expr, out=out) for cell in cells for expr, out in cell.finals
    )
    label = s["packed_label"].format(
        lengths=", ".join(map(str, batch.lengths)),
        batch_sizes=batch_sizes,
        finals=finals,
    )
    data = {
        "lengths": list(batch.lengths),
        "bidirectional": int(batch.bidirectional),
        "batch_first": int(batch.batch_first),
        "hidden_size": batch.hidden_size,
    }
    return _svg("packed", width, y + legend_h, label, body, data)


ACTIVATION_SYMBOLS = {"sigmoid": "σ", "tanh": "tanh"}
OP_SYMBOLS = {"mul": "⊙", "add": "+", "tanh": "tanh"}
# Where each value of the cell's description is drawn (centres). The nodes and the edges come
# from CELL_GATES and CELL_OPS; cell_svg fails if a value has no place here, or a place no value.
# Laid out like the usual LSTM drawing: the cell state runs along the top, the gates below it,
# x_t and h_{t-1} along the bottom, so the gates go f, i, g, o from left to right.
CELL_W_SVG = 376
CELL_TOP, GATE_Y, BUS_H, BUS_X = 30, 192, 248, 272
CELL_PLACES: dict[str, tuple[float, float]] = {
    "c_{t-1}": (8, CELL_TOP),
    "h_{t-1}": (8, BUS_H),
    "x_t": (8, BUS_X),
    "f": (100, GATE_Y),
    "i": (172, GATE_Y),
    "g": (244, GATE_Y),
    "o": (316, GATE_Y),
    "f*c": (100, CELL_TOP),
    "i*g": (208, 102),
    "c_t": (208, CELL_TOP),
    "tanh(c_t)": (316, 78),
    "h_t": (316, 134),
}
GATE_BOX = (62, 60)
OP_RADIUS = 11
TANH_HALF = (19, 11)


def cell_formulas() -> list[str]:
    """The outputs of CELL_OPS as formulas, in CELL_OPS's order: c_t = f ⊙ c_{t-1} + i ⊙ g."""
    ops = {op.value: op for op in CELL_OPS}

    def expr(value: str) -> str:
        return value if value not in ops or value in CELL_OUTPUTS else rhs(ops[value])

    def rhs(op: Op) -> str:
        args = [expr(name) for name in op.inputs]
        return f"tanh({args[0]})" if op.op == "tanh" else f" {OP_SYMBOLS[op.op]} ".join(args)

    return [f"{op.value} = {rhs(op)}" for op in CELL_OPS if op.value in CELL_OUTPUTS]


def cell_edges() -> list[tuple[str, str]]:
    """(from, to) for every arrow of the cell diagram: into each gate, each op, each output."""
    edges = [(name, gate.name) for gate in CELL_GATES for name in GATE_INPUTS]
    edges += [(name, op.value) for op in CELL_OPS for name in op.inputs]
    edges += [(value, f"out:{value}") for value in CELL_OUTPUTS]
    return edges


def _half_size(node: str) -> tuple[float, float]:
    """Half the width and height of a node, for clipping the arrows at its edge."""
    if node in {gate.name for gate in CELL_GATES}:
        return GATE_BOX[0] / 2, GATE_BOX[1] / 2
    ops = {op.value: op for op in CELL_OPS}
    if node in ops:
        return TANH_HALF if ops[node].op == "tanh" else (OP_RADIUS, OP_RADIUS)
    return 0, 0


def _route(start: str, end: str, places: dict[str, tuple[float, float]]) -> list[tuple]:
    """The corners of an arrow: up, then across, for an arrow going up; across, then down,
    otherwise. Inputs run along their line from the left; outputs leave to the right."""
    (x1, y1), (x2, y2) = places[start], places[end]
    if start in GATE_INPUTS:
        # Along the input's line, then up into the gate: h_{t-1} left of centre, x_t right.
        offset = -10 if start == GATE_INPUTS[1] else 10
        x1 += _label_end(start)
        return [(x1, y1), (x2 + offset, y1), (x2 + offset, y2 + GATE_BOX[1] / 2)]
    if start in CELL_INPUTS:
        x1 += _label_end(start)
    points = [(x1, y1), (x1, y2), (x2, y2)] if y1 > y2 else [(x1, y1), (x2, y1), (x2, y2)]
    corners = [pt for k, pt in enumerate(points) if k == 0 or pt != points[k - 1]]
    # Start and end at the nodes' edges, not their centres.
    (ax, ay), (bx, by) = corners[0], corners[1]
    hw, hh = _half_size(start)
    corners[0] = (ax + hw * _sign(bx - ax), ay + hh * _sign(by - ay))
    (ax, ay), (bx, by) = corners[-2], corners[-1]
    hw, hh = _half_size(end)
    corners[-1] = (bx - hw * _sign(bx - ax), by - hh * _sign(by - ay))
    return corners


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


def _label_end(node: str) -> float:
    """How far right of its label's start an input's line begins."""
    return text_width(node, MONO) + 6


def _arrow(corners: list[tuple], start: str, end: str) -> str:
    """An arrow along `corners`, its head a triangle (markers would need url() references)."""
    (ax, ay), (bx, by) = corners[-2], corners[-1]
    dx, dy = _sign(bx - ax), _sign(by - ay)
    # The head's tip is at the end; its base 7 px back, 4 px to each side.
    base_x, base_y = bx - 7 * dx, by - 7 * dy
    head = [(bx, by), (base_x - 4 * dy, base_y + 4 * dx), (base_x + 4 * dy, base_y - 4 * dx)]
    line = " ".join(f"{x:g},{y:g}" for x, y in [*corners[:-1], (base_x, base_y)])
    tip = " ".join(f"{x:g},{y:g}" for x, y in head)
    attrs = _attrs(class_="lstm-diagram__edge", data_from=start, data_to=end)
    return (
        f'<g{attrs}><polyline points="{line}" fill="none" stroke="currentColor"/>'
        f'<polygon points="{tip}" class="lstm-diagram__arrowhead" fill="currentColor"/></g>'
    )


def cell_svg(language: str) -> str:
    """One step of nn.LSTMCell, drawn from CELL_GATES and CELL_OPS, labels in `language`."""
    s = STRINGS[language]
    outputs = {f"out:{value}": value for value in CELL_OUTPUTS}
    names = {*CELL_INPUTS, *(gate.name for gate in CELL_GATES), *(op.value for op in CELL_OPS)}
    if names != set(CELL_PLACES):
        raise ValueError(f"CELL_PLACES places {sorted(CELL_PLACES)}, the cell has {sorted(names)}")
    places = dict(CELL_PLACES)
    for key, value in outputs.items():
        places[key] = (CELL_W_SVG - 8, places[value][1])
    body: list[str] = []
    # Arrows first, so that the boxes and circles are drawn over their ends.
    arrows = [_arrow(_route(a, b, places), a, b) for a, b in cell_edges()]
    body.append(f'<g class="lstm-diagram__edges">{"".join(arrows)}</g>')
    for name in CELL_INPUTS:
        x, y = places[name]
        attrs = _attrs(class_="lstm-diagram__io", data_input=name)
        body.append(f"<g{attrs}>{_text(x, y + 4, name, 'lstm-diagram__code', 'start')}</g>")
    for key, value in outputs.items():
        x, y = places[key]
        attrs = _attrs(class_="lstm-diagram__io", data_output=value)
        body.append(f"<g{attrs}>{_text(x, y - 7, value, 'lstm-diagram__code', 'end')}</g>")
    w, h = GATE_BOX
    for gate in CELL_GATES:
        x, y = places[gate.name]
        attrs = _attrs(
            class_="lstm-diagram__gate",
            data_gate=gate.name,
            data_activation=gate.activation,
            data_block=gate.block,
        )
        body.append(f"<g{attrs}>{_box(x - w / 2, y - h / 2, w, h, 'lstm-diagram__box')}")
        body.append(_text(x, y - 12, gate.name, "lstm-diagram__gate-name"))
        body.append(_text(x, y + 5, ACTIVATION_SYMBOLS[gate.activation], "lstm-diagram__code"))
        body.append(_text(x, y + 22, block_rows(gate.block), "lstm-diagram__code") + "</g>")
    for op in CELL_OPS:
        x, y = places[op.value]
        attrs = _attrs(
            class_="lstm-diagram__op",
            data_value=op.value,
            data_op=op.op,
            data_inputs=json.dumps(list(op.inputs), ensure_ascii=False),
        )
        if op.op == "tanh":
            hw, hh = TANH_HALF
            shape = _box(x - hw, y - hh, 2 * hw, 2 * hh, "lstm-diagram__node")
        else:
            shape = (
                f'<circle cx="{x:g}" cy="{y:g}" r="{OP_RADIUS}" class="lstm-diagram__node"'
                ' fill="none" stroke="currentColor"/>'
            )
        text = _text(x, y + 4.5, OP_SYMBOLS[op.op], "lstm-diagram__code")
        body.append(f"<g{attrs}>{shape}{text}</g>")
    # The legend: each gate's name in the order of its block, then the symbols.
    y = BUS_X + 34
    gates = sorted(CELL_GATES, key=lambda gate: gate.block)
    for k, gate in enumerate(gates):
        words = s["cell_legend_gate"].format(name=gate.name, role=s[gate.role])
        x = 8 if k % 2 == 0 else CELL_W_SVG / 2
        body.append(_text(x, y + (k // 2) * 22, words, "lstm-diagram__label", "start"))
    y += (len(gates) + 1) // 2 * 22
    body.append(_text(8, y, s["cell_legend_symbols"], "lstm-diagram__label", "start"))
    return _svg("cell", CELL_W_SVG, y + 10, cell_description(language), body, {})


def cell_description(language: str) -> str:
    """The cell diagram in words: its aria-label."""
    s = STRINGS[language]
    gates = [
        s["cell_gate"].format(
            role=s[gate.role],
            name=gate.name,
            activation=ACTIVATION_SYMBOLS[gate.activation],
            rows=block_rows(gate.block),
        )
        for gate in sorted(CELL_GATES, key=lambda gate: gate.block)
    ]
    return s["cell_label"].format(
        inputs=s["list"].join(CELL_INPUTS),
        gate_inputs=s["and"].join(GATE_INPUTS),
        gates=s["items"].join(gates),
        formulas=s["items"].join(cell_formulas()),
        outputs=s["list"].join(CELL_OUTPUTS),
    )


def cell_caption(language: str) -> str:
    s = STRINGS[language]
    gates = sorted(CELL_GATES, key=lambda gate: gate.block)
    return s["cell_caption"].format(
        order=s["list"].join(gate.name for gate in gates),
        blocks=s["list"].join(
            s["cell_block"].format(name=gate.name, rows=block_rows(gate.block)) for gate in gates
        ),
    )


# ---------------------------------------------------------------------------------------------
# The hook
# ---------------------------------------------------------------------------------------------

# A marker is one HTML comment on a line of its own, written exactly like this:
MARKER = re.compile(r"<!-- lstm-diagram: (?P<kind>[a-z]+)(?P<params>(?: [^\s>]+)*) -->")
# Anything that looks as if it meant to be one (a misspelling, a missing colon, another
# spacing): it must be a valid marker, or the build fails. Never a silent drop.
MARKER_LIKE = re.compile(r"<!--\s*lstm[\s_-]*diagram", re.IGNORECASE)
EXPECTED = "<!-- lstm-diagram: grid|packed|cell key=value ... --> on a line of its own"
# The keys each diagram takes, and for a number its smallest and largest value. The limits keep
# a diagram readable and the build bounded (the grid leaves out middle steps and layers, the
# packed diagram draws every step of every sequence).
GRID_NUMBERS = {"num_layers": (1, 16), "seq_len": (1, 100), "hidden_size": (1, 4096)}
GRID_NUMBERS["proj_size"] = (0, 4095)
GRID_KEYS = {"mode", "bidirectional", "batch_first", "size", *GRID_NUMBERS}
PACKED_KEYS = {"lengths", "bidirectional", "batch_first", "hidden_size"}
# The cell diagram draws the equations of every LSTMCell: it takes no keys.
KEYS = {"grid": GRID_KEYS, "packed": PACKED_KEYS, "cell": set()}
MAX_SEQUENCES = 8
MAX_LENGTH = 12
MODES = ("lstm", "gru", "rnn")
KEY = re.compile(r"[a-z_]+")
NUMBER = re.compile(r"[0-9]{1,6}")


class MarkerError(ValueError):
    """Invalid diagram markers of one page: each with its file, line and what was expected."""

    def __init__(self, problems: list[tuple[str, int, str]]) -> None:
        self.problems = problems
        super().__init__("\n".join(f"{path}:{line}: {message}" for path, line, message in problems))


def _shown(value: str) -> str:
    """A value as the error message quotes it: at most 40 characters."""
    return repr(value if len(value) <= 40 else value[:40] + "…")


def _number(key: str, value: str, low: int, high: int) -> int:
    if not NUMBER.fullmatch(value) or not low <= int(value) <= high:
        raise ValueError(f"{key}={_shown(value)}: expected a whole number from {low} to {high}")
    return int(value)


def _flag(key: str, value: str) -> bool:
    if value not in ("0", "1"):
        raise ValueError(f"{key}={_shown(value)}: expected 0 or 1")
    return value == "1"


def _lengths(value: str) -> tuple[int, ...]:
    items = value.split(",")
    if not 1 <= len(items) <= MAX_SEQUENCES:
        raise ValueError(
            f"lengths={_shown(value)}: expected 1 to {MAX_SEQUENCES} lengths separated by commas"
        )
    for item in items:
        if not NUMBER.fullmatch(item) or not 1 <= int(item) <= MAX_LENGTH:
            raise ValueError(
                f"lengths={_shown(value)}: {_shown(item)} is not a whole number from 1 to "
                f"{MAX_LENGTH} (expected e.g. lengths=2,5,3)"
            )
    return tuple(int(item) for item in items)


Diagram = Grid | PackedBatch | CellStep


def parse_marker(marker: str) -> Diagram:
    """The diagram one marker asks for, checked strictly.

    Args:
        marker: the marker line, e.g. `<!-- lstm-diagram: grid num_layers=2 seq_len=5 -->`.

    Returns:
        The grid, the packed batch or the cell step to draw.

    Raises:
        ValueError: the marker is malformed, has an unknown or repeated key, a value that is
            not what the key expects or outside its limits, or a configuration torch rejects.
    """
    match = MARKER.fullmatch(marker.strip())
    if match is None:
        raise ValueError(f"{_shown(marker.strip())} is not a diagram marker: expected {EXPECTED}")
    kind = match["kind"]
    if kind not in KEYS:
        raise ValueError(f"unknown diagram {_shown(kind)}: expected {' or '.join(KEYS)}")
    allowed = KEYS[kind]
    params: dict[str, str] = {}
    for item in match["params"].split():
        key, sep, value = item.partition("=")
        if not sep or not KEY.fullmatch(key) or not value:
            raise ValueError(f"{_shown(item)}: expected key=value")
        if key not in allowed:
            keys = f"one of {sorted(allowed)}" if allowed else "no keys"
            raise ValueError(f"unknown key {_shown(key)} for a {kind}: expected {keys}")
        if key in params:
            raise ValueError(f"{key} is given twice: expected each key at most once")
        params[key] = value
    if kind == "cell":
        return CellStep()
    bidirectional = _flag("bidirectional", params.get("bidirectional", "0"))
    if kind == "packed":
        if "lengths" not in params:
            raise ValueError("a packed diagram needs lengths=...: expected e.g. lengths=2,5,3")
        return PackedBatch(
            _lengths(params["lengths"]),
            bidirectional=bidirectional,
            batch_first=_flag("batch_first", params.get("batch_first", "0")),
            hidden_size=_number("hidden_size", params.get("hidden_size", "8"), 1, 4096),
        )
    mode = params.get("mode", "lstm")
    if mode not in MODES:
        raise ValueError(f"mode={_shown(mode)}: expected one of {', '.join(MODES)}")
    size = params.get("size", "full")
    if size not in SIZES:
        raise ValueError(f"size={_shown(size)}: expected one of {', '.join(SIZES)}")
    defaults = {"num_layers": "1", "seq_len": "5", "hidden_size": "8", "proj_size": "0"}
    numbers = {
        key: _number(key, params.get(key, defaults[key]), low, high)
        for key, (low, high) in GRID_NUMBERS.items()
    }
    grid = Grid(
        mode=mode,
        bidirectional=bidirectional,
        batch_first=_flag("batch_first", params.get("batch_first", "0")),
        size=size,
        **numbers,
    )
    if grid.proj_size and mode != "lstm":
        raise ValueError("torch rejects proj_size for nn.GRU and nn.RNN: expected no proj_size")
    if grid.proj_size >= grid.hidden_size:
        raise ValueError(
            f"torch rejects proj_size={grid.proj_size} with hidden_size={grid.hidden_size}: "
            "expected proj_size smaller than hidden_size"
        )
    return grid


def find_markers(source: str, path: str) -> list[tuple[int, Diagram]]:
    """Every diagram marker of a page's Markdown source, with its line number (from 1).

    Args:
        source: the page's Markdown, front matter included, so that line numbers are the file's.
        path: the page's path, for the error message.

    Returns:
        (line, diagram) for each marker, in page order.

    Raises:
        MarkerError: one or more lines look like a marker but are not valid ones; it lists
            every such line with its file, line number and what was expected.
    """
    found: list[tuple[int, Diagram]] = []
    problems: list[tuple[str, int, str]] = []
    for number, line in enumerate(source.splitlines(), start=1):
        if not MARKER_LIKE.search(line):
            continue
        try:
            found.append((number, parse_marker(line)))
        except ValueError as error:
            problems.append((path, number, str(error)))
    if problems:
        raise MarkerError(problems)
    return found


def diagram_svg(diagram: Diagram, language: str) -> str:
    """The SVG of one parsed marker, labels in `language`."""
    if isinstance(diagram, Grid):
        return grid_svg(diagram, language)
    if isinstance(diagram, PackedBatch):
        return packed_svg(diagram, language)
    return cell_svg(language)


def caption(diagram: Diagram, language: str) -> str:
    """The figure's caption: what the diagram shows, in `language`."""
    s = STRINGS[language]
    if isinstance(diagram, Grid):
        return s["grid_caption"].format(
            module=module_call(diagram), steps=diagram.seq_len, h_out=diagram.h_out
        )
    if isinstance(diagram, PackedBatch):
        module = "nn.LSTM(…, bidirectional=True)" if diagram.bidirectional else "nn.LSTM(…)"
        lengths = ", ".join(map(str, diagram.lengths))
        return s["packed_caption"].format(lengths=lengths, module=module)
    return cell_caption(language)


def figure(marker: str, language: str) -> str:
    """The HTML figure for one marker (see the module docstring), in `language`."""
    diagram = parse_marker(marker)
    return (
        f'<figure class="lstm-diagram-figure"><div class="lstm-diagram-scroll" '
        f"data-search-exclude>{diagram_svg(diagram, language)}</div>"
        f"<figcaption>{html.escape(caption(diagram, language))}</figcaption></figure>"
    )


def on_pre_build(config: Any) -> None:
    # Every page of every language, before the first is rendered: mkdocs-static-i18n builds the
    # Chinese pages after all the English ones, and a bad marker must fail the build at once.
    # Read from the files, front matter included, so that the line numbers are the files'.
    from mkdocs.exceptions import PluginError

    docs = Path(config.docs_dir)
    problems: list[tuple[str, int, str]] = []
    for path in sorted(docs.rglob("*.md")):
        try:
            find_markers(
                path.read_text(encoding="utf-8"), f"docs/{path.relative_to(docs).as_posix()}"
            )
        except MarkerError as error:
            problems.extend(error.problems)
    if problems:
        raise PluginError(f"invalid lstm-diagram marker:\n{MarkerError(problems)}")


def on_page_content(html_text: str, page: Any, config: Any, files: Any) -> str:
    # mkdocs-static-i18n builds each language with theme.language set to that language.
    language = config.theme["language"]
    if language not in STRINGS:
        language = "en"
    # Every marker was checked in on_pre_build.
    return MARKER.sub(lambda match: figure(match[0], language), html_text)
