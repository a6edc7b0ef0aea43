"""The bidirectional-from-scratch recipe on random configurations: it equals
`nn.LSTM(bidirectional=True)` on a packed batch, and the flip bug fails that check."""

from __future__ import annotations

import re

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from snippets.recipe_bidirectional_from_scratch import BidirectionalLSTM, reverse_padded


@st.composite
def batches(draw: st.DrawFn) -> dict:
    hidden = draw(st.integers(1, 6))
    return dict(
        lengths=draw(st.lists(st.integers(1, 7), min_size=1, max_size=5)),
        batch_first=draw(st.booleans()),
        input_size=draw(st.integers(1, 4)),
        hidden=hidden,
        proj_size=draw(st.integers(0, hidden - 1)),
        seed=draw(st.integers(0, 2**16)),
    )


def padded_input(c: dict) -> torch.Tensor:
    x = torch.randn(len(c["lengths"]), max(c["lengths"]), c["input_size"])
    return x if c["batch_first"] else x.transpose(0, 1)


@given(batches(), st.integers(0, 2))
def test_reverse_padded_reverses_each_sequence_within_its_length(c: dict, extra: int) -> None:
    torch.manual_seed(c["seed"])
    lengths = torch.tensor(c["lengths"])
    x = torch.randn(len(c["lengths"]), max(c["lengths"]) + extra, 2, 3)
    reversed_x = reverse_padded(x, lengths)
    for n, length in enumerate(c["lengths"]):
        assert torch.equal(reversed_x[n, :length], x[n, :length].flip(0))
        assert torch.equal(reversed_x[n, length:], x[n, length:])
    assert torch.equal(reverse_padded(reversed_x, lengths), x)
    time_major = reverse_padded(x.transpose(0, 1), lengths, batch_first=False)
    assert torch.equal(time_major, reversed_x.transpose(0, 1))


@given(batches())
def test_layer_equals_nn_lstm_bidirectional_on_a_packed_batch(c: dict) -> None:
    torch.manual_seed(c["seed"])
    options = dict(proj_size=c["proj_size"], batch_first=c["batch_first"])
    reference = nn.LSTM(c["input_size"], c["hidden"], bidirectional=True, **options)
    layer = BidirectionalLSTM(c["input_size"], c["hidden"], **options)
    layer.load_from(reference)
    x, lengths = padded_input(c), torch.tensor(c["lengths"])
    packed = pack_padded_sequence(x, lengths, c["batch_first"], enforce_sorted=False)
    packed_output, (h_n, c_n) = reference(packed)
    output, _ = pad_packed_sequence(packed_output, c["batch_first"])
    mine, (my_h_n, my_c_n) = layer(x, lengths)
    torch.testing.assert_close(mine, output)
    torch.testing.assert_close(my_h_n, h_n)
    torch.testing.assert_close(my_c_n, c_n)


@given(batches())
def test_flipping_the_padded_tensor_fails_the_check_when_lengths_differ(c: dict) -> None:
    c = {**c, "lengths": [*c["lengths"], max(c["lengths"]) + 1]}
    torch.manual_seed(c["seed"])
    layer = BidirectionalLSTM(c["input_size"], c["hidden"], batch_first=c["batch_first"])
    x, lengths = padded_input(c), torch.tensor(c["lengths"])
    expected, _ = layer(x, lengths)
    time_dim = 1 if c["batch_first"] else 0
    buggy, _ = layer.backward_lstm(x.flip(time_dim))
    buggy = buggy.flip(time_dim)
    if not c["batch_first"]:
        buggy, expected = buggy.transpose(0, 1), expected.transpose(0, 1)
    for n, length in enumerate(c["lengths"]):
        ours = buggy[n, :length]
        right = expected[n, :length, c["hidden"] :]
        if length == max(c["lengths"]):
            torch.testing.assert_close(ours, right)
        else:
            assert not torch.allclose(ours, right)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: reverse_padded([1, 2], torch.tensor([2])), TypeError, "must be tensors"),
        (lambda: reverse_padded(torch.zeros(3), torch.tensor([2])), ValueError, "batch and"),
        (lambda: reverse_padded(torch.zeros(2, 3), torch.tensor([4, 1])), ValueError, "0..3"),
        (lambda: reverse_padded(torch.zeros(2, 3), torch.tensor([1])), ValueError, "(2,)"),
        (lambda: BidirectionalLSTM(2, 3).load_from(nn.GRU(2, 3)), TypeError, "nn.LSTM"),
        (
            lambda: BidirectionalLSTM(2, 3).load_from(nn.LSTM(2, 3)),
            ValueError,
            "one bidirectional layer",
        ),
        (
            lambda: BidirectionalLSTM(2, 3).load_from(nn.LSTM(2, 3, 2, bidirectional=True)),
            ValueError,
            "num_layers=2",
        ),
        (
            lambda: BidirectionalLSTM(2, 3)(torch.zeros(2, 3, 2), torch.tensor([3, 0])),
            ValueError,
            "at least 1",
        ),
    ],
)
def test_bad_input_raises_a_clear_error(call, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        call()
