"""Examples for "Recipe: attention over valid steps" (docs/recipe-attention.md, .zh.md).

The sections are plain code: the recipe (`masked_softmax`, `AttentionPooling`), then its
proofs and pitfalls, which state their claims with `assert`.
"""

# --8<-- [start:recipe]
import torch
from torch import nn


def masked_softmax(scores: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    """Softmax over the valid steps of each sequence; padded steps get exactly zero.

    Args:
        scores: One score per step, `(N, L)`.
        lengths: Valid length of each sequence, `(N,)`, each in `1..L`.

    Returns:
        Weights, `(N, L)`: each row sums to 1 over its first `lengths[n]` steps and is 0
        after them.

    Raises:
        TypeError: If `scores` or `lengths` is not a tensor, or `scores` is not floating point.
        ValueError: If the shapes do not match, or a length is outside `1..L` (a sequence
            with no valid step has no softmax: it would be NaN).
    """
    if not isinstance(scores, torch.Tensor) or not isinstance(lengths, torch.Tensor):
        raise TypeError("scores and lengths must be tensors")
    if not scores.is_floating_point():
        raise TypeError(f"scores must be floating point, got {scores.dtype}")
    if scores.dim() != 2 or lengths.shape != (scores.shape[0],):
        raise ValueError(
            f"scores must be (N, L) and lengths (N,), got {tuple(scores.shape)} "
            f"and {tuple(lengths.shape)}"
        )
    if not ((lengths >= 1).all() and (lengths <= scores.shape[1]).all()):
        raise ValueError(f"lengths must be in 1..{scores.shape[1]}, got {lengths.tolist()}")
    steps = torch.arange(scores.shape[1], device=scores.device)
    padding = steps >= lengths.to(scores.device).unsqueeze(1)  # (N, L)
    return scores.masked_fill(padding, float("-inf")).softmax(dim=1)


class AttentionPooling(nn.Module):
    """Additive attention over an LSTM's `output`: one weighted sum of the valid steps.

    Args:
        features: Features per step of `output` (`D * H`, or `D * proj_size`).
        batch_first: Whether `output` is `(N, L, F)` rather than `(L, N, F)`.
    """

    def __init__(self, features: int, batch_first: bool = True) -> None:
        super().__init__()
        self.batch_first = batch_first
        self.score = nn.Sequential(
            nn.Linear(features, features), nn.Tanh(), nn.Linear(features, 1, bias=False)
        )

    def forward(
        self, output: torch.Tensor, lengths: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Pool `output` over each sequence's valid steps.

        Args:
            output: Padded LSTM output, `(N, L, F)` (or `(L, N, F)` if not `batch_first`).
            lengths: Valid length of each sequence, `(N,)`.

        Returns:
            `(context, weights)`: `context` is `(N, F)`, `weights` is `(N, L)`.

        Raises:
            ValueError: If `output` is not 3-D (a `PackedSequence` must be unpacked first).
        """
        if not isinstance(output, torch.Tensor) or output.dim() != 3:
            raise ValueError(
                "output must be a padded 3-D tensor; unpack a PackedSequence with "
                "pad_packed_sequence first"
            )
        if not self.batch_first:
            output = output.transpose(0, 1)  # (N, L, F)
        weights = masked_softmax(self.score(output).squeeze(-1), lengths)
        context = torch.bmm(weights.unsqueeze(1), output).squeeze(1)
        return context, weights


# --8<-- [end:recipe]

# --8<-- [start:proof]
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

torch.manual_seed(0)
lstm = nn.LSTM(input_size=4, hidden_size=8, batch_first=True, bidirectional=True)
attend = AttentionPooling(features=16)
x = torch.randn(3, 6, 4)  # (N, L, H_in)
lengths = torch.tensor([6, 2, 4])
packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
packed_output, _ = lstm(packed)
output, _ = pad_packed_sequence(packed_output, batch_first=True)
context, weights = attend(output, lengths)
assert context.shape == (3, 16) and weights.shape == (3, 6)

padding = torch.arange(6) >= lengths.unsqueeze(1)  # (N, L)
assert (weights[padding] == 0).all()
torch.testing.assert_close(weights.sum(dim=1), torch.ones(3))

longer, _ = pad_packed_sequence(packed_output, batch_first=True, total_length=10)
longer[:, 6:] = torch.randn(3, 4, 16)
context_longer, weights_longer = attend(longer, lengths)
torch.testing.assert_close(context_longer, context)
assert (weights_longer[:, 6:] == 0).all()
# --8<-- [end:proof]

# --8<-- [start:one-by-one]
for n, length in enumerate(lengths.tolist()):
    alone, _ = lstm(x[n : n + 1, :length])
    context_alone, _ = attend(alone, torch.tensor([length]))
    torch.testing.assert_close(context_alone[0], context[n])
# --8<-- [end:one-by-one]

# --8<-- [start:pitfall-no-mask]
scores = attend.score(output).squeeze(-1)  # (N, L)
unmasked = scores.softmax(dim=1)
assert (unmasked[padding] > 0).all()
scores_longer = attend.score(longer).squeeze(-1)
context_unmasked = torch.bmm(unmasked.unsqueeze(1), output).squeeze(1)
context_unmasked_longer = torch.bmm(scores_longer.softmax(dim=1).unsqueeze(1), longer).squeeze(1)
assert not torch.allclose(context_unmasked_longer[1], context_unmasked[1])

masked = masked_softmax(scores, lengths)
assert (masked[padding] == 0).all()
# --8<-- [end:pitfall-no-mask]

# --8<-- [start:pitfall-mask-after]
zeroed = scores.softmax(dim=1).masked_fill(padding, 0.0)
assert (zeroed.sum(dim=1)[lengths < 6] < 1).all()
torch.testing.assert_close(masked.sum(dim=1), torch.ones(3))
# --8<-- [end:pitfall-mask-after]

# --8<-- [start:pitfall-empty]
empty = torch.full((1, 4), float("-inf")).softmax(dim=1)
assert empty.isnan().all()
try:
    masked_softmax(torch.randn(1, 4), torch.tensor([0]))
except ValueError as error:
    assert "lengths must be in 1..4" in str(error)
else:
    raise AssertionError("a zero length was accepted")
# --8<-- [end:pitfall-empty]
