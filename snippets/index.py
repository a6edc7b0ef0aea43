"""Examples for the home page (docs/index.md, docs/index.zh.md).

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

# --8<-- [start:bidirectional]
>>> bi = nn.LSTM(input_size=10, hidden_size=20, num_layers=2, batch_first=True,
...              bidirectional=True)
>>> output, (h_n, c_n) = bi(x)
>>> output.shape, h_n.shape
(torch.Size([3, 7, 40]), torch.Size([4, 3, 20]))
>>> torch.equal(h_n[-2], output[:, -1, :20]), torch.equal(h_n[-1], output[:, 0, 20:])
(True, True)

# --8<-- [end:bidirectional]

# --8<-- [start:shape-table]
| | `input` | `output` | `h_0`, `h_n` | `c_0`, `c_n` |
|---|---|---|---|---|
| `batch_first=False` | `(L, N, H_in)` | `(L, N, D*H)` | `(D*num_layers, N, H)` | `(D*num_layers, N, H)` |
| `batch_first=True` | `(N, L, H_in)` | `(N, L, D*H)` | `(D*num_layers, N, H)` | `(D*num_layers, N, H)` |
# --8<-- [end:shape-table]
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
tag_scores = tagger(torch.randn(3, 7, 10))
assert tag_scores.shape == (3, 7, 5)
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


model = SequenceClassifier(input_size=10, hidden_size=20, num_classes=4, bidirectional=True)
logits = model(torch.randn(3, 7, 10))
assert logits.shape == (3, 4)
# --8<-- [end:classify]
