"""Copy-ready helpers for the states and outputs of `nn.LSTM`, `nn.GRU` and `nn.RNN`.

This file depends only on torch: copy it whole into your project. Every function checks its
input and raises `TypeError` or `ValueError` saying what it expected and what it got, instead
of returning a plausible but wrong tensor. The functions work on any device and return their
result on the device of their input. `lengths` may stay on the CPU, as packing wants it: the
values of a `lengths` tensor on a GPU are not checked, since reading them would make the host
wait for the device.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch.nn.utils.rnn import PackedSequence, pad_packed_sequence

__all__ = [
    "final_hidden",
    "last_valid_output",
    "masked_max",
    "masked_mean",
    "split_directions",
    "split_h_n",
]

_DIRECTIONS = ("both", "forward", "backward")


def _require_tensor(value: object, name: str, what: str) -> torch.Tensor:
    if isinstance(value, PackedSequence):
        raise TypeError(
            f"{name} must be a tensor ({what}), got a PackedSequence; "
            "unpack it first with torch.nn.utils.rnn.pad_packed_sequence"
        )
    if isinstance(value, tuple):
        raise TypeError(
            f"{name} must be a tensor ({what}), got a tuple; for an LSTM, "
            "pass h_n from `output, (h_n, c_n) = lstm(x)`, not the (h_n, c_n) pair"
        )
    if not isinstance(value, torch.Tensor):
        raise TypeError(f"{name} must be a tensor ({what}), got {type(value).__name__}")
    if not value.is_floating_point():
        raise TypeError(f"{name} must be a floating-point tensor ({what}), got {value.dtype}")
    return value


def _require_rank(tensor: torch.Tensor, name: str, shape: str) -> None:
    if tensor.dim() != 3:
        raise ValueError(
            f"{name} must have 3 dimensions {shape}, got shape {tuple(tensor.shape)}"
            + (" (unbatched? add a batch dimension with unsqueeze)" if tensor.dim() == 2 else "")
        )


def _layout(num_layers: object, bidirectional: object) -> int:
    if isinstance(num_layers, bool) or not isinstance(num_layers, int):
        raise TypeError(f"num_layers must be an int, got {type(num_layers).__name__}")
    if num_layers < 1:
        raise ValueError(f"num_layers must be at least 1, got {num_layers}")
    if not isinstance(bidirectional, bool):
        raise TypeError(f"bidirectional must be a bool, got {type(bidirectional).__name__}")
    return 2 if bidirectional else 1


def split_h_n(h_n: torch.Tensor, *, num_layers: int, bidirectional: bool) -> torch.Tensor:
    """Split `h_n` (or `c_n`) into layers and directions.

    Args:
        h_n: final states, shape `(D * num_layers, N, H)`, as returned by the module.
        num_layers: the module's `num_layers`.
        bidirectional: the module's `bidirectional`.

    Returns:
        A view of `h_n`, shape `(num_layers, D, N, H)`, on the device of `h_n`.
            `[layer, 0]` is the forward direction, `[layer, 1]` the backward one, and
            `[layer, d]` is `h_n[layer * D + d]`.

    Raises:
        TypeError: `h_n` is not a floating-point tensor, or the layout arguments have the
            wrong type.
        ValueError: `h_n` is not 3-D, or its first dimension is not `D * num_layers`.

    Examples:
        >>> import torch
        >>> lstm = torch.nn.LSTM(4, 6, num_layers=2, bidirectional=True)
        >>> _, (h_n, c_n) = lstm(torch.randn(5, 3, 4))
        >>> layers = split_h_n(h_n, num_layers=2, bidirectional=True)
        >>> layers.shape
        torch.Size([2, 2, 3, 6])
        >>> torch.equal(layers[1, 0], h_n[2]), torch.equal(layers[1, 1], h_n[3])
        (True, True)
    """
    h_n = _require_tensor(h_n, "h_n", "the final states, shape (D*num_layers, N, H)")
    _require_rank(h_n, "h_n", "(D*num_layers, N, H)")
    directions = _layout(num_layers, bidirectional)
    if h_n.size(0) != directions * num_layers:
        raise ValueError(
            f"h_n has {h_n.size(0)} rows in dimension 0, but num_layers={num_layers} with "
            f"bidirectional={bidirectional} needs {directions * num_layers}; pass the "
            "module's own num_layers and bidirectional"
        )
    return h_n.view(num_layers, directions, h_n.size(1), h_n.size(2))


def final_hidden(
    h_n: torch.Tensor, *, num_layers: int, bidirectional: bool, direction: str = "both"
) -> torch.Tensor:
    """The top layer's final hidden state, ready for a `Linear` layer.

    Works for LSTM, GRU and RNN. With a packed input, `h_n` holds each sequence's state at its
    last valid step, in the original batch order. With a padded batch that was not packed,
    `h_n` is the state after the padding too, not at each sequence's last valid step: pack
    the batch, or pool `output` with `last_valid_output`, `masked_mean` or `masked_max`.

    Args:
        h_n: final hidden states, shape `(D * num_layers, N, H)`.
        num_layers: the module's `num_layers`.
        bidirectional: the module's `bidirectional`.
        direction: `"both"` (forward and backward concatenated, the default), `"forward"` or
            `"backward"`.

    Returns:
        Shape `(N, D * H)` for `"both"`, `(N, H)` for one direction, on the device of `h_n`.

    Raises:
        TypeError: `h_n` is not a floating-point tensor (for example the `(h_n, c_n)` pair).
        ValueError: `h_n` does not match `num_layers` and `bidirectional`, or `direction` is
            unknown or `"backward"` for a unidirectional module.

    Examples:
        >>> import torch
        >>> gru = torch.nn.GRU(4, 6, num_layers=3, bidirectional=True, batch_first=True)
        >>> output, h_n = gru(torch.randn(2, 5, 4))
        >>> features = final_hidden(h_n, num_layers=3, bidirectional=True)
        >>> features.shape
        torch.Size([2, 12])
        >>> torch.equal(features, torch.cat([h_n[-2], h_n[-1]], dim=1))
        True
    """
    if direction not in _DIRECTIONS:
        raise ValueError(f"direction must be one of {_DIRECTIONS}, got {direction!r}")
    top = split_h_n(h_n, num_layers=num_layers, bidirectional=bidirectional)[-1]
    if direction == "forward":
        return top[0]
    if direction == "backward":
        if not bidirectional:
            raise ValueError("direction='backward' needs a bidirectional module")
        return top[1]
    return torch.cat(list(top.unbind(0)), dim=1)


def split_directions(
    output: torch.Tensor, *, hidden_size: int
) -> tuple[torch.Tensor, torch.Tensor]:
    """Split a bidirectional `output` into its forward and backward halves.

    Args:
        output: padded output, shape `(L, N, 2 * H)` or `(N, L, 2 * H)`.
        hidden_size: `H`, the size of one direction (the module's `proj_size` if it is set).

    Returns:
        forward: the forward half, shaped like `output` with `H` features.
        backward: the backward half, shaped like `forward`.

    Raises:
        TypeError: `output` is a PackedSequence or not a floating-point tensor.
        ValueError: `output` is not 3-D or its last dimension is not `2 * hidden_size`.

    Examples:
        >>> import torch
        >>> lstm = torch.nn.LSTM(4, 6, bidirectional=True, batch_first=True)
        >>> output, (h_n, c_n) = lstm(torch.randn(2, 5, 4))
        >>> forward, backward = split_directions(output, hidden_size=6)
        >>> forward.shape, backward.shape
        (torch.Size([2, 5, 6]), torch.Size([2, 5, 6]))
        >>> torch.equal(forward[:, -1], h_n[0]), torch.equal(backward[:, 0], h_n[1])
        (True, True)
    """
    output = _require_tensor(output, "output", "the padded output, shape (L, N, 2*H)")
    _require_rank(output, "output", "(L, N, 2*H) or (N, L, 2*H)")
    if isinstance(hidden_size, bool) or not isinstance(hidden_size, int) or hidden_size < 1:
        raise ValueError(f"hidden_size must be a positive int, got {hidden_size!r}")
    if output.size(-1) != 2 * hidden_size:
        raise ValueError(
            f"output has {output.size(-1)} features, but a bidirectional module with "
            f"hidden_size={hidden_size} gives 2 * {hidden_size} = {2 * hidden_size}"
        )
    forward, backward = output.split(hidden_size, dim=-1)
    return forward, backward


def _int_lengths(lengths: object) -> torch.Tensor:
    """`lengths` as a 1-D integer tensor, where it is (a list or tuple becomes a CPU tensor)."""
    if isinstance(lengths, PackedSequence) or not isinstance(lengths, (torch.Tensor, list, tuple)):
        got = "a PackedSequence" if isinstance(lengths, PackedSequence) else type(lengths).__name__
        raise TypeError(
            f"lengths must be a 1-D integer tensor, a list or a tuple of ints, got {got}"
        )
    if isinstance(lengths, torch.Tensor):
        if lengths.is_floating_point() or lengths.is_complex() or lengths.dtype == torch.bool:
            raise TypeError(f"lengths must hold integers, got dtype {lengths.dtype}")
        if lengths.dim() != 1:
            raise ValueError(f"lengths must be 1-D, got shape {tuple(lengths.shape)}")
        return lengths
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in lengths):
        raise TypeError(f"lengths must be a list or tuple of ints, got {lengths!r}")
    return torch.tensor(lengths, dtype=torch.int64)


def _padded_and_lengths(
    output: torch.Tensor | PackedSequence,
    lengths: torch.Tensor | Sequence[int] | None,
    batch_first: bool,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Batch-first padded output and int64 lengths on the output's device, validated.

    The values of `lengths` are checked where they are on the CPU. Reading the values of a
    tensor on a GPU would make the host wait for the device, so those are not checked.
    """
    if not isinstance(batch_first, bool):
        raise TypeError(f"batch_first must be a bool, got {type(batch_first).__name__}")
    if isinstance(output, PackedSequence):
        if lengths is not None:
            raise ValueError(
                "a PackedSequence carries its own lengths: pass lengths=None with packed output"
            )
        padded, lengths = pad_packed_sequence(output, batch_first=True)
        return padded, lengths.to(padded.device, non_blocking=True)
    output = _require_tensor(output, "output", "the padded output, or a PackedSequence")
    _require_rank(output, "output", "(L, N, H) or, with batch_first=True, (N, L, H)")
    padded = output if batch_first else output.transpose(0, 1)
    if lengths is None:
        raise ValueError("lengths is required with a padded output (one length per sequence)")
    lengths = _int_lengths(lengths)
    batch, steps = padded.size(0), padded.size(1)
    if lengths.numel() != batch:
        raise ValueError(
            f"lengths has {lengths.numel()} entries but the batch has {batch} sequences"
            + ("" if batch_first else " (is batch_first right?)")
        )
    if lengths.device.type == "meta" and padded.device.type != "meta":
        raise ValueError(
            f"lengths is on meta, which holds no values, but output is on {padded.device}"
        )
    if lengths.device.type != "cpu" and padded.device.type == "cpu":
        lengths = lengths.cpu()
    if lengths.device.type == "cpu" and batch:
        if int(lengths.min()) < 1:
            raise ValueError(
                f"every length must be at least 1, got {lengths.tolist()}; "
                "drop empty sequences before the RNN"
            )
        if int(lengths.max()) > steps:
            raise ValueError(
                f"lengths go up to {int(lengths.max())} but output has only {steps} time "
                "steps" + ("" if batch_first else " (is batch_first right?)")
            )
    # From the CPU to an accelerator, a non-blocking copy does not wait for the device.
    return padded, lengths.to(padded.device, torch.int64, non_blocking=True)


def _valid_mask(padded: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    steps = torch.arange(padded.size(1), device=padded.device)
    return (steps.unsqueeze(0) < lengths.unsqueeze(1)).unsqueeze(-1)


def last_valid_output(
    output: torch.Tensor | PackedSequence,
    lengths: torch.Tensor | Sequence[int] | None = None,
    *,
    batch_first: bool = False,
) -> torch.Tensor:
    """Each sequence's output at its last valid step (`lengths - 1`), not at a pad step.

    For a bidirectional module the backward half of that step has seen one step only: use
    `final_hidden` for sequence features instead.

    Args:
        output: padded output `(L, N, F)` (`(N, L, F)` with `batch_first=True`), or the
            PackedSequence returned for packed input.
        lengths: valid length of each sequence, a list or tuple of ints or a 1-D integer
            tensor on any device; the CPU, where packing wants it, is the usual place.
            Required for a padded output, `None` for a PackedSequence. Its values are
            checked when it is on the CPU (or `output` is); a tensor on a GPU is not read,
            since reading it would make the host wait for the device.
        batch_first: layout of a padded `output`.

    Returns:
        Shape `(N, F)`, on the device of `output`.

    Raises:
        TypeError: wrong argument types (a float or PackedSequence `lengths`, a non-tensor).
        ValueError: wrong rank, `lengths` of the wrong size or shape, on `meta` while
            `output` is not, lengths below 1 or beyond the number of steps.

    Examples:
        >>> import torch
        >>> output = torch.arange(12.0).reshape(2, 3, 2)  # (N, L, F)
        >>> last_valid_output(output, [2, 3], batch_first=True)
        tensor([[ 2.,  3.],
                [10., 11.]])
    """
    padded, lengths = _padded_and_lengths(output, lengths, batch_first)
    rows = torch.arange(padded.size(0), device=padded.device)
    return padded[rows, lengths - 1]


def masked_mean(
    output: torch.Tensor | PackedSequence,
    lengths: torch.Tensor | Sequence[int] | None = None,
    *,
    batch_first: bool = False,
) -> torch.Tensor:
    """Mean of each sequence's outputs over its valid steps only; pad steps are ignored.

    Arguments and errors as for `last_valid_output`.

    Returns:
        Shape `(N, F)`, on the device of `output`.

    Examples:
        >>> import torch
        >>> output = torch.tensor([[[1.0], [3.0], [99.0]], [[2.0], [4.0], [6.0]]])
        >>> masked_mean(output, [2, 3], batch_first=True)
        tensor([[2.],
                [4.]])
    """
    padded, lengths = _padded_and_lengths(output, lengths, batch_first)
    mask = _valid_mask(padded, lengths)
    total = padded.masked_fill(~mask, 0).sum(dim=1)
    return total / lengths.to(padded.dtype).unsqueeze(1)


def masked_max(
    output: torch.Tensor | PackedSequence,
    lengths: torch.Tensor | Sequence[int] | None = None,
    *,
    batch_first: bool = False,
) -> torch.Tensor:
    """Feature-wise maximum of each sequence's outputs over its valid steps only.

    Pad steps never win, whatever their value. Arguments and errors as for
    `last_valid_output`.

    Returns:
        Shape `(N, F)`, on the device of `output`.

    Examples:
        >>> import torch
        >>> output = torch.tensor([[[1.0], [3.0], [99.0]], [[2.0], [-4.0], [-6.0]]])
        >>> masked_max(output, [2, 1], batch_first=True)
        tensor([[3.],
                [2.]])
    """
    padded, lengths = _padded_and_lengths(output, lengths, batch_first)
    mask = _valid_mask(padded, lengths)
    return padded.masked_fill(~mask, float("-inf")).amax(dim=1)
