"""The attention recipe on random configurations: padding gets exactly zero weight and changes
nothing, and each row is the softmax over that sequence's valid steps alone."""

from __future__ import annotations

import re

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from snippets.recipe_attention import AttentionPooling, masked_softmax

lengths_lists = st.lists(st.integers(1, 7), min_size=1, max_size=5)


@given(lengths_lists, st.integers(0, 3), st.integers(0, 2**16))
def test_masked_softmax_is_the_softmax_of_the_valid_steps(
    lengths: list[int], extra: int, seed: int
) -> None:
    torch.manual_seed(seed)
    steps = max(lengths) + extra
    scores = torch.randn(len(lengths), steps) * 10
    weights = masked_softmax(scores, torch.tensor(lengths))
    for n, length in enumerate(lengths):
        assert (weights[n, length:] == 0).all()
        torch.testing.assert_close(weights[n, :length], scores[n, :length].softmax(dim=0))


@given(
    lengths_lists,
    st.integers(1, 3),
    st.booleans(),
    st.booleans(),
    st.integers(0, 3),
    st.integers(1, 4),
    st.integers(0, 2**16),
)
def test_pooling_ignores_padding_for_any_lstm(
    lengths: list[int],
    num_layers: int,
    bidirectional: bool,
    batch_first: bool,
    proj_size: int,
    extra: int,
    seed: int,
) -> None:
    torch.manual_seed(seed)
    hidden = 4
    lstm = nn.LSTM(
        3,
        hidden,
        num_layers,
        batch_first=batch_first,
        bidirectional=bidirectional,
        proj_size=proj_size,
    )
    features = (2 if bidirectional else 1) * (proj_size or hidden)
    attend = AttentionPooling(features, batch_first=batch_first)
    lengths_t = torch.tensor(lengths)
    x = torch.randn(len(lengths), max(lengths), 3)
    x_in = x if batch_first else x.transpose(0, 1)
    packed = pack_padded_sequence(x_in, lengths_t, batch_first, enforce_sorted=False)
    packed_output, _ = lstm(packed)
    output, _ = pad_packed_sequence(packed_output, batch_first=batch_first)
    context, weights = attend(output, lengths_t)
    assert context.shape == (len(lengths), features)
    padding = torch.arange(max(lengths)) >= lengths_t.unsqueeze(1)
    assert (weights[padding] == 0).all()

    total = max(lengths) + extra
    longer, _ = pad_packed_sequence(packed_output, batch_first=batch_first, total_length=total)
    time_dim = 1 if batch_first else 0
    garbage = torch.randn_like(longer.narrow(time_dim, max(lengths), extra))
    longer = torch.cat([longer.narrow(time_dim, 0, max(lengths)), garbage], dim=time_dim)
    context_longer, weights_longer = attend(longer, lengths_t)
    torch.testing.assert_close(context_longer, context)
    assert (weights_longer[:, max(lengths) :] == 0).all()

    for n, length in enumerate(lengths):
        alone = output[n : n + 1, :length] if batch_first else output[:length, n : n + 1]
        context_alone, _ = attend(alone, torch.tensor([length]))
        torch.testing.assert_close(context_alone[0], context[n])


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: masked_softmax([[1.0]], torch.tensor([1])), TypeError, "must be tensors"),
        (
            lambda: masked_softmax(torch.zeros(2, 3, dtype=torch.long), torch.tensor([1, 1])),
            TypeError,
            "floating point",
        ),
        (lambda: masked_softmax(torch.zeros(2, 3), torch.tensor([1])), ValueError, "(N,)"),
        (lambda: masked_softmax(torch.zeros(2, 3), torch.tensor([1, 4])), ValueError, "1..3"),
        (lambda: masked_softmax(torch.zeros(2, 3), torch.tensor([0, 2])), ValueError, "1..3"),
        (
            lambda: AttentionPooling(4)(torch.zeros(2, 4), torch.tensor([1, 1])),
            ValueError,
            "pad_packed_sequence",
        ),
    ],
)
def test_bad_input_raises_a_clear_error(call, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        call()
