"""Every input check in snippets/helpers.py: bad input raises with a message that says what
was expected and what was received, never a silently wrong tensor."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

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

POOLS = [last_valid_output, masked_mean, masked_max]
# Meta tensors have shapes, dtypes and devices but no values: a helper that reads a value of a
# tensor on the device (`.item()`, `.tolist()`, `int(t)`, the host-device sync on CUDA) fails
# there, as does one that mixes devices. `cuda` runs where torch.cuda.is_available().
DEVICES = ["cpu", "meta", pytest.param("cuda", marks=pytest.mark.cuda)]


class Inputs:
    """The tensors of the cases below, on one device; lengths stay on the CPU, as packing wants."""

    def __init__(self, device: str) -> None:
        self.device = torch.device(device)
        self.h_n = self.zeros(4, 3, 5)  # 2 layers, bidirectional, N=3, H=5
        self.output = self.zeros(3, 6, 10)  # batch_first: N=3, L=6, 2*H=10
        self.packed = pack_padded_sequence(self.output, [6, 4, 2], batch_first=True)

    def zeros(self, *shape: int, dtype: torch.dtype = torch.float32) -> torch.Tensor:
        return torch.zeros(*shape, dtype=dtype, device=self.device)


CASES: dict[str, tuple[Callable[[Inputs], object], type[Exception], str]] = {
    "h_n is a PackedSequence": (
        lambda t: final_hidden(t.packed, num_layers=2, bidirectional=True),
        TypeError,
        "h_n must be a tensor .* got a PackedSequence",
    ),
    "h_n is the (h_n, c_n) pair": (
        lambda t: final_hidden((t.h_n, t.h_n), num_layers=2, bidirectional=True),
        TypeError,
        "got a tuple; for an LSTM, pass h_n",
    ),
    "h_n is a list": (
        lambda t: split_h_n([[1.0]], num_layers=1, bidirectional=False),
        TypeError,
        "h_n must be a tensor .* got list",
    ),
    "h_n holds integers": (
        lambda t: split_h_n(t.zeros(4, 3, 5, dtype=torch.int64), num_layers=2, bidirectional=True),
        TypeError,
        "floating-point tensor .* got torch.int64",
    ),
    "h_n is 2-D (unbatched)": (
        lambda t: final_hidden(t.zeros(4, 5), num_layers=2, bidirectional=True),
        ValueError,
        r"3 dimensions .* got shape \(4, 5\) \(unbatched\? add a batch dimension",
    ),
    "h_n is 4-D": (
        lambda t: split_h_n(t.zeros(2, 2, 3, 5), num_layers=2, bidirectional=True),
        ValueError,
        r"3 dimensions .* got shape \(2, 2, 3, 5\)$",
    ),
    "num_layers is a float": (
        lambda t: split_h_n(t.h_n, num_layers=2.0, bidirectional=True),
        TypeError,
        "num_layers must be an int, got float",
    ),
    "num_layers is a bool": (
        lambda t: split_h_n(t.h_n, num_layers=True, bidirectional=True),
        TypeError,
        "num_layers must be an int, got bool",
    ),
    "num_layers is 0": (
        lambda t: split_h_n(t.h_n, num_layers=0, bidirectional=True),
        ValueError,
        "num_layers must be at least 1, got 0",
    ),
    "bidirectional is an int": (
        lambda t: split_h_n(t.h_n, num_layers=2, bidirectional=1),
        TypeError,
        "bidirectional must be a bool, got int",
    ),
    "h_n rows do not match the layout": (
        lambda t: final_hidden(t.h_n, num_layers=2, bidirectional=False),
        ValueError,
        "h_n has 4 rows .* num_layers=2 with bidirectional=False needs 2",
    ),
    "unknown direction": (
        lambda t: final_hidden(t.h_n, num_layers=2, bidirectional=True, direction="up"),
        ValueError,
        "direction must be one of .* got 'up'",
    ),
    "backward of a unidirectional module": (
        lambda t: final_hidden(
            t.zeros(2, 3, 5), num_layers=2, bidirectional=False, direction="backward"
        ),
        ValueError,
        "direction='backward' needs a bidirectional module",
    ),
    "split_directions on a PackedSequence": (
        lambda t: split_directions(t.packed, hidden_size=5),
        TypeError,
        "output must be a tensor .* got a PackedSequence; unpack it first",
    ),
    "split_directions with a bad hidden_size": (
        lambda t: split_directions(t.output, hidden_size=0),
        ValueError,
        "hidden_size must be a positive int, got 0",
    ),
    "split_directions with mismatched features": (
        lambda t: split_directions(t.output, hidden_size=4),
        ValueError,
        r"output has 10 features, but .* hidden_size=4 gives 2 \* 4 = 8",
    ),
    "batch_first is a string": (
        lambda t: masked_mean(t.output, [6, 4, 2], batch_first="yes"),
        TypeError,
        "batch_first must be a bool, got str",
    ),
    "lengths given with a PackedSequence": (
        lambda t: masked_max(t.packed, [6, 4, 2]),
        ValueError,
        "a PackedSequence carries its own lengths",
    ),
    "lengths missing for a padded output": (
        lambda t: last_valid_output(t.output, batch_first=True),
        ValueError,
        "lengths is required with a padded output",
    ),
    "lengths is a PackedSequence": (
        lambda t: last_valid_output(t.output, t.packed, batch_first=True),
        TypeError,
        "lengths must be a 1-D integer tensor, a list or a tuple of ints, got a PackedSequence",
    ),
    "lengths are floats": (
        lambda t: masked_mean(t.output, torch.tensor([6.0, 4.0, 2.0]), batch_first=True),
        TypeError,
        "lengths must hold integers, got dtype torch.float32",
    ),
    "lengths are booleans": (
        lambda t: masked_mean(t.output, torch.tensor([True, True, True]), batch_first=True),
        TypeError,
        "lengths must hold integers, got dtype torch.bool",
    ),
    "lengths are 2-D": (
        lambda t: masked_mean(t.output, torch.tensor([[6, 4, 2]]), batch_first=True),
        ValueError,
        r"lengths must be 1-D, got shape \(1, 3\)",
    ),
    "lengths list holds floats": (
        lambda t: last_valid_output(t.output, [6, 4.0, 2], batch_first=True),
        TypeError,
        r"lengths must be a list or tuple of ints, got \[6, 4.0, 2\]",
    ),
    "lengths is an int": (
        lambda t: last_valid_output(t.output, 6, batch_first=True),
        TypeError,
        "lengths must be a 1-D integer tensor, a list or a tuple of ints, got int",
    ),
    "lengths do not match the batch": (
        lambda t: masked_mean(t.output, [6, 4], batch_first=True),
        ValueError,
        "lengths has 2 entries but the batch has 3 sequences$",
    ),
    "lengths do not match the batch (batch_first forgotten)": (
        lambda t: masked_mean(t.output, [6, 4, 2]),
        ValueError,
        r"lengths has 3 entries but the batch has 6 sequences \(is batch_first right\?\)",
    ),
    "a zero length": (
        lambda t: last_valid_output(t.output, [6, 0, 2], batch_first=True),
        ValueError,
        r"every length must be at least 1, got \[6, 0, 2\]",
    ),
    "a negative length": (
        lambda t: masked_max(t.output, torch.tensor([6, -1, 2]), batch_first=True),
        ValueError,
        r"every length must be at least 1, got \[6, -1, 2\]",
    ),
    "a length beyond the sequence": (
        lambda t: masked_mean(t.output, [7, 4, 2], batch_first=True),
        ValueError,
        "lengths go up to 7 but output has only 6 time steps$",
    ),
    "output is a numpy-like list": (
        lambda t: masked_mean([[1.0]], [1], batch_first=True),
        TypeError,
        "output must be a tensor .* got list",
    ),
    "output is 2-D": (
        lambda t: last_valid_output(t.zeros(6, 10), [6], batch_first=True),
        ValueError,
        r"output must have 3 dimensions .* got shape \(6, 10\)",
    ),
    "lengths on the device are floats": (
        lambda t: masked_max(t.output, t.zeros(3), batch_first=True),
        TypeError,
        "lengths must hold integers, got dtype torch.float32",
    ),
    "lengths on the device are 2-D": (
        lambda t: masked_max(t.output, t.zeros(1, 3, dtype=torch.int64), batch_first=True),
        ValueError,
        r"lengths must be 1-D, got shape \(1, 3\)",
    ),
    "lengths on the device do not match the batch": (
        lambda t: last_valid_output(t.output, t.zeros(2, dtype=torch.int64), batch_first=True),
        ValueError,
        "lengths has 2 entries but the batch has 3 sequences$",
    ),
    "lengths tuple holds a bool": (
        lambda t: masked_mean(t.output, (6, True, 2), batch_first=True),
        TypeError,
        r"lengths must be a list or tuple of ints, got \(6, True, 2\)",
    ),
}


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("call, error, message", CASES.values(), ids=list(CASES))
def test_bad_input_raises_a_clear_error(
    call: Callable[[Inputs], object], error: type[Exception], message: str, device: str
) -> None:
    with pytest.raises(error, match=message) as raised:
        call(Inputs(device))
    # The message names what was expected and what was received, not a torch internal.
    assert type(raised.value) is error
    assert re.search(r"must|needs|required|carries|but|holds", str(raised.value))


def test_lengths_on_the_meta_device_are_refused_for_a_real_output() -> None:
    lengths = torch.empty(3, dtype=torch.int64, device="meta")
    with pytest.raises(ValueError, match="lengths is on meta, which holds no values, but output"):
        masked_max(torch.zeros(3, 6, 10), lengths, batch_first=True)


@pytest.mark.parametrize("pool", POOLS, ids=lambda f: f.__name__)
def test_pools_accept_list_tensor_and_packed_lengths_alike(pool: Callable) -> None:
    output = torch.randn(3, 6, 10)
    packed = pack_padded_sequence(output, [6, 4, 2], batch_first=True)
    expected = pool(output, [6, 4, 2], batch_first=True)
    torch.testing.assert_close(pool(output, torch.tensor([6, 4, 2]), batch_first=True), expected)
    torch.testing.assert_close(pool(output, (6, 4, 2), batch_first=True), expected)
    torch.testing.assert_close(pool(output.transpose(0, 1), [6, 4, 2]), expected)
    torch.testing.assert_close(pool(packed), expected)


@contextmanager
def no_host_sync(device: torch.device) -> Iterator[None]:
    """On CUDA, any host-device synchronisation raises (torch.cuda.set_sync_debug_mode)."""
    if device.type != "cuda":
        yield
        return
    torch.cuda.set_sync_debug_mode("error")
    try:
        yield
    finally:
        torch.cuda.set_sync_debug_mode("default")


LENGTHS = {
    "list": lambda device: [6, 4, 2],
    "tuple": lambda device: (6, 4, 2),
    "CPU int64 tensor": lambda device: torch.tensor([6, 4, 2]),
    "CPU int32 tensor": lambda device: torch.tensor([6, 4, 2], dtype=torch.int32),
    "int64 tensor on the output's device": lambda device: torch.tensor([6, 4, 2], device=device),
}


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("form", list(LENGTHS))
@pytest.mark.parametrize("pool", POOLS, ids=lambda f: f.__name__)
def test_pools_return_on_the_outputs_device_without_a_host_sync(
    pool: Callable, form: str, device: str
) -> None:
    torch.manual_seed(0)
    reference = torch.randn(6, 3, 10)  # (L, N, F) on the CPU
    output = reference.to(device)
    lengths = LENGTHS[form](output.device)
    with no_host_sync(output.device):
        result = pool(output, lengths)
        result_bf = pool(output.transpose(0, 1), lengths, batch_first=True)
    for pooled in (result, result_bf):
        assert pooled.device == output.device
        assert pooled.shape == (3, 10) and pooled.dtype == output.dtype
        if output.device.type != "meta":
            torch.testing.assert_close(pooled.cpu(), pool(reference, [6, 4, 2]))


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("pool", POOLS, ids=lambda f: f.__name__)
def test_pools_of_a_packed_output_stay_on_its_device(pool: Callable, device: str) -> None:
    torch.manual_seed(0)
    reference = torch.randn(3, 6, 10)
    packed = pack_padded_sequence(reference.to(device), [6, 4, 2], batch_first=True)
    result = pool(packed)
    assert result.device == packed.data.device and result.shape == (3, 10)
    if result.device.type != "meta":
        torch.testing.assert_close(result.cpu(), pool(reference, [6, 4, 2], batch_first=True))


@pytest.mark.parametrize("device", DEVICES)
def test_state_helpers_keep_the_device_and_shapes(device: str) -> None:
    torch.manual_seed(0)
    h_n = torch.randn(4, 3, 5).to(device)  # 2 layers, bidirectional, N=3, H=5
    output = torch.randn(3, 6, 10).to(device)
    with no_host_sync(h_n.device):
        layers = split_h_n(h_n, num_layers=2, bidirectional=True)
        both = final_hidden(h_n, num_layers=2, bidirectional=True)
        backward = final_hidden(h_n, num_layers=2, bidirectional=True, direction="backward")
        forward_half, backward_half = split_directions(output, hidden_size=5)
    expected = {
        "layers": (layers, (2, 2, 3, 5)),
        "both": (both, (3, 10)),
        "backward": (backward, (3, 5)),
        "forward half": (forward_half, (3, 6, 5)),
        "backward half": (backward_half, (3, 6, 5)),
    }
    for name, (tensor, shape) in expected.items():
        assert tensor.device == h_n.device and tuple(tensor.shape) == shape, name
    if h_n.device.type != "meta":
        assert torch.equal(backward, h_n[3]) and torch.equal(both[:, :5], h_n[2])


def test_final_hidden_of_an_unpacked_padded_batch_is_after_the_padding() -> None:
    # What final_hidden's docstring says: packed, h_n is at each last valid step; padded and
    # not packed, it is after the padding.
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(4, 6, batch_first=True)
    padded, lengths = torch.randn(2, 5, 4), [5, 2]
    output, (h_n, _) = lstm(padded)
    after_padding = final_hidden(h_n, num_layers=1, bidirectional=False)
    assert torch.equal(after_padding, output[:, -1])
    assert not torch.allclose(
        after_padding[1], last_valid_output(output, lengths, batch_first=True)[1]
    )
    packed_output, (h_n, _) = lstm(pack_padded_sequence(padded, lengths, batch_first=True))
    at_last_step = final_hidden(h_n, num_layers=1, bidirectional=False)
    assert torch.equal(at_last_step, last_valid_output(packed_output))
