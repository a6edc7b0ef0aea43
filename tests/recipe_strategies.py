"""Random nn.LSTM configurations and batches for the recipes' property tests."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from hypothesis import strategies as st
from torch import nn
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence


@dataclass(frozen=True)
class LSTMConfig:
    num_layers: int
    bidirectional: bool
    batch_first: bool
    proj_size: int
    input_size: int
    hidden_size: int
    lengths: tuple[int, ...]
    packed: bool
    dropout: float
    seed: int

    @property
    def directions(self) -> int:
        return 2 if self.bidirectional else 1

    @property
    def h_out(self) -> int:
        return self.proj_size or self.hidden_size

    @property
    def batch(self) -> int:
        return len(self.lengths)

    def lstm(self) -> nn.LSTM:
        torch.manual_seed(self.seed)
        return nn.LSTM(
            self.input_size,
            self.hidden_size,
            num_layers=self.num_layers,
            bidirectional=self.bidirectional,
            batch_first=self.batch_first,
            proj_size=self.proj_size,
            dropout=self.dropout if self.num_layers > 1 else 0.0,
        )

    def padded(self) -> torch.Tensor:
        """A random batch with `max(lengths)` steps, laid out as `batch_first` says."""
        generator = torch.Generator().manual_seed(self.seed)
        steps = max(self.lengths)
        shape = (self.batch, steps) if self.batch_first else (steps, self.batch)
        return torch.randn(*shape, self.input_size, generator=generator)

    def inputs(self) -> torch.Tensor | PackedSequence:
        """The padded batch, packed with `lengths` when the configuration says so."""
        x = self.padded()
        if not self.packed:
            return x
        return pack_padded_sequence(
            x, list(self.lengths), batch_first=self.batch_first, enforce_sorted=False
        )


@st.composite
def lstm_configs(
    draw: st.DrawFn, bidirectional: bool | None = None, packed: bool | None = None
) -> LSTMConfig:
    hidden_size = draw(st.integers(1, 6))
    proj_size = draw(st.sampled_from([0, draw(st.integers(0, hidden_size - 1))]))
    steps = draw(st.integers(1, 6))
    packed = draw(st.booleans()) if packed is None else packed
    batch = draw(st.integers(1, 4))
    if packed:
        lengths = tuple(draw(st.lists(st.integers(1, steps), min_size=batch, max_size=batch)))
        lengths = (steps, *lengths[1:])  # one sequence fills the padded length
    else:
        lengths = (steps,) * batch
    return LSTMConfig(
        num_layers=draw(st.integers(1, 3)),
        bidirectional=draw(st.booleans()) if bidirectional is None else bidirectional,
        batch_first=draw(st.booleans()),
        proj_size=proj_size,
        input_size=draw(st.integers(1, 5)),
        hidden_size=hidden_size,
        lengths=lengths,
        packed=packed,
        dropout=draw(st.sampled_from([0.0, 0.5])),
        seed=draw(st.integers(0, 2**16)),
    )
