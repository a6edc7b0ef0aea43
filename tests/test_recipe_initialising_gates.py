"""init_lstm_gates (docs/recipe-initialising-gates.md), read back on random configurations."""

from __future__ import annotations

import math

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from torch import nn

from snippets.recipe_initialising_gates import init_lstm_gates
from tests.recipe_strategies import LSTMConfig, lstm_configs

targets = st.floats(-5, 5, allow_nan=False) | st.integers(-5, 5)


def suffixes(config: LSTMConfig) -> list[str]:
    return [
        f"_l{k}{direction}"
        for k in range(config.num_layers)
        for direction in ([""] if config.directions == 1 else ["", "_reverse"])
    ]


@given(lstm_configs(), targets)
def test_forget_gate_biases_add_up_to_the_target_in_every_layer_and_direction(
    config: LSTMConfig, target: float
) -> None:
    lstm = config.lstm()
    before = {n: p.clone() for n, p in lstm.named_parameters()}
    init_lstm_gates(lstm, forget_bias=target, orthogonal=False)
    H = config.hidden_size
    for s in suffixes(config):
        total = getattr(lstm, f"bias_ih{s}") + getattr(lstm, f"bias_hh{s}")
        assert torch.equal(total[H : 2 * H], torch.full((H,), float(target)))
        for name in (f"bias_ih{s}", f"bias_hh{s}"):  # the other gates keep their biases
            kept = torch.cat([before[name][:H], before[name][2 * H :]])
            assert torch.equal(
                torch.cat([getattr(lstm, name)[:H], getattr(lstm, name)[2 * H :]]), kept
            )
    for name, p in lstm.named_parameters():
        if "bias" not in name:
            assert torch.equal(p, before[name]), name


@given(lstm_configs())
def test_each_gate_block_of_every_recurrent_weight_is_orthogonal(config: LSTMConfig) -> None:
    lstm = config.lstm()
    before = {n: p.clone() for n, p in lstm.named_parameters()}
    init_lstm_gates(lstm, forget_bias=None)
    for s in suffixes(config):
        weight = getattr(lstm, f"weight_hh{s}")
        assert weight.shape == (4 * config.hidden_size, config.h_out)
        for block in weight.chunk(4):  # (H, H_out), H >= H_out: orthonormal columns
            torch.testing.assert_close(block.T @ block, torch.eye(config.h_out))
    for name, p in lstm.named_parameters():
        if "weight_hh" not in name:
            assert torch.equal(p, before[name]), name


@given(st.integers(1, 6), st.integers(1, 5), targets)
def test_lstm_cell_gets_the_same_initialisation(hidden: int, inputs: int, target: float) -> None:
    cell = nn.LSTMCell(inputs, hidden)
    init_lstm_gates(cell, forget_bias=target)
    f = (cell.bias_ih + cell.bias_hh).chunk(4)[1]
    assert torch.equal(f, torch.full((hidden,), float(target)))
    for block in cell.weight_hh.chunk(4):
        torch.testing.assert_close(block @ block.T, torch.eye(hidden))


def test_an_lstm_without_biases_takes_orthogonal_weights_only() -> None:
    lstm = nn.LSTM(4, 8, bias=False)
    init_lstm_gates(lstm, forget_bias=None)
    torch.testing.assert_close(lstm.weight_hh_l0[:8] @ lstm.weight_hh_l0[:8].T, torch.eye(8))
    with pytest.raises(ValueError, match="bias=False"):
        init_lstm_gates(lstm)


@pytest.mark.parametrize("bad", [nn.GRU(4, 8), nn.RNN(4, 8), nn.Linear(4, 8)])
def test_rejects_modules_that_are_not_lstms(bad: nn.Module) -> None:
    with pytest.raises(TypeError, match="expected an nn.LSTM or nn.LSTMCell"):
        init_lstm_gates(bad)


@pytest.mark.parametrize("bad", ["1", True, torch.tensor(1.0)])
def test_rejects_a_forget_bias_that_is_not_a_number(bad: object) -> None:
    with pytest.raises(TypeError, match="forget_bias must be a number or None"):
        init_lstm_gates(nn.LSTM(4, 8), forget_bias=bad)


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan])
def test_rejects_a_forget_bias_that_is_not_finite(bad: float) -> None:
    with pytest.raises(ValueError, match="forget_bias must be finite"):
        init_lstm_gates(nn.LSTM(4, 8), forget_bias=bad)
