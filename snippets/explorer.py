"""Examples for "Layout explorer" (docs/explorer.md, docs/explorer.zh.md).

The explorer itself is docs/assets/javascripts/explorer.js; tests/test_explorer.py checks it
against torch. These sections show how to check what it displays with real torch.

# --8<-- [start:check-a-configuration]
>>> import torch
>>> from torch import nn
>>> _ = torch.manual_seed(0)
>>> lstm = nn.LSTM(input_size=4, hidden_size=6, num_layers=2, bidirectional=True, batch_first=True)
>>> x = torch.randn(3, 5, 4)
>>> output, (h_n, c_n) = lstm(x)
>>> tuple(x.shape), tuple(output.shape), tuple(h_n.shape), tuple(c_n.shape)
((3, 5, 4), (3, 5, 12), (4, 3, 6), (4, 3, 6))
>>> torch.equal(h_n[-2], output[:, -1, :6]), torch.equal(h_n[-1], output[:, 0, 6:])
(True, True)
>>> torch.equal(h_n[-1], output[:, -1, 6:])
False

# --8<-- [end:check-a-configuration]

# --8<-- [start:parameters]
>>> for name, p in lstm.named_parameters():
...     print(name, tuple(p.shape))
weight_ih_l0 (24, 4)
weight_hh_l0 (24, 6)
bias_ih_l0 (24,)
bias_hh_l0 (24,)
weight_ih_l0_reverse (24, 4)
weight_hh_l0_reverse (24, 6)
bias_ih_l0_reverse (24,)
bias_hh_l0_reverse (24,)
weight_ih_l1 (24, 12)
weight_hh_l1 (24, 6)
bias_ih_l1 (24,)
bias_hh_l1 (24,)
weight_ih_l1_reverse (24, 12)
weight_hh_l1_reverse (24, 6)
bias_ih_l1_reverse (24,)
bias_hh_l1_reverse (24,)
>>> sum(p.numel() for p in lstm.parameters())
1536
>>> tuple(nn.GRU(input_size=4, hidden_size=6).weight_ih_l0.shape)
(18, 4)
>>> tuple(nn.RNN(input_size=4, hidden_size=6).weight_ih_l0.shape)
(6, 4)

# --8<-- [end:parameters]

# --8<-- [start:projection]
>>> proj = nn.LSTM(input_size=4, hidden_size=6, proj_size=3, batch_first=True)
>>> output, (h_n, c_n) = proj(x)
>>> tuple(output.shape), tuple(h_n.shape), tuple(c_n.shape)
((3, 5, 3), (1, 3, 3), (1, 3, 6))
>>> [(name, tuple(p.shape)) for name, p in proj.named_parameters() if name.startswith("weight")]
[('weight_ih_l0', (24, 4)), ('weight_hh_l0', (24, 3)), ('weight_hr_l0', (3, 6))]

# --8<-- [end:projection]

# --8<-- [start:rejected]
>>> for make in (
...     lambda: nn.LSTM(input_size=0, hidden_size=6),
...     lambda: nn.LSTM(input_size=4, hidden_size=0),
...     lambda: nn.LSTM(input_size=4, hidden_size=6, num_layers=0),
...     lambda: nn.LSTM(input_size=4, hidden_size=6, proj_size=6),
...     lambda: nn.GRU(input_size=4, hidden_size=6, proj_size=0),
...     lambda: nn.LSTM(input_size=4, hidden_size=6, num_layers=2.0),
... ):
...     try:
...         make()
...     except (ValueError, TypeError) as e:
...         print(type(e).__name__, e)
ValueError input_size must be greater than zero
ValueError hidden_size must be greater than zero
ValueError num_layers must be greater than zero
ValueError proj_size has to be smaller than hidden_size
ValueError proj_size argument is only supported for LSTM, not RNN or GRU
TypeError 'float' object cannot be interpreted as an integer
>>> try:
...     lstm(torch.randn(3, 0, 4))
... except RuntimeError as e:
...     print(e)
Expected sequence length to be larger than 0 in RNN
>>> output, (h_n, c_n) = lstm(torch.randn(0, 5, 4))
>>> tuple(output.shape), tuple(h_n.shape)
((0, 5, 12), (4, 0, 6))
>>> nn.LSTM(input_size=4, hidden_size=6, proj_size=0.0).proj_size
0.0

# --8<-- [end:rejected]
"""
