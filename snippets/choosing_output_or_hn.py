"""Examples for "Choosing output or h_n" (docs/choosing-output-or-hn.md, .zh.md).

# --8<-- [start:coincide]
>>> import torch
>>> from torch import nn
>>> _ = torch.manual_seed(0)
>>> x = torch.randn(3, 5, 4)  # (N, L, H_in)
>>> uni = nn.LSTM(input_size=4, hidden_size=6, num_layers=2, batch_first=True)
>>> output, (h_n, c_n) = uni(x)
>>> torch.equal(h_n[-1], output[:, -1])
True
>>> bi = nn.LSTM(input_size=4, hidden_size=6, num_layers=2, batch_first=True,
...              bidirectional=True)
>>> output, (h_n, c_n) = bi(x)
>>> output.shape, h_n.shape
(torch.Size([3, 5, 12]), torch.Size([4, 3, 6]))
>>> top = torch.cat([h_n[-2], h_n[-1]], dim=1)  # (N, 2*H)
>>> torch.allclose(top, output[:, -1])
False
>>> torch.equal(top[:, :6], output[:, -1, :6]), torch.equal(top[:, 6:], output[:, 0, 6:])
(True, True)

# --8<-- [end:coincide]

# --8<-- [start:padded-batch]
>>> _ = torch.manual_seed(0)
>>> lstm = nn.LSTM(input_size=4, hidden_size=6, batch_first=True)
>>> lengths = torch.tensor([5, 3, 2])
>>> seqs = [torch.randn(n, 4) for n in lengths.tolist()]
>>> x = nn.utils.rnn.pad_sequence(seqs, batch_first=True)  # (N, L, H_in)
>>> x.shape
torch.Size([3, 5, 4])
>>> mask = torch.arange(x.size(1)) < lengths[:, None]  # (N, L)
>>> mask
tensor([[ True,  True,  True,  True,  True],
        [ True,  True,  True, False, False],
        [ True,  True, False, False, False]])
>>> output, (h_n, c_n) = lstm(x)
>>> alone = [lstm(s)[0] for s in seqs]  # (n_i, H) each

# --8<-- [end:padded-batch]

# --8<-- [start:last-valid-step]
>>> index = (lengths - 1).view(-1, 1, 1).expand(-1, 1, output.size(2))  # (N, 1, H)
>>> last_valid = output.gather(1, index).squeeze(1)  # (N, H)
>>> for i in range(3):
...     torch.testing.assert_close(last_valid[i], alone[i][-1])
>>> [torch.equal(output[i, -1], last_valid[i]) for i in range(3)]
[True, False, False]
>>> torch.equal(h_n[-1], output[:, -1])
True
>>> packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True)
>>> _, (h_packed, _) = lstm(packed)
>>> torch.testing.assert_close(h_packed[-1], last_valid)

# --8<-- [end:last-valid-step]

# --8<-- [start:masked-mean]
>>> m = mask.unsqueeze(-1)  # (N, L, 1)
>>> mean = (output * m).sum(dim=1) / m.sum(dim=1)  # (N, H)
>>> for i in range(3):
...     torch.testing.assert_close(mean[i], alone[i].mean(dim=0))
>>> x_other_pads = x.masked_fill(~m, 100.0)
>>> output_other_pads, _ = lstm(x_other_pads)
>>> mean_other_pads = (output_other_pads * m).sum(dim=1) / m.sum(dim=1)
>>> torch.testing.assert_close(mean_other_pads, mean)
>>> torch.allclose(output_other_pads.mean(dim=1), output.mean(dim=1))
False

# --8<-- [end:masked-mean]

# --8<-- [start:masked-max]
>>> steps = output.max(dim=1).indices  # (N, H)
>>> (steps >= lengths[:, None]).any(dim=1)
tensor([False, False,  True])
>>> max_pooled = output.masked_fill(~m, float("-inf")).max(dim=1).values  # (N, H)
>>> for i in range(3):
...     torch.testing.assert_close(max_pooled[i], alone[i].max(dim=0).values)
>>> max_other_pads = output_other_pads.masked_fill(~m, float("-inf")).max(dim=1).values
>>> torch.testing.assert_close(max_other_pads, max_pooled)

# --8<-- [end:masked-max]

# --8<-- [start:bidirectional-padding]
>>> _ = torch.manual_seed(0)
>>> bi = nn.LSTM(input_size=4, hidden_size=6, batch_first=True, bidirectional=True)
>>> out_a, _ = bi(x)
>>> out_b, _ = bi(x_other_pads)
>>> torch.testing.assert_close(out_a[mask][:, :6], out_b[mask][:, :6])
>>> torch.allclose(out_a[mask][:, 6:], out_b[mask][:, 6:])
False
>>> packed = nn.utils.rnn.pack_padded_sequence(x_other_pads, lengths, batch_first=True)
>>> out_packed, _ = nn.utils.rnn.pad_packed_sequence(bi(packed)[0], batch_first=True)
>>> for i, n in enumerate(lengths.tolist()):
...     torch.testing.assert_close(out_packed[i, :n], bi(seqs[i])[0])

# --8<-- [end:bidirectional-padding]
"""

