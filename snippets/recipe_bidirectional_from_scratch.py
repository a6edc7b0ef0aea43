"""Examples for "Recipe: a bidirectional layer from scratch"
(docs/recipe-bidirectional-from-scratch.md, .zh.md).

The sections are plain code: the recipe (`reverse_padded`, `BidirectionalLSTM`), then its
proofs and pitfalls, which state their claims with `assert`.
"""

# --8<-- [start:recipe]
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


def reverse_padded(
    x: torch.Tensor, lengths: torch.Tensor, batch_first: bool = True
) -> torch.Tensor:
    """Reverse each sequence of a padded batch within its own length; padding stays in place.

    Args:
        x: Padded batch, `(N, L, *)` if `batch_first`, else `(L, N, *)`.
        lengths: Valid length of each sequence, `(N,)`, each in `0..L`.
        batch_first: Whether the batch dimension comes first.

    Returns:
        A tensor shaped like `x`: step `t < lengths[n]` of sequence `n` holds its step
        `lengths[n] - 1 - t`; the steps after `lengths[n]` are unchanged.

    Raises:
        TypeError: If `x` or `lengths` is not a tensor.
        ValueError: If `x` has fewer than 2 dimensions, or `lengths` does not match it.
    """
    if not isinstance(x, torch.Tensor) or not isinstance(lengths, torch.Tensor):
        raise TypeError("x and lengths must be tensors (unpack a PackedSequence first)")
    if x.dim() < 2:
        raise ValueError(f"x must have a batch and a time dimension, got shape {tuple(x.shape)}")
    time_dim, batch_dim = (1, 0) if batch_first else (0, 1)
    steps = x.shape[time_dim]
    if lengths.shape != (x.shape[batch_dim],) or not (
        (lengths >= 0).all() and (lengths <= steps).all()
    ):
        raise ValueError(
            f"lengths must be ({x.shape[batch_dim]},) with values in 0..{steps}, "
            f"got {lengths.tolist()}"
        )
    t = torch.arange(steps, device=x.device).unsqueeze(0)  # (1, L)
    n = lengths.to(x.device).unsqueeze(1)  # (N, 1)
    index = torch.where(t < n, n - 1 - t, t)  # (N, L)
    if not batch_first:
        index = index.T  # (L, N)
    index = index.reshape(*index.shape, *[1] * (x.dim() - 2)).expand_as(x)
    return x.gather(time_dim, index)


