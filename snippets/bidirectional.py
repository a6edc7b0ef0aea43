"""Examples for "Bidirectional LSTM" (docs/bidirectional.md, docs/bidirectional.zh.md).

# --8<-- [start:shapes]
>>> import torch
>>> from torch import nn
>>> _ = torch.manual_seed(0)
>>> bi = nn.LSTM(input_size=4, hidden_size=8, batch_first=True, bidirectional=True)
>>> x = torch.randn(3, 5, 4)  # (N, L, H_in)
>>> output, (h_n, c_n) = bi(x)
>>> output.shape, h_n.shape, c_n.shape
(torch.Size([3, 5, 16]), torch.Size([2, 3, 8]), torch.Size([2, 3, 8]))
>>> H = bi.hidden_size
>>> H
8

# --8<-- [end:shapes]

# --8<-- [start:halves]
>>> forward_half, backward_half = output[..., :H], output[..., H:]
>>> forward_half.shape, backward_half.shape
(torch.Size([3, 5, 8]), torch.Size([3, 5, 8]))
>>> split = output.view(3, 5, 2, H)  # (N, L, 2, H)
>>> torch.equal(split[:, :, 0], forward_half), torch.equal(split[:, :, 1], backward_half)
(True, True)
>>> torch.equal(output.unflatten(-1, (2, H)), split)
True
>>> first, second = torch.chunk(output, 2, dim=-1)
>>> torch.equal(first, forward_half), torch.equal(second, backward_half)
(True, True)

# --8<-- [end:halves]

# --8<-- [start:non-contiguous]
>>> output.is_contiguous()
False
>>> output.stride()
(16, 48, 1)
>>> output.transpose(0, 1).is_contiguous()
True
>>> try:
...     output.view(-1, 2 * H)
... except RuntimeError as e:
...     print(e)
view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.
>>> output.reshape(-1, 2 * H).shape  # (N * L, 2H)
torch.Size([15, 16])

# --8<-- [end:non-contiguous]

# --8<-- [start:final-states]
>>> torch.equal(h_n[-2], output[:, -1, :H])
True
>>> torch.equal(h_n[-1], output[:, 0, H:])
True
>>> torch.equal(h_n[-1], output[:, -1, H:])
False
>>> final = torch.cat([h_n[-2], h_n[-1]], dim=1)  # (N, 2H)
>>> torch.equal(output[:, -1], final)
False
>>> torch.equal(output[:, -1, :H], final[:, :H])
True
>>> round((output[:, -1, H:] - final[:, H:]).abs().max().item(), 4)
0.2553

# --8<-- [end:final-states]

# --8<-- [start:last-step-blind]
>>> x_changed = x.clone()
>>> x_changed[:, :-1] = torch.randn(3, 4, 4)
>>> output_changed, (h_n_changed, _) = bi(x_changed)
>>> torch.equal(output_changed[:, -1, H:], output[:, -1, H:])
True
>>> torch.equal(h_n_changed[-1], h_n[-1])
False
>>> torch.equal(output_changed[:, -1, :H], output[:, -1, :H])
False
>>> output_one_step, _ = bi(x[:, -1:])
>>> torch.testing.assert_close(output_one_step[:, 0, H:], output[:, -1, H:])

# --8<-- [end:last-step-blind]

# --8<-- [start:two-layers]
>>> _ = torch.manual_seed(0)
>>> bi2 = nn.LSTM(input_size=4, hidden_size=8, num_layers=2, batch_first=True,
...               bidirectional=True)
>>> output2, (h_n2, c_n2) = bi2(x)
>>> output2.shape, h_n2.shape, c_n2.shape
(torch.Size([3, 5, 16]), torch.Size([4, 3, 8]), torch.Size([4, 3, 8]))
>>> torch.equal(h_n2[-2], output2[:, -1, :H]), torch.equal(h_n2[-1], output2[:, 0, H:])
(True, True)
>>> per_layer = h_n2.view(2, 2, 3, H)  # (num_layers, 2, N, H)
>>> all(torch.equal(per_layer[layer, direction], h_n2[2 * layer + direction])
...     for layer in range(2) for direction in range(2))
True
>>> torch.equal(per_layer[-1, 0], h_n2[-2]), torch.equal(per_layer[-1, 1], h_n2[-1])
(True, True)
>>> torch.equal(h_n2[0], output2[:, -1, :H]), torch.equal(h_n2[1], output2[:, 0, H:])
(False, False)

# --8<-- [end:two-layers]

# --8<-- [start:layer-by-layer]
>>> layer0 = nn.LSTM(input_size=4, hidden_size=8, batch_first=True, bidirectional=True)
>>> layer1 = nn.LSTM(input_size=16, hidden_size=8, batch_first=True, bidirectional=True)
>>> state2 = bi2.state_dict()
>>> layer0.load_state_dict({k: v for k, v in state2.items() if "_l0" in k})
<All keys matched successfully>
>>> layer1.load_state_dict({k.replace("_l1", "_l0"): v for k, v in state2.items() if "_l1" in k})
<All keys matched successfully>
>>> out0, (h0_n, _) = layer0(x)
>>> out1, (h1_n, _) = layer1(out0)
>>> out0.shape
torch.Size([3, 5, 16])
>>> torch.testing.assert_close(h0_n, h_n2[:2])
>>> torch.testing.assert_close(h1_n, h_n2[2:])
>>> torch.testing.assert_close(out1, output2)

# --8<-- [end:layer-by-layer]

# --8<-- [start:features]
>>> features = torch.cat([h_n[-2], h_n[-1]], dim=1)
>>> features.shape
torch.Size([3, 16])
>>> features2 = torch.cat([h_n2[-2], h_n2[-1]], dim=1)
>>> features2.shape
torch.Size([3, 16])
>>> torch.equal(features2, torch.cat([output2[:, -1, :H], output2[:, 0, H:]], dim=1))
True
>>> head = nn.Linear(2 * H, 4)
>>> head(features2).shape
torch.Size([3, 4])

# --8<-- [end:features]

# --8<-- [start:reverse-weights]
>>> state = bi.state_dict()
>>> list(state)
['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0',
 'weight_ih_l0_reverse', 'weight_hh_l0_reverse', 'bias_ih_l0_reverse', 'bias_hh_l0_reverse']
>>> fwd = nn.LSTM(input_size=4, hidden_size=8, batch_first=True)
>>> bwd = nn.LSTM(input_size=4, hidden_size=8, batch_first=True)
>>> fwd.load_state_dict({k: v for k, v in state.items() if not k.endswith("_reverse")})
<All keys matched successfully>
>>> bwd.load_state_dict(
...     {k.removesuffix("_reverse"): v for k, v in state.items() if k.endswith("_reverse")}
... )
<All keys matched successfully>
>>> out_f, (h_f, c_f) = fwd(x)
>>> out_b, (h_b, c_b) = bwd(x.flip(1))
>>> torch.testing.assert_close(out_f, output[..., :H])
>>> torch.testing.assert_close(out_b.flip(1), output[..., H:])
>>> torch.testing.assert_close(h_f[0], h_n[-2])
>>> torch.testing.assert_close(h_b[0], h_n[-1])
>>> torch.testing.assert_close(c_b[0], c_n[-1])
>>> sum(p.numel() for p in bi.parameters()) == 2 * sum(p.numel() for p in fwd.parameters())
True

# --8<-- [end:reverse-weights]

# --8<-- [start:batch-first-false]
>>> seq_first = nn.LSTM(input_size=4, hidden_size=8, bidirectional=True)
>>> seq_first.load_state_dict(bi.state_dict())
<All keys matched successfully>
>>> x_sf = x.transpose(0, 1)  # (L, N, H_in)
>>> output_sf, (h_n_sf, c_n_sf) = seq_first(x_sf)
>>> output_sf.shape, h_n_sf.shape
(torch.Size([5, 3, 16]), torch.Size([2, 3, 8]))
>>> torch.equal(h_n_sf[-2], output_sf[-1, :, :H]), torch.equal(h_n_sf[-1], output_sf[0, :, H:])
(True, True)
>>> output_sf.is_contiguous()
True
>>> output_sf.view(-1, 3, 2, H).shape  # (L, N, 2, H)
torch.Size([5, 3, 2, 8])
>>> torch.testing.assert_close(output_sf.transpose(0, 1), output)
>>> torch.testing.assert_close(h_n_sf, h_n)

# --8<-- [end:batch-first-false]
"""

