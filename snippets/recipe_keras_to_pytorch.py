"""Examples for "Recipe: from Keras to PyTorch" (docs/recipe-keras-to-pytorch.md, .zh.md).

The table is shown on the page as it is; the sections after it are plain code: the recipe
(`KerasLSTM`, `bidirectional_merge`), then the PyTorch side of each row of the table and the
pitfalls, which state their claims with `assert`.

# --8<-- [start:table]
| Keras | PyTorch |
|---|---|
| `LSTM(units)(x)` | `output[:, -1]` |
| `return_sequences=True` | `output` |
| `return_state=True` | `output[:, -1], h_n[-1], c_n[-1]` |
| `go_backwards=True` | `lstm(x.flip(1))` |
| `stateful=True` | `lstm(x, (h_n.detach(), c_n.detach()))` |
| `reset_states()` | `lstm(x, None)` |
| `Bidirectional(LSTM(units))` | `torch.cat([h_n[-2], h_n[-1]], dim=1)` |
| `Bidirectional(LSTM(units, return_sequences=True))` | `output` |
| `merge_mode="concat"` | `torch.cat([f, b], dim=-1)` |
| `merge_mode="sum"` | `f + b` |
| `merge_mode="mul"` | `f * b` |
| `merge_mode="ave"` | `(f + b) / 2` |
| `merge_mode=None` | `[f, b]` |
| `TimeDistributed(Dense(k))` | `nn.Linear(units, k)(output)` |
# --8<-- [end:table]
"""

# --8<-- [start:recipe]
import torch
from torch import nn

MERGE_MODES = ("concat", "sum", "mul", "ave", None)


class KerasLSTM(nn.Module):
    """`nn.LSTM` with the options of Keras' `LSTM` layer, batch-first like Keras.

    Args:
        input_size: Features per input step, `F`.
        units: Hidden size, Keras' `units`.
        return_sequences: Return every step's output, `(N, L, units)`, not only the last.
        return_state: Also return the final `h` and `c`, each `(N, units)`.
        go_backwards: Read the sequence from its end; the output stays in reading order.
        stateful: Start each call from the previous call's final state (detached), until
            `reset_states()`.
    """

    def __init__(
        self,
        input_size: int,
        units: int,
        return_sequences: bool = False,
        return_state: bool = False,
        go_backwards: bool = False,
        stateful: bool = False,
    ) -> None:
        super().__init__()
        self.lstm = nn.LSTM(input_size, units, batch_first=True)
        self.return_sequences, self.return_state = return_sequences, return_state
        self.go_backwards, self.stateful = go_backwards, stateful
        self.state: tuple[torch.Tensor, torch.Tensor] | None = None

    def reset_states(self) -> None:
        """Forget the carried state: the next call starts from zeros."""
        self.state = None

    def forward(self, x: torch.Tensor) -> torch.Tensor | tuple[torch.Tensor, ...]:
        """Run the LSTM like Keras would.

        Args:
            x: Input, `(N, L, F)`.

        Returns:
            The output (`(N, L, units)` or `(N, units)`), or `(output, h, c)` with
            `return_state`.

        Raises:
            ValueError: If `x` is not `(N, L, F)`, or a stateful call changes the batch size.
        """
        if x.dim() != 3 or x.shape[2] != self.lstm.input_size:
            raise ValueError(
                f"x must be (N, L, {self.lstm.input_size}) like Keras, got {tuple(x.shape)}"
            )
        if self.stateful and self.state is not None and self.state[0].shape[1] != x.shape[0]:
            raise ValueError(
                f"a stateful layer keeps its batch size ({self.state[0].shape[1]}), got "
                f"{x.shape[0]}; call reset_states() first"
            )
        if self.go_backwards:
            x = x.flip(1)
        output, (h_n, c_n) = self.lstm(x, self.state if self.stateful else None)
        if self.stateful:
            self.state = (h_n.detach(), c_n.detach())
        result = output if self.return_sequences else output[:, -1]
        if self.return_state:
            return result, h_n[-1], c_n[-1]
        return result


def bidirectional_merge(
    output: torch.Tensor, merge_mode: str | None = "concat", return_sequences: bool = False
) -> torch.Tensor | list[torch.Tensor]:
    """What Keras' `Bidirectional(LSTM(units), merge_mode)` returns, from PyTorch's `output`.

    Args:
        output: `output` of a batch-first `nn.LSTM(bidirectional=True)`, `(N, L, 2 * units)`,
            on unpadded input.
        merge_mode: One of `"concat"`, `"sum"`, `"mul"`, `"ave"` or `None`, as in Keras.
        return_sequences: Merge every step, or only each direction's final output (step
            `L - 1` forward, step 0 backward).

    Returns:
        The merged tensor, or `[forward, backward]` when `merge_mode` is `None`.

    Raises:
        TypeError: If `output` is not a tensor (unpack a `PackedSequence` first).
        ValueError: If `output` is not 3-D with an even last dimension, or `merge_mode` is
            unknown.
    """
    if not isinstance(output, torch.Tensor):
        raise TypeError(f"output must be a tensor, got {type(output).__name__}")
    if output.dim() != 3 or output.shape[2] % 2:
        raise ValueError(f"output must be (N, L, 2 * units), got {tuple(output.shape)}")
    if merge_mode not in MERGE_MODES:
        raise ValueError(f"merge_mode must be one of {MERGE_MODES}, got {merge_mode!r}")
    forward, backward = output.chunk(2, dim=2)
    if not return_sequences:
        forward, backward = forward[:, -1], backward[:, 0]
    if merge_mode == "concat":
        return torch.cat([forward, backward], dim=-1)
    if merge_mode == "sum":
        return forward + backward
    if merge_mode == "mul":
        return forward * backward
    if merge_mode == "ave":
        return (forward + backward) / 2
    return [forward, backward]


