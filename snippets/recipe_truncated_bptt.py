"""Examples for "Carrying state across batches" (docs/recipe-truncated-bptt.md, .zh.md).

The section `recipe` runs alone; the later sections reuse what it defines and state their
claims with `assert`.
"""

# --8<-- [start:recipe]
import torch
from torch import nn


class StatefulLSTM(nn.Module):
    """An `nn.LSTM` that carries its final state into the next call, detached.

    Each call starts from the state the previous call ended with, so a long sequence can be
    fed in chunks. The carried state is detached: gradients stop at the chunk boundary
    (truncated backpropagation through time), and each chunk's graph is freed after its
    `backward()`. Call `reset()` at the start of each new sequence.

    Args:
        lstm: The LSTM to run, in one direction.

    Raises:
        TypeError: If `lstm` is not an `nn.LSTM`.
        ValueError: If `lstm` is bidirectional: its backward direction starts at the end of
            the sequence, in a chunk not seen yet.
    """

    def __init__(self, lstm: nn.LSTM) -> None:
        super().__init__()
        if not isinstance(lstm, nn.LSTM):
            raise TypeError(f"expected an nn.LSTM, got {type(lstm).__name__}")
        if lstm.bidirectional:
            raise ValueError(
                "a bidirectional LSTM cannot carry its state across chunks: its backward"
                " direction starts from the end of the sequence"
            )
        self.lstm = lstm
        self.state: tuple[torch.Tensor, torch.Tensor] | None = None

    def forward(
        self, chunk: torch.Tensor
    ) -> tuple[torch.Tensor, tuple[torch.Tensor, torch.Tensor]]:
        """Runs the LSTM on the next chunk of the sequences, from the carried state.

        Args:
            chunk: The next steps, `(L, N, H_in)`, or `(N, L, H_in)` with `batch_first=True`.

        Returns:
            `(output, (h_n, c_n))` as `nn.LSTM` returns them, still attached to this chunk's
            graph; a detached copy of `(h_n, c_n)` is kept for the next call.

        Raises:
            ValueError: If `chunk` is not 3-D, or holds a different number of sequences than
                the carried state (call `reset()` first).
        """
        if not isinstance(chunk, torch.Tensor) or chunk.dim() != 3:
            shape = tuple(chunk.shape) if isinstance(chunk, torch.Tensor) else type(chunk).__name__
            raise ValueError(f"expected a 3-D tensor chunk, got {shape}")
        batch = chunk.size(0 if self.lstm.batch_first else 1)
        if self.state is not None and self.state[0].size(1) != batch:
            raise ValueError(
                f"the carried state holds {self.state[0].size(1)} sequences, the chunk {batch}:"
                " call reset() before a batch of other sequences"
            )
        output, (h_n, c_n) = self.lstm(chunk, self.state)
        self.state = (h_n.detach(), c_n.detach())
        return output, (h_n, c_n)

    def reset(self, rows: torch.Tensor | None = None) -> None:
        """Starts new sequences from zeros: all of them, or only the batch rows given.

        Args:
            rows: Which sequences start anew: a boolean mask of shape `(N,)` or a tensor of
                batch indices. None (the default) resets them all.

        Raises:
            TypeError: If `rows` is not a tensor.
            ValueError: If `rows` is a mask of the wrong length.
        """
        if rows is None or self.state is None:
            self.state = None
            return
        if not isinstance(rows, torch.Tensor):
            raise TypeError(
                f"rows must be a bool mask or an index tensor, got {type(rows).__name__}"
            )
        batch = self.state[0].size(1)
        if rows.dtype == torch.bool and rows.shape != (batch,):
            raise ValueError(f"a mask of rows must have shape ({batch},), got {tuple(rows.shape)}")
        h, c = (s.clone() for s in self.state)
        h[:, rows] = 0
        c[:, rows] = 0
        self.state = (h, c)


# --8<-- [end:recipe]

# --8<-- [start:equal-to-one-pass]
torch.manual_seed(0)
lstm = nn.LSTM(input_size=4, hidden_size=8, num_layers=2, batch_first=True)
model = StatefulLSTM(lstm)

x = torch.randn(3, 20, 4)  # (N, L, H_in): 3 sequences of 20 steps
chunks = [model(chunk)[0] for chunk in x.split(5, dim=1)]  # 4 chunks of 5 steps
whole, (h_n, c_n) = lstm(x)
torch.testing.assert_close(torch.cat(chunks, dim=1), whole)
torch.testing.assert_close(model.state, (h_n, c_n))
# --8<-- [end:equal-to-one-pass]

