"""Examples for "output vs h_n vs c_n" (docs/output-vs-hn.md, docs/output-vs-hn.zh.md).

# --8<-- [start:one-layer]
>>> import torch
>>> from torch import nn
>>> _ = torch.manual_seed(0)
>>> lstm = nn.LSTM(input_size=4, hidden_size=8, batch_first=True)
>>> x = torch.randn(3, 5, 4)  # (N, L, H_in)
>>> output, (h_n, c_n) = lstm(x)
>>> output.shape, h_n.shape, c_n.shape
(torch.Size([3, 5, 8]), torch.Size([1, 3, 8]), torch.Size([1, 3, 8]))

# --8<-- [end:one-layer]

# --8<-- [start:last-step]
>>> [torch.equal(output[i, -1], h_n[-1, i]) for i in range(3)]
[True, True, True]
>>> torch.equal(h_n[0], h_n[-1])
True

# --8<-- [end:last-step]

# --8<-- [start:every-step]
>>> for t in range(5):
...     _, (h_t, _) = lstm(x[:, : t + 1])
...     torch.testing.assert_close(h_t[-1], output[:, t])

# --8<-- [end:every-step]

# --8<-- [start:two-layers]
>>> _ = torch.manual_seed(0)
>>> lstm2 = nn.LSTM(input_size=4, hidden_size=8, num_layers=2, batch_first=True)
>>> output, (h_n, c_n) = lstm2(x)
>>> output.shape, h_n.shape, c_n.shape
(torch.Size([3, 5, 8]), torch.Size([2, 3, 8]), torch.Size([2, 3, 8]))
>>> torch.equal(output[:, -1], h_n[-1])
True
>>> torch.equal(output[:, -1], h_n[0])
False
>>> h_n.permute(1, 0, 2).reshape(3, -1).shape
torch.Size([3, 16])

# --8<-- [end:two-layers]

# --8<-- [start:layer-by-layer]
>>> layer0 = nn.LSTM(input_size=4, hidden_size=8, batch_first=True)
>>> layer1 = nn.LSTM(input_size=8, hidden_size=8, batch_first=True)
>>> state = lstm2.state_dict()
>>> layer0.load_state_dict({k: v for k, v in state.items() if k.endswith("_l0")})
<All keys matched successfully>
>>> layer1.load_state_dict({k[:-1] + "0": v for k, v in state.items() if k.endswith("_l1")})
<All keys matched successfully>
>>> out0, (h0_n, c0_n) = layer0(x)
>>> out1, (h1_n, c1_n) = layer1(out0)
>>> torch.testing.assert_close(h0_n[0], h_n[0])
>>> torch.testing.assert_close(h1_n[0], h_n[1])
>>> torch.testing.assert_close(out1, output)
>>> torch.testing.assert_close(c0_n[0], c_n[0])

# --8<-- [end:layer-by-layer]

# --8<-- [start:cell-state]
>>> W_ih, W_hh = lstm.weight_ih_l0, lstm.weight_hh_l0
>>> b = lstm.bias_ih_l0 + lstm.bias_hh_l0
>>> output, (h_n, c_n) = lstm(x)
>>> gates = x[:, -1] @ W_ih.T + output[:, -2] @ W_hh.T + b
>>> i, f, g, o = gates.chunk(4, dim=1)
>>> torch.testing.assert_close(h_n[0], torch.sigmoid(o) * torch.tanh(c_n[0]))

# --8<-- [end:cell-state]

# --8<-- [start:carry-state]
>>> first, (h_mid, c_mid) = lstm(x[:, :3])
>>> rest, (h_end, c_end) = lstm(x[:, 3:], (h_mid, c_mid))
>>> torch.testing.assert_close(torch.cat([first, rest], dim=1), output)
>>> torch.testing.assert_close(c_end, c_n)
>>> rest_no_c, _ = lstm(x[:, 3:], (h_mid, torch.zeros_like(c_mid)))
>>> torch.allclose(rest_no_c, rest)
False

# --8<-- [end:carry-state]
"""
