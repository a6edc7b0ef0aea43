"""LearnedInitialState (docs/recipe-learned-initial-state.md) on random LSTM configurations."""

from __future__ import annotations

import pytest
import torch
from hypothesis import given
from torch import nn

from snippets.recipe_learned_initial_state import LearnedInitialState
from tests.recipe_strategies import LSTMConfig, lstm_configs


def randomised(config: LSTMConfig) -> LearnedInitialState:
    model = LearnedInitialState(config.lstm()).eval()
    with torch.no_grad():
        model.h_0.normal_()
        model.c_0.normal_()
    return model


@given(lstm_configs())
def test_state_has_one_row_per_layer_and_direction_with_the_lstm_sizes(config: LSTMConfig) -> None:
    model = LearnedInitialState(config.lstm())
    rows = config.num_layers * config.directions
    assert model.h_0.shape == (rows, 1, config.h_out)
    assert model.c_0.shape == (rows, 1, config.hidden_size)
    h_0, c_0 = model.expand(config.batch)
    assert h_0.shape == (rows, config.batch, config.h_out)
    assert c_0.shape == (rows, config.batch, config.hidden_size)


@given(lstm_configs())
def test_zero_state_gives_the_plain_lstm(config: LSTMConfig) -> None:
    model = LearnedInitialState(config.lstm()).eval()
    x = config.inputs()
    output, state = model(x)
    expected, expected_state = model.lstm(x)
    torch.testing.assert_close(output, expected)
    torch.testing.assert_close(state, expected_state)


@given(lstm_configs())
def test_every_sequence_starts_from_the_learned_state(config: LSTMConfig) -> None:
    model = randomised(config)
    x = config.inputs()
    rows = config.num_layers * config.directions
    h_0 = model.h_0.detach().repeat(1, config.batch, 1)
    c_0 = model.c_0.detach().repeat(1, config.batch, 1)
    assert h_0.shape == (rows, config.batch, config.h_out)
    expected, expected_state = model.lstm(x, (h_0, c_0))
    output, state = model(x)
    torch.testing.assert_close(output, expected)
    torch.testing.assert_close(state, expected_state)


@given(lstm_configs(packed=False))
def test_learned_state_changes_the_output(config: LSTMConfig) -> None:
    model = randomised(config)
    x = config.padded()
    torch.testing.assert_close(model(x)[0], model(x)[0])
    with torch.no_grad():
        plain, _ = model.lstm(x)
    assert not torch.allclose(model(x)[0], plain)


@given(lstm_configs())
def test_every_row_of_the_state_receives_a_gradient(config: LSTMConfig) -> None:
    model = randomised(config)
    output, (h_n, c_n) = model(config.inputs())
    data = output.data if hasattr(output, "batch_sizes") else output
    (data.sum() + h_n.sum() + c_n.sum()).backward()
    assert (model.h_0.grad.abs().sum(dim=(1, 2)) > 0).all()
    assert (model.c_0.grad.abs().sum(dim=(1, 2)) > 0).all()


@given(lstm_configs(packed=False))
def test_unbatched_input_starts_from_the_same_state_as_a_batch_of_one(config: LSTMConfig) -> None:
    model = randomised(config)
    x = config.padded()
    one = x[0] if config.batch_first else x[:, 0]  # (L, H_in)
    output, (h_n, c_n) = model(one)
    batched, (h_b, c_b) = model(one.unsqueeze(0 if config.batch_first else 1))
    torch.testing.assert_close(output, batched.squeeze(0 if config.batch_first else 1))
    torch.testing.assert_close((h_n, c_n), (h_b[:, 0], c_b[:, 0]))


def test_rejects_a_module_that_is_not_an_lstm() -> None:
    with pytest.raises(TypeError, match="expected an nn.LSTM, got GRU"):
        LearnedInitialState(nn.GRU(4, 8))


@pytest.mark.parametrize("bad", [torch.randn(4), torch.randn(1, 2, 3, 4)])
def test_rejects_inputs_that_are_not_2_or_3_d(bad: torch.Tensor) -> None:
    model = LearnedInitialState(nn.LSTM(4, 8))
    with pytest.raises(ValueError, match=f"got {bad.dim()}-D"):
        model(bad)


def test_rejects_an_input_that_is_not_a_tensor() -> None:
    with pytest.raises(TypeError, match="got list"):
        LearnedInitialState(nn.LSTM(4, 8))([[0.0] * 4])


@pytest.mark.parametrize("bad", [0, -1, True, 2.0])
def test_rejects_a_batch_size_that_is_not_a_positive_int(bad: object) -> None:
    with pytest.raises(ValueError, match="batch_size must be a positive int"):
        LearnedInitialState(nn.LSTM(4, 8)).expand(bad)
