"""The Keras recipe on random configurations: each option is the PyTorch expression of the
table, and each merge mode combines the two directions' halves as Keras describes."""

from __future__ import annotations

import re

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from torch import nn

from snippets.recipe_keras_to_pytorch import MERGE_MODES, KerasLSTM, bidirectional_merge

sizes = st.tuples(st.integers(1, 4), st.integers(1, 6), st.integers(1, 5), st.integers(1, 5))


@given(sizes, st.booleans(), st.booleans(), st.booleans(), st.integers(0, 2**16))
def test_keras_options_are_the_tables_expressions(
    size: tuple[int, int, int, int],
    return_sequences: bool,
    return_state: bool,
    go_backwards: bool,
    seed: int,
) -> None:
    batch, steps, features, units = size
    torch.manual_seed(seed)
    layer = KerasLSTM(features, units, return_sequences, return_state, go_backwards)
    x = torch.randn(batch, steps, features)
    output, (h_n, c_n) = layer.lstm(x.flip(1) if go_backwards else x)
    result = layer(x)
    expected = output if return_sequences else output[:, -1]
    if return_state:
        result, h, c = result
        assert torch.equal(h, h_n[-1]) and torch.equal(c, c_n[-1])
        assert torch.equal(h, output[:, -1])
    assert torch.equal(result, expected)


@given(sizes, st.data(), st.integers(0, 2**16))
def test_stateful_calls_on_pieces_equal_one_call_on_the_whole(
    size: tuple[int, int, int, int], data: st.DataObject, seed: int
) -> None:
    batch, steps, features, units = size
    torch.manual_seed(seed)
    layer = KerasLSTM(features, units, return_sequences=True, stateful=True)
    x = torch.randn(batch, steps + 1, features)
    cut = data.draw(st.integers(1, steps))
    whole, _ = layer.lstm(x)
    pieces = torch.cat([layer(x[:, :cut]), layer(x[:, cut:])], dim=1)
    torch.testing.assert_close(pieces, whole)
    assert not layer.state[0].requires_grad
    layer.reset_states()
    torch.testing.assert_close(layer(x[:, cut:]), layer.lstm(x[:, cut:])[0])


@given(sizes, st.integers(1, 3), st.sampled_from(MERGE_MODES), st.integers(0, 2**16))
def test_merge_modes_combine_each_directions_final_output(
    size: tuple[int, int, int, int], num_layers: int, mode: str | None, seed: int
) -> None:
    batch, steps, features, units = size
    torch.manual_seed(seed)
    bi = nn.LSTM(features, units, num_layers, batch_first=True, bidirectional=True)
    output, (h_n, _) = bi(torch.randn(batch, steps, features))
    forward, backward = h_n[-2], h_n[-1]
    combine = {
        "concat": lambda f, b: torch.cat([f, b], dim=-1),
        "sum": lambda f, b: f + b,
        "mul": lambda f, b: f * b,
        "ave": lambda f, b: (f + b) / 2,
        None: lambda f, b: [f, b],
    }[mode]
    last = bidirectional_merge(output, mode)
    torch.testing.assert_close(last, combine(forward, backward), rtol=0, atol=0)
    every = bidirectional_merge(output, mode, return_sequences=True)
    torch.testing.assert_close(every, combine(output[..., :units], output[..., units:]))


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: KerasLSTM(3, 2)(torch.zeros(2, 4, 5)), ValueError, "(N, L, 3)"),
        (lambda: KerasLSTM(3, 2)(torch.zeros(4, 3)), ValueError, "(N, L, 3)"),
        (lambda: bidirectional_merge([0.0]), TypeError, "must be a tensor"),
        (lambda: bidirectional_merge(torch.zeros(2, 3, 5)), ValueError, "2 * units"),
        (lambda: bidirectional_merge(torch.zeros(2, 3, 4), "max"), ValueError, "merge_mode"),
    ],
)
def test_bad_input_raises_a_clear_error(call, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        call()


def test_a_stateful_layer_refuses_a_new_batch_size_until_reset() -> None:
    layer = KerasLSTM(3, 2, stateful=True)
    layer(torch.zeros(2, 4, 3))
    with pytest.raises(ValueError, match="reset_states"):
        layer(torch.zeros(3, 4, 3))
    layer.reset_states()
    assert layer(torch.zeros(3, 4, 3)).shape == (3, 2)