# --8<-- [start:tagger]
import torch
from torch import nn


class LSTMTagger(nn.Module):
    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_tags: int) -> None:
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed_dim)
        self.lstm = nn.LSTM(embed_dim, hidden_size, batch_first=True, bidirectional=True)
        self.head = nn.Linear(2 * hidden_size, num_tags)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        output, _ = self.lstm(self.embed(tokens))  # (N, L, 2*H)
        return self.head(output)  # (N, L, num_tags)


def tagging_loss(logits: torch.Tensor, tags: torch.Tensor) -> torch.Tensor:
    num_tags = logits.size(-1)
    return nn.functional.cross_entropy(logits.reshape(-1, num_tags), tags.reshape(-1))


_ = torch.manual_seed(0)
tokens = torch.randint(0, 50, (8, 12))  # (N, L)
tags = tokens % 5  # (N, L)
tagger = LSTMTagger(vocab_size=50, embed_dim=16, hidden_size=32, num_tags=5)
optimizer = torch.optim.Adam(tagger.parameters(), lr=0.01)

logits = tagger(tokens)
assert logits.shape == (8, 12, 5)
loss = tagging_loss(logits, tags)
torch.testing.assert_close(loss, nn.CrossEntropyLoss()(logits.transpose(1, 2), tags))
assert torch.isfinite(loss)
optimizer.zero_grad()
loss.backward()
assert all(p.grad is not None and torch.isfinite(p.grad).all() for p in tagger.parameters())
optimizer.step()
with torch.no_grad():
    loss_after = tagging_loss(tagger(tokens), tags)
assert loss_after < loss
# --8<-- [end:tagger]

# --8<-- [start:classifier]
import torch
from torch import nn


class LSTMClassifier(nn.Module):
    def __init__(
        self,
        vocab_size: int,
        embed_dim: int,
        hidden_size: int,
        num_classes: int,
        num_layers: int = 2,
        bidirectional: bool = True,
    ) -> None:
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed_dim)
        self.lstm = nn.LSTM(
            embed_dim,
            hidden_size,
            num_layers=num_layers,
            batch_first=True,
            bidirectional=bidirectional,
        )
        self.directions = 2 if bidirectional else 1
        self.head = nn.Linear(self.directions * hidden_size, num_classes)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        _, (h_n, _) = self.lstm(self.embed(tokens))  # h_n: (D*num_layers, N, H)
        top = h_n[-self.directions :]  # (D, N, H)
        features = torch.cat(top.unbind(0), dim=1)  # (N, D*H)
        return self.head(features)  # (N, num_classes)


_ = torch.manual_seed(0)
tokens = torch.randint(0, 50, (16, 10))  # (N, L)
labels = tokens[:, 0] % 3  # (N,)
classifier = LSTMClassifier(vocab_size=50, embed_dim=16, hidden_size=32, num_classes=3)
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(classifier.parameters(), lr=0.01)

logits = classifier(tokens)
assert logits.shape == (16, 3)
loss = loss_fn(logits, labels)
assert torch.isfinite(loss)
optimizer.zero_grad()
loss.backward()
assert all(p.grad is not None and torch.isfinite(p.grad).all() for p in classifier.parameters())
optimizer.step()
with torch.no_grad():
    loss_after = loss_fn(classifier(tokens), labels)
assert loss_after < loss

unidirectional = LSTMClassifier(50, 16, 32, num_classes=3, bidirectional=False)
assert unidirectional(tokens).shape == (16, 3)
# --8<-- [end:classifier]