# --8<-- [start:gradient-stops]
model.reset()
x = torch.randn(3, 10, 4, requires_grad=True)
first, second = x.split(5, dim=1)
model(first)
output, _ = model(second)
output.sum().backward()
assert (x.grad[:, 5:] != 0).all()  # the second chunk's own steps get gradients
assert (x.grad[:, :5] == 0).all()  # nothing crosses the boundary into the first chunk

x.grad = None
output, _ = lstm(x)  # one pass over both chunks, nothing detached
output[:, 5:].sum().backward()
assert (x.grad[:, :5] != 0).all()  # the same loss now reaches the first chunk
# --8<-- [end:gradient-stops]

# --8<-- [start:reset]
model.reset()
a, b = torch.randn(3, 5, 4), torch.randn(3, 5, 4)
model(a)
carried, _ = model(b)
model.reset()
fresh, _ = model(b)
torch.testing.assert_close(fresh, lstm(b)[0])  # after reset(): from zeros
assert not torch.allclose(carried, fresh)  # the carried state did matter

model.reset()
model(a)
model.reset(rows=torch.tensor([True, False, False]))  # only sequence 0 starts anew
mixed, _ = model(b)
torch.testing.assert_close(mixed[0], fresh[0])
torch.testing.assert_close(mixed[1:], carried[1:])
# --8<-- [end:reset]

# --8<-- [start:training-loop]
torch.manual_seed(0)
model = StatefulLSTM(nn.LSTM(input_size=1, hidden_size=16, batch_first=True))
head = nn.Linear(16, 1)
optimizer = torch.optim.Adam([*model.parameters(), *head.parameters()], lr=0.01)


def batch_of_sequences() -> tuple[torch.Tensor, torch.Tensor]:
    x = torch.randn(8, 40, 1)  # 8 sequences of 40 steps
    y = torch.roll(x, shifts=1, dims=1)  # target: the previous step's input
    y[:, 0] = 0
    return x, y


losses = []
for _ in range(25):
    x, y = batch_of_sequences()
    model.reset()  # new sequences: start from zeros
    for x_chunk, y_chunk in zip(x.split(10, dim=1), y.split(10, dim=1), strict=True):
        output, _ = model(x_chunk)
        loss = nn.functional.mse_loss(head(output), y_chunk)
        optimizer.zero_grad()
        loss.backward()  # through this chunk only
        optimizer.step()
        losses.append(loss.item())
assert sum(losses[-10:]) < sum(losses[:10]) / 10
# --8<-- [end:training-loop]

# --8<-- [start:pitfall-no-detach]
lstm = nn.LSTM(input_size=4, hidden_size=8, batch_first=True)
x = torch.randn(3, 10, 4)
state = None
try:
    for chunk in x.split(5, dim=1):
        output, state = lstm(chunk, state)  # the state still holds the last chunk's graph
        output.sum().backward()
except RuntimeError as error:
    assert "Trying to backward through the graph a second time" in str(error)
else:
    raise AssertionError("the second backward() went through the freed graph")

model = StatefulLSTM(lstm)
for chunk in x.split(5, dim=1):
    output, _ = model(chunk)
    output.sum().backward()
# --8<-- [end:pitfall-no-detach]

# --8<-- [start:pitfall-smaller-batch]
model = StatefulLSTM(nn.LSTM(input_size=4, hidden_size=8, batch_first=True))
model(torch.randn(32, 5, 4))
try:
    model(torch.randn(20, 5, 4))  # the last batch of an epoch is smaller
except ValueError as error:
    assert "holds 32 sequences, the chunk 20" in str(error)
else:
    raise AssertionError("a state of 32 sequences was carried into 20")

model.reset()
assert model(torch.randn(20, 5, 4))[0].shape == (20, 5, 8)
# --8<-- [end:pitfall-smaller-batch]

# --8<-- [start:input-checks]
try:
    StatefulLSTM(nn.LSTM(input_size=4, hidden_size=8, bidirectional=True))
except ValueError as error:
    assert str(error) == (
        "a bidirectional LSTM cannot carry its state across chunks: "
        "its backward direction starts from the end of the sequence"
    )
else:
    raise AssertionError("no ValueError")
model = StatefulLSTM(nn.LSTM(input_size=4, hidden_size=8))
try:
    model(torch.randn(7, 4))
except ValueError as error:
    assert str(error) == "expected a 3-D tensor chunk, got (7, 4)"
else:
    raise AssertionError("no ValueError")
output, _ = model(torch.randn(7, 3, 4))
try:
    model.reset(rows=torch.tensor([True, False]))
except ValueError as error:
    assert str(error) == "a mask of rows must have shape (3,), got (2,)"
else:
    raise AssertionError("no ValueError")
try:
    model.reset(rows=[0])
except TypeError as error:
    assert str(error) == "rows must be a bool mask or an index tensor, got list"
else:
    raise AssertionError("no TypeError")
# --8<-- [end:input-checks]
