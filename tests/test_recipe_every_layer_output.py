"""EveryLayerLSTM (docs/recipe-every-layer-output.md) against nn.LSTM on random configurations.

Compared with `torch.testing.assert_close` (float32 defaults: rtol 1.3e-6, atol 1e-5): the page
promises no more, although on CPU the results are observed bit for bit.
"""

from __future__ import annotations

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from torch import nn
from torch.nn.utils.rnn import PackedSequence, pad_packed_sequence

from snippets.recipe_every_layer_output import EveryLayerLSTM
from tests.recipe_strategies import LSTMConfig, lstm_configs


def padded(output: torch.Tensor | PackedSequence, config: LSTMConfig) -> torch.Tensor:
    if isinstance(output, PackedSequence):
        return pad_packed_sequence(output, batch_first=config.batch_first)[0]
    return output


@given(lstm_configs(), st.booleans())
def test_top_layer_and_states_equal_nn_lstm(config: LSTMConfig, with_state: bool) -> None:
    lstm = config.lstm().eval()
    stack = EveryLayerLSTM(lstm).eval()
    x = config.inputs()
    rows = config.num_layers * config.directions
    hx = None
    if with_state:
        generator = torch.Generator().manual_seed(config.seed)
        hx = (
            torch.randn(rows, config.batch, config.h_out, generator=generator),
            torch.randn(rows, config.batch, config.hidden_size, generator=generator),
        )
    output, state = lstm(x, hx)
    outputs, stack_state = stack(x, hx)
    assert len(outputs) == config.num_layers
    assert type(outputs[-1]) is type(output)
    torch.testing.assert_close(padded(outputs[-1], config), padded(output, config))
    torch.testing.assert_close(stack_state, state)


@given(lstm_configs())
def test_dropout_in_training_matches_nn_lstm_from_the_same_seed(config: LSTMConfig) -> None:
    lstm = config.lstm().train()
    stack = EveryLayerLSTM(lstm).train()
    x = config.inputs()
    torch.manual_seed(config.seed)
    output, state = lstm(x)
    torch.manual_seed(config.seed)
    outputs, stack_state = stack(x)
    torch.testing.assert_close(padded(outputs[-1], config), padded(output, config))
    torch.testing.assert_close(stack_state, state)


@given(lstm_configs())
def test_each_layer_output_holds_its_rows_of_h_n(config: LSTMConfig) -> None:
    stack = EveryLayerLSTM(config.lstm()).eval()
    outputs, (h_n, _) = stack(config.inputs())
    last = torch.tensor(config.lengths) - 1
    rows = torch.arange(config.batch)
    for k, output in enumerate(outputs):
        out = padded(output, config)
        if not config.batch_first:
            out = out.transpose(0, 1)  # (N, L, D * H_out)
        assert out.shape == (config.batch, max(config.lengths), config.directions * config.h_out)
        forward = out[..., : config.h_out]
        torch.testing.assert_close(h_n[k * config.directions], forward[rows, last])
        if config.bidirectional:
            torch.testing.assert_close(h_n[2 * k + 1], out[:, 0, config.h_out :])


def test_rejects_a_module_that_is_not_an_lstm() -> None:
    with pytest.raises(TypeError, match="expected an nn.LSTM, got GRU"):
        EveryLayerLSTM(nn.GRU(4, 8, num_layers=2))


def test_rejects_an_input_that_is_not_a_tensor() -> None:
    with pytest.raises(TypeError, match="got list"):
        EveryLayerLSTM(nn.LSTM(4, 8))([[0.0] * 4])


@pytest.mark.parametrize("hx", [torch.zeros(1, 1, 8), (torch.zeros(1, 1, 8),), [None, None]])
def test_rejects_a_state_that_is_not_a_pair_of_tensors(hx: object) -> None:
    with pytest.raises(TypeError, match="hx must be a pair of tensors"):
        EveryLayerLSTM(nn.LSTM(4, 8))(torch.randn(3, 1, 4), hx)
