"""StatefulLSTM (docs/recipe-truncated-bptt.md) on random configurations and chunkings."""

from __future__ import annotations

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from torch import nn

from snippets.recipe_truncated_bptt import StatefulLSTM
from tests.recipe_strategies import LSTMConfig, lstm_configs

one_direction = lstm_configs(bidirectional=False, packed=False)


def time_dim(config: LSTMConfig) -> int:
    return 1 if config.batch_first else 0


@given(one_direction, st.integers(1, 6))
def test_chunks_give_the_output_and_state_of_one_pass(config: LSTMConfig, chunk: int) -> None:
    lstm = config.lstm().eval()
    model = StatefulLSTM(lstm)
    x = config.padded()
    outputs = [model(part)[0] for part in x.split(chunk, dim=time_dim(config))]
    output, state = lstm(x)
    torch.testing.assert_close(torch.cat(outputs, dim=time_dim(config)), output)
    torch.testing.assert_close(model.state, state)
    assert all(not s.requires_grad for s in model.state)


@given(one_direction, st.integers(1, 11))
def test_gradients_stop_at_the_chunk_boundary(config: LSTMConfig, split: int) -> None:
    model = StatefulLSTM(config.lstm().eval())
    dim = time_dim(config)
    x = torch.cat([config.padded(), config.padded().flip(dim)], dim=dim).requires_grad_()
    split = min(split, x.size(dim) - 1)
    first, second = x.split([split, x.size(dim) - split], dim=dim)
    model(first)
    output, (h_n, c_n) = model(second)
    (output.sum() + h_n.sum() + c_n.sum()).backward()
    assert torch.count_nonzero(x.grad.narrow(dim, 0, split)) == 0
    assert torch.count_nonzero(x.grad.narrow(dim, split, x.size(dim) - split)) > 0


@given(one_direction, st.data())
def test_reset_rows_start_from_zeros_and_the_others_carry_on(
    config: LSTMConfig, data: st.DataObject
) -> None:
    lstm = config.lstm().eval()
    model = StatefulLSTM(lstm)
    x = config.padded()
    model(x)
    carried, _ = model(x)
    fresh, _ = lstm(x)
    model.reset()
    model(x)
    mask = torch.tensor(
        data.draw(st.lists(st.booleans(), min_size=config.batch, max_size=config.batch))
    )
    model.reset(rows=mask)
    mixed, _ = model(x)
    batch = 0 if config.batch_first else 1
    torch.testing.assert_close(mixed.movedim(batch, 0)[mask], fresh.movedim(batch, 0)[mask])
    torch.testing.assert_close(mixed.movedim(batch, 0)[~mask], carried.movedim(batch, 0)[~mask])
    model.reset(rows=mask.nonzero().flatten())  # indices work as a mask does
    model.reset()
    assert model.state is None


def test_rejects_a_bidirectional_lstm() -> None:
    with pytest.raises(ValueError, match="bidirectional"):
        StatefulLSTM(nn.LSTM(4, 8, bidirectional=True))


def test_rejects_a_module_that_is_not_an_lstm() -> None:
    with pytest.raises(TypeError, match="expected an nn.LSTM, got GRU"):
        StatefulLSTM(nn.GRU(4, 8))


@pytest.mark.parametrize("bad", [torch.randn(5, 4), torch.randn(1, 5, 3, 4), [0.0]])
def test_rejects_a_chunk_that_is_not_3_d(bad: object) -> None:
    with pytest.raises(ValueError, match="expected a 3-D tensor chunk"):
        StatefulLSTM(nn.LSTM(4, 8))(bad)


def test_rejects_a_chunk_of_other_sequences_until_reset() -> None:
    model = StatefulLSTM(nn.LSTM(4, 8, batch_first=True))
    model(torch.randn(3, 5, 4))
    with pytest.raises(ValueError, match="holds 3 sequences, the chunk 2: call reset"):
        model(torch.randn(2, 5, 4))
    model.reset()
    assert model(torch.randn(2, 5, 4))[0].shape == (2, 5, 8)


def test_rejects_rows_that_are_not_a_tensor_or_a_mask_of_the_batch() -> None:
    model = StatefulLSTM(nn.LSTM(4, 8))
    model(torch.randn(5, 3, 4))
    with pytest.raises(TypeError, match="got list"):
        model.reset(rows=[0])
    with pytest.raises(ValueError, match=r"shape \(3,\), got \(4,\)"):
        model.reset(rows=torch.ones(4, dtype=torch.bool))
