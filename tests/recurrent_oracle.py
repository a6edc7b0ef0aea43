"""Real torch as the oracle for the explorer (explorer.js) and the diagrams (diagrams.py).

Both draw which hidden state of which layer, direction and time step makes up `output` and
each row of `h_n`. Torch does not expose the states of the lower layers, so `layer_states`
rebuilds a stacked module from one-layer modules with the same weights and collects each
layer's output; a cell claim is then checked against that and against `output` and `h_n`.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass
from types import ModuleType

import torch
from torch import nn

from tests.docs_layout import DOCS

MODULES = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}


def diagrams() -> ModuleType:
    """docs/overrides/diagrams.py, the build hook that draws the static pages' diagrams."""
    if "lstm_diagrams" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "lstm_diagrams", DOCS / "overrides" / "diagrams.py"
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules["lstm_diagrams"] = module
        spec.loader.exec_module(module)
    return sys.modules["lstm_diagrams"]


@dataclass(frozen=True)
class Config:
    mode: str
    num_layers: int
    bidirectional: bool
    batch_first: bool
    batch: int
    seq_len: int
    input_size: int
    hidden_size: int
    proj_size: int = 0

    @property
    def directions(self) -> int:
        return 2 if self.bidirectional else 1

    @property
    def h_out(self) -> int:
        return self.proj_size or self.hidden_size

    def query(self) -> str:
        return "&".join(
            f"{name}={int(value) if isinstance(value, bool) else value}"
            for name, value in self.__dict__.items()
        )

    def module(self, seed: int = 0) -> nn.RNNBase:
        torch.manual_seed(seed)
        kwargs = {"proj_size": self.proj_size} if self.proj_size else {}
        return MODULES[self.mode](
            self.input_size,
            self.hidden_size,
            num_layers=self.num_layers,
            bidirectional=self.bidirectional,
            batch_first=self.batch_first,
            **kwargs,
        )


@dataclass
class Run:
    """One forward pass with random input and random initial states, and its results."""

    config: Config
    module: nn.RNNBase
    x: torch.Tensor
    h_0: torch.Tensor
    c_0: torch.Tensor | None
    output: torch.Tensor
    h_n: torch.Tensor
    c_n: torch.Tensor | None

    def namespace(self) -> dict[str, object]:
        return {"output": self.output, "h_n": self.h_n, "c_n": self.c_n, "torch": torch}


def run(config: Config, seed: int = 0) -> Run:
    module = config.module(seed)
    n, length = config.batch, config.seq_len
    x = torch.randn(
        (n, length, config.input_size) if config.batch_first else (length, n, config.input_size)
    )
    rows = config.directions * config.num_layers
    h_0 = torch.randn(rows, n, config.h_out)
    c_0 = torch.randn(rows, n, config.hidden_size) if config.mode == "lstm" else None
    with torch.no_grad():
        if c_0 is None:
            output, h_n = module(x, h_0)
            c_n = None
        else:
            output, (h_n, c_n) = module(x, (h_0, c_0))
    return Run(config, module, x, h_0, c_0, output, h_n, c_n)


@dataclass
class LayerStates:
    """One layer rebuilt alone: its output (time-major, (L, N, D * H_out)) and final states."""

    output: torch.Tensor
    h_n: torch.Tensor
    c_n: torch.Tensor | None


def layer_states(result: Run) -> list[LayerStates]:
    """Rebuild the stack layer by layer from one-layer modules holding the same weights."""
    config, d = result.config, result.config.directions
    state = result.module.state_dict()
    layer_input = result.x.transpose(0, 1) if config.batch_first else result.x
    layers = []
    for layer in range(config.num_layers):
        single = Config(
            config.mode,
            1,
            config.bidirectional,
            False,
            config.batch,
            config.seq_len,
            config.input_size if layer == 0 else d * config.h_out,
            config.hidden_size,
            config.proj_size,
        ).module()
        own = re.compile(rf"_l{layer}(?=(_reverse)?$)")
        single.load_state_dict({own.sub("_l0", k): v for k, v in state.items() if own.search(k)})
        rows = slice(layer * d, (layer + 1) * d)
        with torch.no_grad():
            if result.c_0 is None:
                out, h_n = single(layer_input, result.h_0[rows].contiguous())
                c_n = None
            else:
                hx = (result.h_0[rows].contiguous(), result.c_0[rows].contiguous())
                out, (h_n, c_n) = single(layer_input, hx)
        layers.append(LayerStates(out, h_n, c_n))
        layer_input = out
    return layers


def check_output_is_top_layer(result: Run, layers: list[LayerStates]) -> None:
    """`output` is the top layer's output and nothing else (so lower layers are not in it)."""
    top = layers[-1].output
    torch.testing.assert_close(
        top.transpose(0, 1) if result.config.batch_first else top, result.output
    )


def check_cell(
    result: Run,
    layers: list[LayerStates],
    layer: int,
    direction: int,
    step: int,
    output: str | None,
    h_n: int | None,
) -> None:
    """A drawn cell: the state of (layer, direction) after `step` is `output` (an indexing
    expression) when given, and is row `h_n` of h_n (and c_n) when given; a cell without
    `output` must not be of the top layer, a cell without `h_n` not at its direction's end."""
    config = result.config
    h = config.h_out
    state = layers[layer].output[step, :, direction * h : (direction + 1) * h]
    top = layer == config.num_layers - 1
    assert (output is not None) == top, (layer, direction, step, output)
    if output is not None:
        torch.testing.assert_close(eval(output, {}, result.namespace()), state)
    final = step == (config.seq_len - 1 if direction == 0 else 0)
    assert (h_n is not None) == final, (layer, direction, step, h_n)
    if h_n is not None:
        torch.testing.assert_close(result.h_n[h_n], state)
        torch.testing.assert_close(result.h_n[h_n], layers[layer].h_n[direction])
        if result.c_n is not None:
            torch.testing.assert_close(result.c_n[h_n], layers[layer].c_n[direction])


def shape_text(tensor: torch.Tensor) -> str:
    """A shape as torch prints a tuple: (3, 5, 12), (24,)."""
    return str(tuple(tensor.shape))