# --8<-- [end:recipe]

# --8<-- [start:last-output]
import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(3, 5, 4)  # (N, L, F), batch first like Keras
layer = KerasLSTM(4, 8)
output, (h_n, c_n) = layer.lstm(x)
assert torch.equal(layer(x), output[:, -1]) and torch.equal(layer(x), h_n[-1])
# --8<-- [end:last-output]

# --8<-- [start:return-sequences-and-state]
layer.return_sequences, layer.return_state = True, True
sequences, h, c = layer(x)
assert sequences.shape == (3, 5, 8) and h.shape == c.shape == (3, 8)
assert torch.equal(sequences, output) and torch.equal(h, sequences[:, -1])
assert torch.equal(c, c_n[-1])
# --8<-- [end:return-sequences-and-state]

# --8<-- [start:go-backwards]
backwards = KerasLSTM(4, 8, return_sequences=True, go_backwards=True)
backwards.lstm.load_state_dict(layer.lstm.state_dict())
read_backwards = backwards(x)
assert torch.equal(read_backwards, layer.lstm(x.flip(1))[0])
x_changed = x.clone()
x_changed[:, :-1] = torch.randn(3, 4, 4)
assert torch.equal(backwards(x_changed)[:, 0], read_backwards[:, 0])
# --8<-- [end:go-backwards]

# --8<-- [start:stateful]
stateful = KerasLSTM(4, 8, return_sequences=True, stateful=True)
stateful.lstm.load_state_dict(layer.lstm.state_dict())
first, second = stateful(x[:, :2]), stateful(x[:, 2:])
torch.testing.assert_close(torch.cat([first, second], dim=1), output)
stateful.reset_states()
torch.testing.assert_close(stateful(x[:, 2:]), layer.lstm(x[:, 2:])[0])
# --8<-- [end:stateful]

# --8<-- [start:bidirectional]
bi = nn.LSTM(4, 8, batch_first=True, bidirectional=True)
bi_output, (bi_h_n, _) = bi(x)
last = bidirectional_merge(bi_output, "concat")
assert torch.equal(last, torch.cat([bi_h_n[-2], bi_h_n[-1]], dim=1))
assert torch.equal(bidirectional_merge(bi_output, "concat", return_sequences=True), bi_output)
f, b = bidirectional_merge(bi_output, None, return_sequences=True)
shapes = {}
for mode in ("sum", "mul", "ave"):
    merged = bidirectional_merge(bi_output, mode, return_sequences=True)
    shapes[mode] = tuple(merged.shape)
torch.testing.assert_close(bidirectional_merge(bi_output, "sum", True), f + b)
torch.testing.assert_close(bidirectional_merge(bi_output, "mul", True), f * b)
torch.testing.assert_close(bidirectional_merge(bi_output, "ave", True), (f + b) / 2)
assert shapes == {"sum": (3, 5, 8), "mul": (3, 5, 8), "ave": (3, 5, 8)}
assert last.shape == (3, 16)
# --8<-- [end:bidirectional]

# --8<-- [start:time-distributed]
dense = nn.Linear(8, 2)
per_step = torch.stack([dense(output[:, t]) for t in range(5)], dim=1)
torch.testing.assert_close(dense(output), per_step)
assert dense(output).shape == (3, 5, 2)
# --8<-- [end:time-distributed]

# --8<-- [start:pitfall-batch-first]
time_major = nn.LSTM(4, 8)
time_major.load_state_dict(layer.lstm.state_dict())
mixed, _ = time_major(x)
x_other = x.clone()
x_other[0] = torch.randn(5, 4)
assert not torch.equal(time_major(x_other)[0][1], mixed[1])
assert torch.equal(layer.lstm(x_other)[0][1], output[1])
# --8<-- [end:pitfall-batch-first]

# --8<-- [start:pitfall-last-step]
wrong = bi_output[:, -1]
H = 8
assert torch.equal(wrong[:, :H], last[:, :H])
assert not torch.allclose(wrong[:, H:], last[:, H:])
# --8<-- [end:pitfall-last-step]

# --8<-- [start:pitfall-detach]
head = nn.Linear(8, 1)
state = None
try:
    for chunk in (x[:, :2], x[:, 2:]):
        out, state = layer.lstm(chunk, state)
        head(out).sum().backward()
except RuntimeError as error:
    assert "backward through the graph a second time" in str(error)
else:
    raise AssertionError("the second backward went through the first chunk")

state = None
for chunk in (x[:, :2], x[:, 2:]):
    out, state = layer.lstm(chunk, state)
    head(out).sum().backward()
    state = tuple(s.detach() for s in state)
# --8<-- [end:pitfall-detach]