# --8<-- [start:classifier]
import torch
from torch import nn


class BiLSTMClassifier(nn.Module):
    def __init__(
        self, input_size: int, hidden_size: int, num_classes: int, num_layers: int = 1
    ) -> None:
        super().__init__()
        self.lstm = nn.LSTM(
            input_size,
            hidden_size,
            num_layers=num_layers,
            batch_first=True,
            bidirectional=True,
        )
        self.head = nn.Linear(2 * hidden_size, num_classes)

    def features(self, x: torch.Tensor) -> torch.Tensor:
        _, (h_n, _) = self.lstm(x)
        return torch.cat([h_n[-2], h_n[-1]], dim=1)  # (N, 2H)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x))


torch.manual_seed(0)
batch = torch.randn(2, 6, 4)  # (N, L, H_in)
for depth in (1, 2, 3):
    model = BiLSTMClassifier(input_size=4, hidden_size=8, num_classes=3, num_layers=depth)
    hidden = model.lstm.hidden_size
    out, _ = model.lstm(batch)
    top_final = torch.cat([out[:, -1, :hidden], out[:, 0, hidden:]], dim=1)
    torch.testing.assert_close(model.features(batch), top_final)
    assert model.features(batch).shape == (2, 2 * hidden)
    assert model(batch).shape == (2, 3)
# --8<-- [end:classifier]
