"""Property-based tests of every structural claim the pages make, on random configurations.

A fast profile runs with every test run; `--hypothesis-profile=thorough` runs 1000 examples per
property (see README). Exact equalities (`torch.equal`) are what we observe on CPU, and what the
pages say they observe; everything else is compared with `torch.testing.assert_close`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from snippets.helpers import (
    final_hidden,
    last_valid_output,
    masked_max,
    masked_mean,
    split_directions,
    split_h_n,
)

MODES = {"LSTM": nn.LSTM, "GRU": nn.GRU, "RNN": nn.RNN}
# Meta tensors have shapes, dtypes and devices but no values: on `meta` the properties check
# shapes and placement only. `cuda` runs where torch.cuda.is_available().
DEVICES = ["cpu", "meta", pytest.param("cuda", marks=pytest.mark.cuda)]


@dataclass(frozen=True)
class Config:
    mode: str
    num_layers: int
    bidirectional: bool
    batch_first: bool
    proj_size: int
    batch: int
    steps: int
    input_size: int
    hidden_size: int
    dtype: torch.dtype
    seed: int

    @property
    def directions(self) -> int:
        return 2 if self.bidirectional else 1

    @property
    def h_out(self) -> int:
        return self.proj_size or self.hidden_size

    def module(self, **overrides: object) -> nn.Module:
        torch.manual_seed(self.seed)
        kwargs = dict(
            num_layers=self.num_layers,
            bidirectional=self.bidirectional,
            batch_first=self.batch_first,
        )
        if self.proj_size:
            kwargs["proj_size"] = self.proj_size
        kwargs.update(overrides)
        rnn = MODES[self.mode](self.input_size, self.hidden_size, **kwargs)
        return rnn.to(self.dtype)

    def inputs(self) -> torch.Tensor:
        generator = torch.Generator().manual_seed(self.seed)
        shape = (self.batch, self.steps) if self.batch_first else (self.steps, self.batch)
        return torch.randn(*shape, self.input_size, generator=generator, dtype=self.dtype)


@st.composite
def configs(draw: st.DrawFn) -> Config:
    mode = draw(st.sampled_from(sorted(MODES)))
    hidden_size = draw(st.integers(1, 6))
    proj_size = 0
    if mode == "LSTM" and hidden_size > 1:
        proj_size = draw(st.sampled_from([0, draw(st.integers(1, hidden_size - 1))]))
    return Config(
        mode=mode,
        num_layers=draw(st.integers(1, 4)),
        bidirectional=draw(st.booleans()),
        batch_first=draw(st.booleans()),
        proj_size=proj_size,
        batch=draw(st.integers(1, 4)),
        steps=draw(st.integers(1, 6)),
        input_size=draw(st.integers(1, 5)),
        hidden_size=hidden_size,
        dtype=draw(st.sampled_from([torch.float32, torch.float64])),
        seed=draw(st.integers(0, 2**16)),
    )


@st.composite
def configs_with_lengths(draw: st.DrawFn) -> tuple[Config, list[int], bool]:
    config = draw(configs())
    lengths = draw(
        st.lists(st.integers(1, config.steps), min_size=config.batch, max_size=config.batch)
    )
    lengths[draw(st.integers(0, config.batch - 1))] = config.steps
    enforce_sorted = draw(st.booleans())
    if enforce_sorted:
        lengths.sort(reverse=True)
    return config, lengths, enforce_sorted


def run(rnn: nn.Module, x: object) -> tuple[object, torch.Tensor, torch.Tensor | None]:
    """(output, h_n, c_n or None) for any mode."""
    output, state = rnn(x)
    if isinstance(state, tuple):
        return output, state[0], state[1]
    return output, state, None


def batch_major(tensor: torch.Tensor, batch_first: bool) -> torch.Tensor:
    return tensor if batch_first else tensor.transpose(0, 1)


@given(configs())
def test_output_slices_are_the_h_n_rows(config: Config) -> None:
    rnn = config.module()
    output, h_n, c_n = run(rnn, config.inputs())
    out = batch_major(output, config.batch_first)
    n, h, d = config.batch, config.h_out, config.directions
    assert out.shape == (n, config.steps, d * h)
    assert h_n.shape == (d * config.num_layers, n, h)
    if c_n is not None:
        assert c_n.shape == (d * config.num_layers, n, config.hidden_size)
    # The top layer's forward state is the last step; the backward state is step 0.
    assert torch.equal(h_n[-d], out[:, -1, :h])
    if config.bidirectional:
        assert torch.equal(h_n[-1], out[:, 0, h:])
    layers = h_n.view(config.num_layers, d, n, h)
    for layer in range(config.num_layers):
        for direction in range(d):
            assert torch.equal(layers[layer, direction], h_n[layer * d + direction])


@given(configs())
def test_batch_first_changes_only_the_layout(config: Config) -> None:
    x = config.inputs()
    other = config.module(batch_first=not config.batch_first)
    output, h_n, c_n = run(config.module(), x)
    output_t, h_n_t, c_n_t = run(other, x.transpose(0, 1))
    torch.testing.assert_close(output_t, output.transpose(0, 1))
    torch.testing.assert_close(h_n_t, h_n)
    if c_n is not None:
        torch.testing.assert_close(c_n_t, c_n)


@given(configs_with_lengths())
def test_packed_h_n_is_each_sequence_run_alone(case: tuple[Config, list[int], bool]) -> None:
    config, lengths, enforce_sorted = case
    rnn, x = config.module(), config.inputs()
    packed = pack_padded_sequence(
        x, lengths, batch_first=config.batch_first, enforce_sorted=enforce_sorted
    )
    packed_output, h_n, c_n = run(rnn, packed)
    padded, returned_lengths = pad_packed_sequence(packed_output, batch_first=True)
    assert returned_lengths.tolist() == lengths
    xs = batch_major(x, config.batch_first)
    for i, length in enumerate(lengths):
        alone = xs[i : i + 1, :length]
        out_i, h_i, c_i = run(rnn, alone if config.batch_first else alone.transpose(0, 1))
        # h_n comes back in the original batch order, at each sequence's last valid step.
        torch.testing.assert_close(h_n[:, i], h_i[:, 0])
        if c_n is not None:
            torch.testing.assert_close(c_n[:, i], c_i[:, 0])
        torch.testing.assert_close(padded[i, :length], batch_major(out_i, config.batch_first)[0])
        assert not padded[i, length:].any()


@given(configs_with_lengths())
def test_helpers_agree_with_a_reference(case: tuple[Config, list[int], bool]) -> None:
    config, lengths, enforce_sorted = case
    rnn, x = config.module(), config.inputs()
    nl, d, h = config.num_layers, config.directions, config.h_out
    packed = pack_padded_sequence(
        x, lengths, batch_first=config.batch_first, enforce_sorted=enforce_sorted
    )
    packed_output, h_n, _ = run(rnn, packed)
    output, _ = pad_packed_sequence(packed_output, batch_first=config.batch_first)
    padded = batch_major(output, config.batch_first)

    layers = split_h_n(h_n, num_layers=nl, bidirectional=config.bidirectional)
    for layer in range(nl):
        for direction in range(d):
            assert torch.equal(layers[layer, direction], h_n[layer * d + direction])
    top = [h_n[(nl - 1) * d + direction] for direction in range(d)]
    both = final_hidden(h_n, num_layers=nl, bidirectional=config.bidirectional)
    assert torch.equal(both, torch.cat(top, dim=1))
    forward = final_hidden(
        h_n, num_layers=nl, bidirectional=config.bidirectional, direction="forward"
    )
    assert torch.equal(forward, top[0])

    kwargs = {"batch_first": config.batch_first}
    last = last_valid_output(output, lengths, **kwargs)
    mean = masked_mean(output, lengths, **kwargs)
    biggest = masked_max(output, lengths, **kwargs)
    for i, length in enumerate(lengths):
        assert torch.equal(last[i], padded[i, length - 1])
        torch.testing.assert_close(mean[i], padded[i, :length].mean(dim=0))
        assert torch.equal(biggest[i], padded[i, :length].max(dim=0).values)
    # The forward final state is the forward half at the last valid step.
    torch.testing.assert_close(forward, last[:, :h])
    for pool, expected in ((last_valid_output, last), (masked_mean, mean), (masked_max, biggest)):
        torch.testing.assert_close(pool(packed_output), expected)

    if config.bidirectional:
        fwd, bwd = split_directions(output, hidden_size=h)
        assert torch.equal(fwd, output[..., :h]) and torch.equal(bwd, output[..., h:])
        backward = final_hidden(h_n, num_layers=nl, bidirectional=True, direction="backward")
        torch.testing.assert_close(backward, batch_major(bwd, config.batch_first)[:, 0])


def same_values(device: torch.device, actual: torch.Tensor, expected: torch.Tensor) -> None:
    """Bit-for-bit on the CPU (what the pages observe there); within tolerance on a GPU."""
    if device.type == "cpu":
        assert torch.equal(actual, expected)
    elif device.type != "meta":
        torch.testing.assert_close(actual, expected)


@pytest.mark.parametrize("device", DEVICES)
@settings(deadline=None)
@given(case=configs_with_lengths())
def test_shapes_devices_and_helpers_on_every_device(
    device: str, case: tuple[Config, list[int], bool]
) -> None:
    config, lengths, enforce_sorted = case
    rnn = config.module().to(device)
    x = config.inputs().to(device)
    where = x.device
    nl, d, h, n = config.num_layers, config.directions, config.h_out, config.batch
    output, h_n, c_n = run(rnn, x)
    assert output.device == h_n.device == where
    assert batch_major(output, config.batch_first).shape == (n, config.steps, d * h)
    assert h_n.shape == (d * nl, n, h)
    if c_n is not None:
        assert c_n.shape == (d * nl, n, config.hidden_size) and c_n.device == where

    if where.type == "meta" and not enforce_sorted:
        # torch's pad_packed_sequence copies `unsorted_indices` to the CPU (a sync on CUDA),
        # which a meta tensor cannot do: on meta, pack sorted lengths.
        lengths, enforce_sorted = sorted(lengths, reverse=True), True
    # Lengths on the CPU, as packing requires; everything else stays on the device.
    packed = pack_padded_sequence(
        x, lengths, batch_first=config.batch_first, enforce_sorted=enforce_sorted
    )
    packed_output, h_n, _ = run(rnn, packed)
    assert packed_output.data.device == h_n.device == where
    assert packed_output.batch_sizes.device.type == "cpu"
    padded_output, returned = pad_packed_sequence(packed_output, batch_first=config.batch_first)
    padded = batch_major(padded_output, config.batch_first)
    kwargs = {"batch_first": config.batch_first}
    results = {
        "split_h_n": (split_h_n(h_n, num_layers=nl, bidirectional=config.bidirectional), None),
        "final_hidden": (
            final_hidden(h_n, num_layers=nl, bidirectional=config.bidirectional),
            None,
        ),
        "last_valid_output": (last_valid_output(padded_output, lengths, **kwargs), (n, d * h)),
        "masked_mean": (masked_mean(padded_output, torch.tensor(lengths), **kwargs), (n, d * h)),
        "masked_max": (masked_max(padded_output, tuple(lengths), **kwargs), (n, d * h)),
        "last of packed": (last_valid_output(packed_output), (n, d * h)),
    }
    assert results["split_h_n"][0].shape == (nl, d, n, h)
    assert results["final_hidden"][0].shape == (n, d * h)
    for name, (result, shape) in results.items():
        assert result.device == where, name
        assert shape is None or result.shape == shape, name
    last = results["last_valid_output"][0]
    same_values(where, results["last of packed"][0], last)
    same_values(where, results["final_hidden"][0][:, :h], last[:, :h])
    for i, length in enumerate(lengths):
        same_values(where, last[i], padded[i, length - 1])
    assert returned.tolist() == lengths
