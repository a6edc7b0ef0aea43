"""Examples for "GRU and RNN" (docs/gru-and-rnn.md, docs/gru-and-rnn.zh.md).

# --8<-- [start:two-outputs]
>>> import torch
>>> from torch import nn
>>> _ = torch.manual_seed(0)
>>> x = torch.randn(3, 5, 4)  # (N, L, H_in)
>>> gru = nn.GRU(input_size=4, hidden_size=8, batch_first=True)
>>> rnn = nn.RNN(input_size=4, hidden_size=8, batch_first=True)
>>> lstm = nn.LSTM(input_size=4, hidden_size=8, batch_first=True)
>>> output, h_n = gru(x)
>>> output.shape, h_n.shape
(torch.Size([3, 5, 8]), torch.Size([1, 3, 8]))
>>> output, h_n = rnn(x)
>>> output.shape, h_n.shape
(torch.Size([3, 5, 8]), torch.Size([1, 3, 8]))
>>> type(gru(x)[1]).__name__, type(rnn(x)[1]).__name__, type(lstm(x)[1]).__name__
('Tensor', 'Tensor', 'tuple')

# --8<-- [end:two-outputs]

# --8<-- [start:lstm-unpacking]
>>> try:
...     output, (h_n, c_n) = gru(x)
... except ValueError as e:
...     print(e)
not enough values to unpack (expected 2, got 1)
>>> gru2 = nn.GRU(input_size=4, hidden_size=8, num_layers=2, batch_first=True)
>>> output, (h, c) = gru2(x)
>>> h.shape, c.shape
(torch.Size([3, 8]), torch.Size([3, 8]))
>>> output, h_n = gru2(x)
>>> torch.equal(h, h_n[0]), torch.equal(c, h_n[1])
(True, True)

# --8<-- [end:lstm-unpacking]

# --8<-- [start:layout]
>>> torch.equal(output[:, -1], h_n[-1])
True
>>> bigru = nn.GRU(input_size=4, hidden_size=8, num_layers=2, bidirectional=True,
...                batch_first=True)
>>> output, h_n = bigru(x)
>>> output.shape, h_n.shape
(torch.Size([3, 5, 16]), torch.Size([4, 3, 8]))
>>> torch.equal(h_n[-2], output[:, -1, :8]), torch.equal(h_n[-1], output[:, 0, 8:])
(True, True)
>>> rnn3 = nn.RNN(input_size=4, hidden_size=8, num_layers=3, batch_first=True)
>>> output, h_n = rnn3(x)
>>> output.shape, h_n.shape
(torch.Size([3, 5, 8]), torch.Size([3, 3, 8]))
>>> torch.equal(output[:, -1], h_n[-1])
True

# --8<-- [end:layout]

# --8<-- [start:gru-weights]
>>> [(name, tuple(p.shape)) for name, p in gru.named_parameters()]
[('weight_ih_l0', (24, 4)), ('weight_hh_l0', (24, 8)), ('bias_ih_l0', (24,)), ('bias_hh_l0', (24,))]

# --8<-- [end:gru-weights]

# --8<-- [start:gru-step]
>>> h0 = torch.randn(1, 3, 8)
>>> _, h_1 = gru(x[:, :1], h0)
>>> W_ir, W_iz, W_in = gru.weight_ih_l0.chunk(3)
>>> W_hr, W_hz, W_hn = gru.weight_hh_l0.chunk(3)
>>> b_ir, b_iz, b_in = gru.bias_ih_l0.chunk(3)
>>> b_hr, b_hz, b_hn = gru.bias_hh_l0.chunk(3)
>>> x_0, h = x[:, 0], h0[0]
>>> r = torch.sigmoid(x_0 @ W_ir.T + b_ir + h @ W_hr.T + b_hr)
>>> z = torch.sigmoid(x_0 @ W_iz.T + b_iz + h @ W_hz.T + b_hz)
>>> n = torch.tanh(x_0 @ W_in.T + b_in + r * (h @ W_hn.T + b_hn))
>>> torch.testing.assert_close((1 - z) * n + z * h, h_1[0])

# --8<-- [end:gru-step]

# --8<-- [start:gru-reset-detail]
>>> n_other = torch.tanh(x_0 @ W_in.T + b_in + (r * h) @ W_hn.T + b_hn)
>>> torch.allclose((1 - z) * n_other + z * h, h_1[0])
False
>>> torch.allclose(z * n + (1 - z) * h, h_1[0])
False

# --8<-- [end:gru-reset-detail]

# --8<-- [start:rnn]
>>> [(name, tuple(p.shape)) for name, p in rnn.named_parameters()]
[('weight_ih_l0', (8, 4)), ('weight_hh_l0', (8, 8)), ('bias_ih_l0', (8,)), ('bias_hh_l0', (8,))]
>>> rnn.nonlinearity
'tanh'
>>> output, h_n = rnn(x, h0)
>>> h_first = torch.tanh(x[:, 0] @ rnn.weight_ih_l0.T + rnn.bias_ih_l0
...                      + h0[0] @ rnn.weight_hh_l0.T + rnn.bias_hh_l0)
>>> torch.testing.assert_close(output[:, 0], h_first)
>>> bool(output.abs().max() < 1)
True
>>> relu_rnn = nn.RNN(input_size=4, hidden_size=8, nonlinearity="relu", batch_first=True)
>>> output, h_n = relu_rnn(x)
>>> bool((output >= 0).all()), bool((output == 0).any())
(True, True)
>>> try:
...     nn.RNN(input_size=4, hidden_size=8, nonlinearity="sigmoid")
... except ValueError as e:
...     print(e)
Unknown nonlinearity 'sigmoid'. Select from 'tanh' or 'relu'.

# --8<-- [end:rnn]

# --8<-- [start:proj-size]
>>> for cls in (nn.GRU, nn.RNN):
...     try:
...         cls(input_size=4, hidden_size=8, proj_size=3)
...     except ValueError as e:
...         print(e)
proj_size argument is only supported for LSTM, not RNN or GRU
proj_size argument is only supported for LSTM, not RNN or GRU
>>> plstm = nn.LSTM(input_size=4, hidden_size=8, proj_size=3, batch_first=True)
>>> output, (h_n, c_n) = plstm(x)
>>> output.shape, h_n.shape, c_n.shape
(torch.Size([3, 5, 3]), torch.Size([1, 3, 3]), torch.Size([1, 3, 8]))
>>> plstm.weight_hr_l0.shape, plstm.weight_hh_l0.shape
(torch.Size([3, 8]), torch.Size([32, 3]))
>>> W_ih, W_hh, W_hr = plstm.weight_ih_l0, plstm.weight_hh_l0, plstm.weight_hr_l0
>>> b = plstm.bias_ih_l0 + plstm.bias_hh_l0
>>> gates = x[:, -1] @ W_ih.T + output[:, -2] @ W_hh.T + b
>>> i, f, g, o = gates.chunk(4, dim=1)
>>> torch.testing.assert_close(h_n[0], (torch.sigmoid(o) * torch.tanh(c_n[0])) @ W_hr.T)

# --8<-- [end:proj-size]
"""
