"""Every input check in snippets/helpers.py: bad input raises with a message that says what
was expected and what was received, never a silently wrong tensor."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import torch
from torch.nn.utils.rnn import pack_padded_sequence

from snippets.helpers import (
    final_hidden,
    last_valid_output,
    masked_max,
    masked_mean,
    split_directions,
    split_h_n,
)

H_N = torch.zeros(4, 3, 5)  # 2 layers, bidirectional, N=3, H=5
OUTPUT = torch.zeros(3, 6, 10)  # batch_first: N=3, L=6, 2*H=10
PACKED = pack_padded_sequence(OUTPUT, [6, 4, 2], batch_first=True)
POOLS = [last_valid_output, masked_mean, masked_max]

CASES: dict[str, tuple[Callable[[], object], type[Exception], str]] = {
    "h_n is a PackedSequence": (
        lambda: final_hidden(PACKED, num_layers=2, bidirectional=True),
        TypeError,
        "h_n must be a tensor .* got a PackedSequence",
    ),
    "h_n is the (h_n, c_n) pair": (
        lambda: final_hidden((H_N, H_N), num_layers=2, bidirectional=True),
        TypeError,
        "got a tuple; for an LSTM, pass h_n",
    ),
    "h_n is a list": (
        lambda: split_h_n([[1.0]], num_layers=1, bidirectional=False),
        TypeError,
        "h_n must be a tensor .* got list",
    ),
    "h_n holds integers": (
        lambda: split_h_n(
            torch.zeros(4, 3, 5, dtype=torch.int64), num_layers=2, bidirectional=True
        ),
        TypeError,
        "floating-point tensor .* got torch.int64",
    ),
    "h_n is 2-D (unbatched)": (
        lambda: final_hidden(torch.zeros(4, 5), num_layers=2, bidirectional=True),
        ValueError,
        r"3 dimensions .* got shape \(4, 5\) \(unbatched\? add a batch dimension",
    ),
    "h_n is 4-D": (
        lambda: split_h_n(torch.zeros(2, 2, 3, 5), num_layers=2, bidirectional=True),
        ValueError,
        r"3 dimensions .* got shape \(2, 2, 3, 5\)$",
    ),
    "num_layers is a float": (
        lambda: split_h_n(H_N, num_layers=2.0, bidirectional=True),
        TypeError,
        "num_layers must be an int, got float",
    ),
    "num_layers is a bool": (
        lambda: split_h_n(H_N, num_layers=True, bidirectional=True),
        TypeError,
        "num_layers must be an int, got bool",
    ),
    "num_layers is 0": (
        lambda: split_h_n(H_N, num_layers=0, bidirectional=True),
        ValueError,
        "num_layers must be at least 1, got 0",
    ),
    "bidirectional is an int": (
        lambda: split_h_n(H_N, num_layers=2, bidirectional=1),
        TypeError,
        "bidirectional must be a bool, got int",
    ),
    "h_n rows do not match the layout": (
        lambda: final_hidden(H_N, num_layers=2, bidirectional=False),
        ValueError,
        "h_n has 4 rows .* num_layers=2 with bidirectional=False needs 2",
    ),
    "unknown direction": (
        lambda: final_hidden(H_N, num_layers=2, bidirectional=True, direction="up"),
        ValueError,
        "direction must be one of .* got 'up'",
    ),
    "backward of a unidirectional module": (
        lambda: final_hidden(
            torch.zeros(2, 3, 5), num_layers=2, bidirectional=False, direction="backward"
        ),
        ValueError,
        "direction='backward' needs a bidirectional module",
    ),
    "split_directions on a PackedSequence": (
        lambda: split_directions(PACKED, hidden_size=5),
        TypeError,
        "output must be a tensor .* got a PackedSequence; unpack it first",
    ),
    "split_directions with a bad hidden_size": (
        lambda: split_directions(OUTPUT, hidden_size=0),
        ValueError,
        "hidden_size must be a positive int, got 0",
    ),
    "split_directions with mismatched features": (
        lambda: split_directions(OUTPUT, hidden_size=4),
        ValueError,
        r"output has 10 features, but .* hidden_size=4 gives 2 \* 4 = 8",
    ),
    "batch_first is a string": (
        lambda: masked_mean(OUTPUT, [6, 4, 2], batch_first="yes"),
        TypeError,
        "batch_first must be a bool, got str",
    ),
    "lengths given with a PackedSequence": (
        lambda: masked_max(PACKED, [6, 4, 2]),
        ValueError,
        "a PackedSequence carries its own lengths",
    ),
    "lengths missing for a padded output": (
        lambda: last_valid_output(OUTPUT, batch_first=True),
        ValueError,
        "lengths is required with a padded output",
    ),
    "lengths is a PackedSequence": (
        lambda: last_valid_output(OUTPUT, PACKED, batch_first=True),
        TypeError,
        "lengths must be a 1-D tensor or a list of ints, got a PackedSequence",
    ),
    "lengths are floats": (
        lambda: masked_mean(OUTPUT, torch.tensor([6.0, 4.0, 2.0]), batch_first=True),
        TypeError,
        "lengths must hold integers, got dtype torch.float32",
    ),
    "lengths are booleans": (
        lambda: masked_mean(OUTPUT, torch.tensor([True, True, True]), batch_first=True),
        TypeError,
        "lengths must hold integers, got dtype torch.bool",
    ),
    "lengths are 2-D": (
        lambda: masked_mean(OUTPUT, torch.tensor([[6, 4, 2]]), batch_first=True),
        ValueError,
        r"lengths must be 1-D, got shape \(1, 3\)",
    ),
    "lengths on another device": (
        lambda: masked_max(
            OUTPUT, torch.empty(3, dtype=torch.int64, device="meta"), batch_first=True
        ),
        ValueError,
        "lengths is on meta but output is on cpu",
    ),
    "lengths list holds floats": (
        lambda: last_valid_output(OUTPUT, [6, 4.0, 2], batch_first=True),
        TypeError,
        r"lengths must be a list of ints, got \[6, 4.0, 2\]",
    ),
    "lengths is an int": (
        lambda: last_valid_output(OUTPUT, 6, batch_first=True),
        TypeError,
        "lengths must be a 1-D tensor or a list of ints, got int",
    ),
    "lengths do not match the batch": (
        lambda: masked_mean(OUTPUT, [6, 4], batch_first=True),
        ValueError,
        "lengths has 2 entries but the batch has 3 sequences$",
    ),
    "lengths do not match the batch (batch_first forgotten)": (
        lambda: masked_mean(OUTPUT, [6, 4, 2]),
        ValueError,
        r"lengths has 3 entries but the batch has 6 sequences \(is batch_first right\?\)",
    ),
    "a zero length": (
        lambda: last_valid_output(OUTPUT, [6, 0, 2], batch_first=True),
        ValueError,
        r"every length must be at least 1, got \[6, 0, 2\]",
    ),
    "a negative length": (
        lambda: masked_max(OUTPUT, torch.tensor([6, -1, 2]), batch_first=True),
        ValueError,
        r"every length must be at least 1, got \[6, -1, 2\]",
    ),
    "a length beyond the sequence": (
        lambda: masked_mean(OUTPUT, [7, 4, 2], batch_first=True),
        ValueError,
        "lengths go up to 7 but output has only 6 time steps$",
    ),
    "output is a numpy-like list": (
        lambda: masked_mean([[1.0]], [1], batch_first=True),
        TypeError,
        "output must be a tensor .* got list",
    ),
    "output is 2-D": (
        lambda: last_valid_output(torch.zeros(6, 10), [6], batch_first=True),
        ValueError,
        r"output must have 3 dimensions .* got shape \(6, 10\)",
    ),
}


@pytest.mark.parametrize("call, error, message", CASES.values(), ids=list(CASES))
def test_bad_input_raises_a_clear_error(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message) as raised:
        call()
    # The message names what was expected and what was received, not a torch internal.
    assert type(raised.value) is error
    assert re.search(r"must|needs|required|carries|but", str(raised.value))


@pytest.mark.parametrize("pool", POOLS, ids=lambda f: f.__name__)
def test_pools_accept_list_tensor_and_packed_lengths_alike(pool: Callable) -> None:
    output = torch.randn(3, 6, 10)
    packed = pack_padded_sequence(output, [6, 4, 2], batch_first=True)
    expected = pool(output, [6, 4, 2], batch_first=True)
    torch.testing.assert_close(pool(output, torch.tensor([6, 4, 2]), batch_first=True), expected)
    torch.testing.assert_close(pool(output.transpose(0, 1), [6, 4, 2]), expected)
    torch.testing.assert_close(pool(packed), expected)
