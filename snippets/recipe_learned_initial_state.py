"""Examples for "Learned initial state" (docs/recipe-learned-initial-state.md, .zh.md).

The section `recipe` runs alone; the later sections reuse what it defines and state their
claims with `assert`.
"""

# --8<-- [start:recipe]
import torch
from torch import nn
from torch.nn.utils.rnn import PackedSequence


class LearnedInitialState(nn.Module):
    """An `nn.LSTM` whose initial state `(h_0, c_0)` is learned instead of zeros.

    One vector per layer and direction is a parameter; each call expands it to the batch, so
    every sequence starts from the same learned state, whatever the batch size. The vectors
    start at zero: until they are trained, the output is that of the bare LSTM.

    Args:
        lstm: The LSTM to run. Its `num_layers`, `bidirectional`, `hidden_size` and
            `proj_size` set the shapes: `h_0` has `proj_size` features when it is set,
            `c_0` always `hidden_size`.

    Raises:
        TypeError: If `lstm` is not an `nn.LSTM` (a GRU has no cell state).
    """

    def __init__(self, lstm: nn.LSTM) -> None:
        super().__init__()
        if not isinstance(lstm, nn.LSTM):
            raise TypeError(f"expected an nn.LSTM, got {type(lstm).__name__}")
        self.lstm = lstm
        rows = lstm.num_layers * (2 if lstm.bidirectional else 1)
        h_size = lstm.proj_size if lstm.proj_size > 0 else lstm.hidden_size
        self.h_0 = nn.Parameter(torch.zeros(rows, 1, h_size))
        self.c_0 = nn.Parameter(torch.zeros(rows, 1, lstm.hidden_size))

    def forward(
        self, input: torch.Tensor | PackedSequence
    ) -> tuple[torch.Tensor | PackedSequence, tuple[torch.Tensor, torch.Tensor]]:
        """Runs the LSTM from the learned state.

        Args:
            input: What `nn.LSTM` takes: `(L, N, H_in)`, `(N, L, H_in)` with
                `batch_first=True`, an unbatched `(L, H_in)`, or a `PackedSequence`.

        Returns:
            `(output, (h_n, c_n))`, exactly as `nn.LSTM` returns them.

        Raises:
            TypeError: If `input` is neither a tensor nor a `PackedSequence`.
            ValueError: If a tensor `input` is not 2-D or 3-D.
        """
        if isinstance(input, PackedSequence):
            h_0, c_0 = self.expand(int(input.batch_sizes[0]))
        elif not isinstance(input, torch.Tensor):
            raise TypeError(f"expected a tensor or a PackedSequence, got {type(input).__name__}")
        elif input.dim() == 2:
            h_0, c_0 = self.h_0[:, 0], self.c_0[:, 0]
        elif input.dim() == 3:
            h_0, c_0 = self.expand(input.size(0 if self.lstm.batch_first else 1))
        else:
            raise ValueError(
                f"expected a 2-D (unbatched) or 3-D input, got {input.dim()}-D "
                f"of shape {tuple(input.shape)}"
            )
        return self.lstm(input, (h_0, c_0))

    def expand(self, batch_size: int) -> tuple[torch.Tensor, torch.Tensor]:
        """The learned state for a batch: `(D*num_layers, batch_size, H_out)` and `(…, hidden_size)`.

        Args:
            batch_size: The number of sequences in the batch.

        Returns:
            `(h_0, c_0)`, views of the parameters (no copy): the batch is the middle
            dimension, whatever `batch_first` says.

        Raises:
            ValueError: If `batch_size` is not a positive int.
        """
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
        return self.h_0.expand(-1, batch_size, -1), self.c_0.expand(-1, batch_size, -1)


# --8<-- [end:recipe]

# --8<-- [start:shapes]
torch.manual_seed(0)
lstm = nn.LSTM(
    input_size=4, hidden_size=8, num_layers=2, bidirectional=True, batch_first=True, proj_size=3
)
model = LearnedInitialState(lstm)
assert model.h_0.shape == (4, 1, 3)  # (D*num_layers, 1, proj_size)
assert model.c_0.shape == (4, 1, 8)  # (D*num_layers, 1, hidden_size)

x = torch.randn(5, 7, 4)  # (N, L, H_in): batch_first
output, (h_n, c_n) = model(x)
assert output.shape == (5, 7, 6) and h_n.shape == (4, 5, 3) and c_n.shape == (4, 5, 8)

h_0, c_0 = model.expand(5)
assert h_0.shape == (4, 5, 3) and c_0.shape == (4, 5, 8)  # the batch stays in the middle
assert h_0.data_ptr() == model.h_0.data_ptr()  # a view: no copy per batch
# --8<-- [end:shapes]

# --8<-- [start:starts-at-zero]
reference, _ = lstm(x)
torch.testing.assert_close(output, reference)
# --8<-- [end:starts-at-zero]