class BidirectionalLSTM(nn.Module):
    """One bidirectional LSTM layer built from two unidirectional `nn.LSTM`s.

    The backward LSTM reads each sequence reversed within its own length, and its output is
    reversed back, so that step `t` of both halves describes input step `t`.

    Args:
        input_size: Features per input step, `H_in`.
        hidden_size: Hidden size `H` of each direction.
        proj_size: `proj_size` of each direction (0 for none).
        batch_first: Whether inputs and outputs are `(N, L, *)` rather than `(L, N, *)`.
    """

    def __init__(
        self, input_size: int, hidden_size: int, proj_size: int = 0, batch_first: bool = True
    ) -> None:
        super().__init__()
        self.batch_first = batch_first
        options = dict(proj_size=proj_size, batch_first=batch_first)
        self.forward_lstm = nn.LSTM(input_size, hidden_size, **options)
        self.backward_lstm = nn.LSTM(input_size, hidden_size, **options)

    def load_from(self, lstm: nn.LSTM) -> None:
        """Copy the weights of a one-layer `nn.LSTM(bidirectional=True)` of the same sizes.

        Args:
            lstm: The bidirectional LSTM whose two directions to copy.

        Raises:
            TypeError: If `lstm` is not an `nn.LSTM`.
            ValueError: If it is not one bidirectional layer of the same sizes.
        """
        if not isinstance(lstm, nn.LSTM):
            raise TypeError(f"lstm must be an nn.LSTM, got {type(lstm).__name__}")
        mine = self.forward_lstm
        sizes = (mine.input_size, mine.hidden_size, mine.proj_size)
        theirs = (lstm.input_size, lstm.hidden_size, lstm.proj_size)
        if not lstm.bidirectional or lstm.num_layers != 1 or theirs != sizes:
            raise ValueError(
                "lstm must be one bidirectional layer with (input_size, hidden_size, "
                f"proj_size) = {sizes}, got num_layers={lstm.num_layers}, "
                f"bidirectional={lstm.bidirectional}, sizes {theirs}"
            )
        state = lstm.state_dict()
        self.forward_lstm.load_state_dict({k: v for k, v in state.items() if "reverse" not in k})
        self.backward_lstm.load_state_dict(
            {k.removesuffix("_reverse"): v for k, v in state.items() if "reverse" in k}
        )

    def _run(
        self, lstm: nn.LSTM, x: torch.Tensor, lengths: torch.Tensor
    ) -> tuple[torch.Tensor, tuple[torch.Tensor, torch.Tensor]]:
        packed = pack_padded_sequence(
            x, lengths.cpu(), batch_first=self.batch_first, enforce_sorted=False
        )
        output, state = lstm(packed)
        total = x.shape[1 if self.batch_first else 0]
        output, _ = pad_packed_sequence(output, self.batch_first, total_length=total)
        return output, state

    def forward(
        self, x: torch.Tensor, lengths: torch.Tensor
    ) -> tuple[torch.Tensor, tuple[torch.Tensor, torch.Tensor]]:
        """Run both directions over a padded batch.

        Args:
            x: Padded input, `(N, L, H_in)` if `batch_first`, else `(L, N, H_in)`.
            lengths: Valid length of each sequence, `(N,)`, each in `1..L`.

        Returns:
            `(output, (h_n, c_n))` as `nn.LSTM(bidirectional=True)` returns them on a packed
            batch, with `output` unpacked: `(N, L, 2 * H_out)` (zeros after each length),
            `h_n` `(2, N, H_out)`, `c_n` `(2, N, H)`.

        Raises:
            ValueError: If a length is 0 (packing rejects empty sequences).
        """
        if (lengths < 1).any():
            raise ValueError(f"every length must be at least 1, got {lengths.tolist()}")
        out_f, (h_f, c_f) = self._run(self.forward_lstm, x, lengths)
        reversed_x = reverse_padded(x, lengths, self.batch_first)
        out_b, (h_b, c_b) = self._run(self.backward_lstm, reversed_x, lengths)
        out_b = reverse_padded(out_b, lengths, self.batch_first)
        return torch.cat([out_f, out_b], dim=-1), (torch.cat([h_f, h_b]), torch.cat([c_f, c_b]))


# --8<-- [end:recipe]

# --8<-- [start:reverse]
import torch

x = torch.arange(1, 6).repeat(2, 1)  # (N, L)
x[1, 3:] = 0
lengths = torch.tensor([5, 3])
assert reverse_padded(x, lengths).tolist() == [[5, 4, 3, 2, 1], [3, 2, 1, 0, 0]]
assert x.flip(1).tolist() == [[5, 4, 3, 2, 1], [0, 0, 3, 2, 1]]
assert torch.equal(reverse_padded(reverse_padded(x, lengths), lengths), x)
# --8<-- [end:reverse]

# --8<-- [start:proof]
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

torch.manual_seed(0)
reference = nn.LSTM(input_size=4, hidden_size=8, batch_first=True, bidirectional=True)
layer = BidirectionalLSTM(input_size=4, hidden_size=8)
layer.load_from(reference)

x = torch.randn(3, 6, 4)  # (N, L, H_in)
lengths = torch.tensor([6, 2, 4])
packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
packed_output, (h_n, c_n) = reference(packed)
output, _ = pad_packed_sequence(packed_output, batch_first=True)

my_output, (my_h_n, my_c_n) = layer(x, lengths)
torch.testing.assert_close(my_output, output)
torch.testing.assert_close(my_h_n, h_n)
torch.testing.assert_close(my_c_n, c_n)
# --8<-- [end:proof]

# --8<-- [start:pitfall-flip]
H = 8
backward_in = x.flip(1)
backward_out, _ = layer.backward_lstm(backward_in)
buggy = backward_out.flip(1)  # (N, L, H)
full = lengths == 6
torch.testing.assert_close(buggy[full], output[full, :, H:])
for n in (~full).nonzero().flatten().tolist():
    valid = slice(0, int(lengths[n]))
    assert not torch.allclose(buggy[n, valid], output[n, valid, H:], atol=1e-3)

fixed_out, _ = layer.backward_lstm(reverse_padded(x, lengths))
fixed = reverse_padded(fixed_out, lengths)
for n, length in enumerate(lengths.tolist()):
    torch.testing.assert_close(fixed[n, :length], output[n, :length, H:])
# --8<-- [end:pitfall-flip]
