"""Examples for "LSTMCell and the gate equations" (docs/lstmcell.md, docs/lstmcell.zh.md).

# --8<-- [start:one-step]
>>> import torch
>>> from torch import nn
>>> _ = torch.manual_seed(0)
>>> cell = nn.LSTMCell(input_size=4, hidden_size=8)
>>> x = torch.randn(3, 4)  # (N, H_in)
>>> h0, c0 = torch.randn(3, 8), torch.randn(3, 8)  # (N, H)
>>> h_1, c_1 = cell(x, (h0, c0))
>>> h_1.shape, c_1.shape
(torch.Size([3, 8]), torch.Size([3, 8]))
>>> h_z, c_z = cell(x)
>>> torch.equal(h_z, cell(x, (torch.zeros(3, 8), torch.zeros(3, 8)))[0])
True
>>> h, c = cell(x[0])  # (H_in,)
>>> h.shape, c.shape
(torch.Size([8]), torch.Size([8]))
>>> torch.testing.assert_close((h, c), (h_z[0], c_z[0]))
>>> cell.weight_ih.shape, cell.weight_hh.shape, cell.bias_ih.shape, cell.bias_hh.shape
(torch.Size([32, 4]), torch.Size([32, 8]), torch.Size([32]), torch.Size([32]))

# --8<-- [end:one-step]

# --8<-- [start:gates]
>>> gates = x @ cell.weight_ih.T + cell.bias_ih + h0 @ cell.weight_hh.T + cell.bias_hh
>>> gates.shape  # (N, 4*H)
torch.Size([3, 32])
>>> i, f, g, o = gates.chunk(4, dim=1)
>>> i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
>>> c = f * c0 + i * g
>>> h = o * torch.tanh(c)
>>> torch.testing.assert_close(c, c_1)
>>> torch.testing.assert_close(h, h_1)

# --8<-- [end:gates]

# --8<-- [start:wrong-order]
>>> i, f, o, g = gates.chunk(4, dim=1)
>>> i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
>>> c_wrong = f * c0 + i * g
>>> h_wrong = o * torch.tanh(c_wrong)
>>> (c_wrong - c_1).abs().max().item() > 0.1, (h_wrong - h_1).abs().max().item() > 0.1
(True, True)

# --8<-- [end:wrong-order]

# --8<-- [start:loop]
>>> lstm = nn.LSTM(input_size=4, hidden_size=8, batch_first=True)
>>> xs = torch.randn(3, 5, 4)  # (N, L, H_in)
>>> output, (h_n, c_n) = lstm(xs)
>>> cell = nn.LSTMCell(input_size=4, hidden_size=8)
>>> cell.load_state_dict({k.removesuffix("_l0"): v for k, v in lstm.state_dict().items()})
<All keys matched successfully>
>>> h, c = torch.zeros(3, 8), torch.zeros(3, 8)
>>> hs, cs = [], []
>>> for t in range(5):
...     h, c = cell(xs[:, t], (h, c))
...     hs.append(h)
...     cs.append(c)
>>> loop_output = torch.stack(hs, dim=1)  # (N, L, H)
>>> torch.testing.assert_close(loop_output, output)
>>> torch.testing.assert_close(h, h_n[0])
>>> torch.testing.assert_close(c, c_n[0])

# --8<-- [end:loop]

# --8<-- [start:onednn]
>>> h_n.grad_fn.next_functions[0][0].name()
'MkldnnRnnLayerBackward0'
>>> (loop_output - output).abs().max().item() < 1e-6
True

# --8<-- [end:onednn]

# --8<-- [start:native-path]
>>> import torch.nn.functional as F
>>> lstm64 = nn.LSTM(input_size=4, hidden_size=8, dtype=torch.float64)
>>> seq = torch.randn(5, 3, 4, dtype=torch.float64)  # (L, N, H_in)
>>> output64, (h_n64, c_n64) = lstm64(seq)
>>> h_n64.grad_fn.next_functions[0][0].name()
'MulBackward0'
>>> inputs = F.linear(seq, lstm64.weight_ih_l0, lstm64.bias_ih_l0)  # (L, N, 4*H)
>>> h = torch.zeros(3, 8, dtype=torch.float64)
>>> c = torch.zeros(3, 8, dtype=torch.float64)
>>> for t in range(5):
...     gates = inputs[t] + F.linear(h, lstm64.weight_hh_l0, lstm64.bias_hh_l0)
...     i, f, g, o = gates.chunk(4, dim=1)
...     c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
...     h = torch.sigmoid(o) * torch.tanh(c)
>>> torch.equal(h, h_n64[0]), torch.equal(c, c_n64[0])
(True, True)

# --8<-- [end:native-path]

# --8<-- [start:every-cell-state]
>>> cells = torch.stack(cs, dim=1)  # (N, L, H)
>>> cells.shape, c_n.shape
(torch.Size([3, 5, 8]), torch.Size([1, 3, 8]))
>>> torch.testing.assert_close(cells[:, -1], c_n[0])

# --8<-- [end:every-cell-state]
"""

# --8<-- [start:from-scratch]
import torch
from torch import nn


def lstm_cell_step(
    x: torch.Tensor, h: torch.Tensor, c: torch.Tensor, cell: nn.LSTMCell
) -> tuple[torch.Tensor, torch.Tensor]:
    W_ii, W_if, W_ig, W_io = cell.weight_ih.chunk(4)
    W_hi, W_hf, W_hg, W_ho = cell.weight_hh.chunk(4)
    b_ii, b_if, b_ig, b_io = cell.bias_ih.chunk(4)
    b_hi, b_hf, b_hg, b_ho = cell.bias_hh.chunk(4)
    i = torch.sigmoid(x @ W_ii.T + b_ii + h @ W_hi.T + b_hi)
    f = torch.sigmoid(x @ W_if.T + b_if + h @ W_hf.T + b_hf)
    g = torch.tanh(x @ W_ig.T + b_ig + h @ W_hg.T + b_hg)
    o = torch.sigmoid(x @ W_io.T + b_io + h @ W_ho.T + b_ho)
    c_next = f * c + i * g
    h_next = o * torch.tanh(c_next)
    return h_next, c_next


torch.manual_seed(0)
cell = nn.LSTMCell(input_size=4, hidden_size=8)
x, h, c = torch.randn(3, 4), torch.randn(3, 8), torch.randn(3, 8)
torch.testing.assert_close(lstm_cell_step(x, h, c, cell), cell(x, (h, c)))
torch.testing.assert_close(lstm_cell_step(x[0], h[0], c[0], cell), cell(x[0], (h[0], c[0])))
# --8<-- [end:from-scratch]