# --8<-- [start:gradients]
output, (h_n, c_n) = model(x)
output.sum().backward()
assert model.h_0.grad.shape == model.h_0.shape and model.c_0.grad.shape == model.c_0.shape
assert (model.h_0.grad.abs().sum(dim=(1, 2)) > 0).all()  # every layer and direction
assert (model.c_0.grad.abs().sum(dim=(1, 2)) > 0).all()
# --8<-- [end:gradients]

# --8<-- [start:learns]
torch.manual_seed(0)
model = LearnedInitialState(nn.LSTM(input_size=4, hidden_size=8, batch_first=True))
head = nn.Linear(8, 1)
for p in [*model.lstm.parameters(), *head.parameters()]:
    p.requires_grad_(False)  # only the initial state trains
optimizer = torch.optim.Adam([model.h_0, model.c_0], lr=0.1)

x = torch.randn(16, 3, 4)
target = torch.full((16, 1), 0.5)  # what the first step should predict


def first_step_loss() -> torch.Tensor:
    output, _ = model(x)
    return nn.functional.mse_loss(head(output[:, 0]), target)


before = first_step_loss().item()
for _ in range(30):
    optimizer.zero_grad()
    first_step_loss().backward()
    optimizer.step()
after = first_step_loss().item()
assert after < before / 10
assert model.h_0.abs().max() > 0.1 and model.c_0.abs().max() > 0.1
# --8<-- [end:learns]

# --8<-- [start:pitfall-batch-size]
lstm = nn.LSTM(input_size=4, hidden_size=8, num_layers=2)
h_0 = nn.Parameter(torch.zeros(2, 32, 8))  # (num_layers, N, H), N baked in
c_0 = nn.Parameter(torch.zeros(2, 32, 8))
lstm(torch.randn(10, 32, 4), (h_0, c_0))
try:
    lstm(torch.randn(10, 20, 4), (h_0, c_0))  # the last, smaller batch
except RuntimeError as error:
    assert "Expected hidden[0] size (2, 20, 8), got [2, 32, 8]" in str(error)
else:
    raise AssertionError("a state of 32 sequences was accepted for 20")

model = LearnedInitialState(lstm)  # one vector per row, expanded to each batch
assert model(torch.randn(10, 20, 4))[0].shape == (10, 20, 8)
# --8<-- [end:pitfall-batch-size]

# --8<-- [start:pitfall-not-a-parameter]


class ZerosAsTensors(nn.Module):
    def __init__(self, lstm: nn.LSTM) -> None:
        super().__init__()
        self.lstm = lstm
        self.h_0 = torch.zeros(lstm.num_layers, 1, lstm.hidden_size, requires_grad=True)
        self.c_0 = torch.zeros(lstm.num_layers, 1, lstm.hidden_size, requires_grad=True)


lstm = nn.LSTM(input_size=4, hidden_size=8)
wrong = ZerosAsTensors(lstm)
assert "h_0" not in dict(wrong.named_parameters())  # the optimizer never sees it
assert "h_0" not in wrong.state_dict()  # nor does a checkpoint

right = LearnedInitialState(lstm)
assert {"h_0", "c_0"} <= set(dict(right.named_parameters()))
assert {"h_0", "c_0"} <= set(right.state_dict())
# --8<-- [end:pitfall-not-a-parameter]

# --8<-- [start:pitfall-proj-size]
lstm = nn.LSTM(input_size=4, hidden_size=8, proj_size=3)
h_0 = torch.zeros(1, 5, 8)  # hidden_size features: wrong with proj_size
c_0 = torch.zeros(1, 5, 8)
try:
    lstm(torch.randn(7, 5, 4), (h_0, c_0))
except RuntimeError as error:
    assert "Expected hidden[0] size (1, 5, 3), got [1, 5, 8]" in str(error)
else:
    raise AssertionError("an h_0 of hidden_size features was accepted with proj_size")

model = LearnedInitialState(lstm)
assert model.h_0.shape == (1, 1, 3) and model.c_0.shape == (1, 1, 8)
# --8<-- [end:pitfall-proj-size]

# --8<-- [start:input-checks]
try:
    LearnedInitialState(nn.GRU(input_size=4, hidden_size=8))
except TypeError as error:
    assert str(error) == "expected an nn.LSTM, got GRU"
else:
    raise AssertionError("no TypeError")
model = LearnedInitialState(nn.LSTM(input_size=4, hidden_size=8))
try:
    model(torch.randn(2, 7, 5, 4))
except ValueError as error:
    assert str(error) == "expected a 2-D (unbatched) or 3-D input, got 4-D of shape (2, 7, 5, 4)"
else:
    raise AssertionError("no ValueError")
try:
    model.expand(0)
except ValueError as error:
    assert str(error) == "batch_size must be a positive int, got 0"
else:
    raise AssertionError("no ValueError")
# --8<-- [end:input-checks]
