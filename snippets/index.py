"""Examples and tables for the home page, the cheat sheet (docs/index.md, docs/index.zh.md).

The tables are Markdown, checked row by row against torch by tests/test_shape_tables.py.

# --8<-- [start:quick-look]
>>> import torch
>>> from torch import nn
>>> _ = torch.manual_seed(0)
>>> lstm = nn.LSTM(input_size=10, hidden_size=20, num_layers=2, batch_first=True)
>>> x = torch.randn(3, 7, 10)  # (N, L, H_in)
>>> output, (h_n, c_n) = lstm(x)
>>> output.shape
torch.Size([3, 7, 20])
>>> h_n.shape
torch.Size([2, 3, 20])
>>> c_n.shape
torch.Size([2, 3, 20])
>>> torch.equal(output[:, -1], h_n[-1])
True

# --8<-- [end:quick-look]

# --8<-- [start:what-each-holds]
>>> for t in range(7):
...     _, (h_t, _) = lstm(x[:, : t + 1])
...     torch.testing.assert_close(h_t[-1], output[:, t])
>>> layer0 = nn.LSTM(input_size=10, hidden_size=20, batch_first=True)
>>> layer0.load_state_dict({k: v for k, v in lstm.state_dict().items() if k.endswith("_l0")})
<All keys matched successfully>
>>> _, (h0_n, c0_n) = layer0(x)
>>> torch.testing.assert_close(h0_n[0], h_n[0])
>>> torch.testing.assert_close(c0_n[0], c_n[0])
>>> _, state = lstm(x[:, :4])
>>> _, (_, c_end) = lstm(x[:, 4:], state)
>>> torch.testing.assert_close(c_end, c_n)
>>> torch.isin(c_n, output).any().item()
False

# --8<-- [end:what-each-holds]

# --8<-- [start:bidirectional]
>>> bi = nn.LSTM(input_size=10, hidden_size=20, num_layers=2, batch_first=True,
...              bidirectional=True)
>>> output, (h_n, c_n) = bi(x)
>>> output.shape, h_n.shape
(torch.Size([3, 7, 40]), torch.Size([4, 3, 20]))
>>> torch.equal(h_n[-2], output[:, -1, :20]), torch.equal(h_n[-1], output[:, 0, 20:])
(True, True)
>>> torch.equal(h_n[-1], output[:, -1, 20:])
False
>>> torch.equal(h_n.view(2, 2, 3, 20)[1, 0], h_n[2])
True

# --8<-- [end:bidirectional]

# --8<-- [start:shape-table]
| `batch_first` | `bidirectional` | `input` | `output` | `h_0`, `h_n` | `c_0`, `c_n` |
|---|---|---|---|---|---|
| `False` | `False` | `(L, N, H_in)` | `(L, N, H_out)` | `(num_layers, N, H_out)` | `(num_layers, N, H)` |
| `False` | `True` | `(L, N, H_in)` | `(L, N, 2*H_out)` | `(2*num_layers, N, H_out)` | `(2*num_layers, N, H)` |
| `True` | `False` | `(N, L, H_in)` | `(N, L, H_out)` | `(num_layers, N, H_out)` | `(num_layers, N, H)` |
| `True` | `True` | `(N, L, H_in)` | `(N, L, 2*H_out)` | `(2*num_layers, N, H_out)` | `(2*num_layers, N, H)` |
# --8<-- [end:shape-table]

# --8<-- [start:projection]
>>> proj = nn.LSTM(input_size=10, hidden_size=20, num_layers=2, batch_first=True,
...                proj_size=5)
>>> h_0, c_0 = torch.zeros(2, 3, 5), torch.zeros(2, 3, 20)
>>> output, (h_n, c_n) = proj(x, (h_0, c_0))
>>> output.shape, h_n.shape, c_n.shape
(torch.Size([3, 7, 5]), torch.Size([2, 3, 5]), torch.Size([2, 3, 20]))
>>> torch.equal(output[:, -1], h_n[-1])
True

# --8<-- [end:projection]

# --8<-- [start:slice-table]
| `bidirectional` | `h_n` | `batch_first=False` | `batch_first=True` |
|---|---|---|---|
| `False` | `h_n[-1]` | `output[-1]` | `output[:, -1]` |
| `True` | `h_n[-2]` | `output[-1, :, :H_out]` | `output[:, -1, :H_out]` |
| `True` | `h_n[-1]` | `output[0, :, H_out:]` | `output[:, 0, H_out:]` |
# --8<-- [end:slice-table]

# --8<-- [start:layout-table]
| `h_n`, `c_n` | `h_n.view(num_layers, D, N, H_out)`, `c_n.view(num_layers, D, N, H)` |
|---|---|
| `[layer*D + direction]` | `[layer, direction]` |
| `[-D]` | `[-1, 0]` |
| `[-1]` | `[-1, -1]` |
# --8<-- [end:layout-table]
"""

# --8<-- [start:tag]
import torch
from torch import nn


class Tagger(nn.Module):
    def __init__(self, input_size: int, hidden_size: int, num_tags: int) -> None:
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, batch_first=True, bidirectional=True)
        self.head = nn.Linear(2 * hidden_size, num_tags)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        output, _ = self.lstm(x)
        return self.head(output)


tagger = Tagger(input_size=10, hidden_size=20, num_tags=5)
x = torch.randn(3, 7, 10)
tag_scores = tagger(x)
assert tag_scores.shape == (3, 7, 5)

output, _ = tagger.lstm(x)
t = 3
prefix, _ = tagger.lstm(x[:, : t + 1])
suffix, _ = tagger.lstm(x[:, t:])
torch.testing.assert_close(output[:, t, :20], prefix[:, t, :20])
torch.testing.assert_close(output[:, t, 20:], suffix[:, 0, 20:])
# --8<-- [end:tag]

# --8<-- [start:classify]
import torch
from torch import nn


class SequenceClassifier(nn.Module):
    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        num_classes: int,
        num_layers: int = 2,
        bidirectional: bool = False,
    ) -> None:
        super().__init__()
        self.lstm = nn.LSTM(
            input_size,
            hidden_size,
            num_layers=num_layers,
            batch_first=True,
            bidirectional=bidirectional,
        )
        directions = 2 if bidirectional else 1
        self.head = nn.Linear(directions * hidden_size, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        _, (h_n, _) = self.lstm(x)
        if self.lstm.bidirectional:
            features = torch.cat([h_n[-2], h_n[-1]], dim=1)
        else:
            features = h_n[-1]
        return self.head(features)


x = torch.randn(3, 7, 10)
for bidirectional in (False, True):
    model = SequenceClassifier(
        input_size=10, hidden_size=20, num_classes=4, bidirectional=bidirectional
    )
    logits = model(x)
    assert logits.shape == (3, 4)
# --8<-- [end:classify]
