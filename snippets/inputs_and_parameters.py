"""Examples for "Inputs and parameters" (docs/inputs-and-parameters.md, .zh.md).

# --8<-- [start:defaults]
>>> import torch
>>> from torch import nn
>>> _ = torch.manual_seed(0)
>>> lstm = nn.LSTM(input_size=4, hidden_size=8)
>>> lstm.num_layers, lstm.bias, lstm.batch_first
(1, True, False)
>>> lstm.dropout, lstm.bidirectional, lstm.proj_size
(0.0, False, 0)
>>> x = torch.randn(5, 3, 4)  # (L, N, H_in)
>>> output, (h_n, c_n) = lstm(x)
>>> output.shape, h_n.shape, c_n.shape
(torch.Size([5, 3, 8]), torch.Size([1, 3, 8]), torch.Size([1, 3, 8]))

# --8<-- [end:defaults]

# --8<-- [start:input-size]
>>> lstm(torch.randn(50, 3, 4))[0].shape
torch.Size([50, 3, 8])
>>> try:
...     lstm(torch.randn(5, 3, 8))
... except RuntimeError as e:
...     print(e)
input.size(-1) must be equal to input_size. Expected 4, got 8
>>> rows = nn.LSTM(input_size=28, hidden_size=100, batch_first=True)
>>> images = torch.rand(32, 28, 28)  # (N, L, H_in): 28 rows of 28 pixels
>>> rows(images)[0].shape
torch.Size([32, 28, 100])
>>> rows(images[:, :10])[0].shape
torch.Size([32, 10, 100])
>>> try:
...     rows(images.reshape(32, 14, 56))
... except RuntimeError as e:
...     print(e)
input.size(-1) must be equal to input_size. Expected 28, got 56

# --8<-- [end:input-size]

# --8<-- [start:hidden-size]
>>> wide = nn.LSTM(input_size=4, hidden_size=16)
>>> output, (h_n, c_n) = wide(x)
>>> output.shape, h_n.shape, c_n.shape
(torch.Size([5, 3, 16]), torch.Size([1, 3, 16]), torch.Size([1, 3, 16]))
>>> wide.weight_ih_l0.shape, wide.weight_hh_l0.shape
(torch.Size([64, 4]), torch.Size([64, 16]))

# --8<-- [end:hidden-size]

# --8<-- [start:num-layers]
>>> deep = nn.LSTM(input_size=4, hidden_size=8, num_layers=2)
>>> output, (h_n, c_n) = deep(x)
>>> output.shape, h_n.shape, c_n.shape
(torch.Size([5, 3, 8]), torch.Size([2, 3, 8]), torch.Size([2, 3, 8]))
>>> deep.weight_ih_l0.shape, deep.weight_ih_l1.shape
(torch.Size([32, 4]), torch.Size([32, 8]))

# --8<-- [end:num-layers]

# --8<-- [start:layer-reads-output]
>>> lower = nn.LSTM(input_size=4, hidden_size=8)
>>> upper = nn.LSTM(input_size=8, hidden_size=8)
>>> state = deep.state_dict()
>>> lower.load_state_dict({k: v for k, v in state.items() if k.endswith("_l0")})
<All keys matched successfully>
>>> upper.load_state_dict({k[:-1] + "0": v for k, v in state.items() if k.endswith("_l1")})
<All keys matched successfully>
>>> lower_output, _ = lower(x)
>>> upper_output, _ = upper(lower_output)
>>> torch.testing.assert_close(upper_output, output)

# --8<-- [end:layer-reads-output]

# --8<-- [start:bias]
>>> [name for name, _ in nn.LSTM(input_size=4, hidden_size=8).named_parameters()]
['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0']
>>> [name for name, _ in nn.LSTM(input_size=4, hidden_size=8, bias=False).named_parameters()]
['weight_ih_l0', 'weight_hh_l0']

# --8<-- [end:bias]

# --8<-- [start:batch-first]
>>> bf = nn.LSTM(input_size=4, hidden_size=8, batch_first=True)
>>> bf.load_state_dict(lstm.state_dict())
<All keys matched successfully>
>>> x_bf = x.transpose(0, 1)  # (N, L, H_in)
>>> output_bf, (h_n_bf, c_n_bf) = bf(x_bf)
>>> output_bf.shape, h_n_bf.shape, c_n_bf.shape
(torch.Size([3, 5, 8]), torch.Size([1, 3, 8]), torch.Size([1, 3, 8]))
>>> output, (h_n, c_n) = lstm(x)
>>> torch.testing.assert_close(output_bf, output.transpose(0, 1))
>>> torch.testing.assert_close(h_n_bf, h_n)

# --8<-- [end:batch-first]

# --8<-- [start:dropout-one-layer]
>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     drop1 = nn.LSTM(input_size=4, hidden_size=8, dropout=0.5)
>>> print(caught[0].message)
dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects num_layers greater than 1, but got dropout=0.5 and num_layers=1
>>> drop1.load_state_dict(lstm.state_dict())
<All keys matched successfully>
>>> drop1.training
True
>>> torch.equal(drop1(x)[0], lstm(x)[0])
True

# --8<-- [end:dropout-one-layer]

# --8<-- [start:dropout-two-layers]
>>> drop2 = nn.LSTM(input_size=4, hidden_size=8, num_layers=2, dropout=0.5)
>>> drop2.training
True
>>> out_a, (h_n_a, _) = drop2(x)
>>> out_b, (h_n_b, _) = drop2(x)
>>> torch.equal(out_a, out_b)
False
>>> torch.equal(h_n_a[0], h_n_b[0])
True
>>> _ = drop2.eval()
>>> torch.equal(drop2(x)[0], drop2(x)[0])
True

# --8<-- [end:dropout-two-layers]

# --8<-- [start:bidirectional]
>>> bi = nn.LSTM(input_size=4, hidden_size=8, bidirectional=True)
>>> output, (h_n, c_n) = bi(x)
>>> output.shape, h_n.shape, c_n.shape
(torch.Size([5, 3, 16]), torch.Size([2, 3, 8]), torch.Size([2, 3, 8]))
>>> [name for name, _ in bi.named_parameters() if name.endswith("_reverse")]
['weight_ih_l0_reverse', 'weight_hh_l0_reverse', 'bias_ih_l0_reverse', 'bias_hh_l0_reverse']

# --8<-- [end:bidirectional]

# --8<-- [start:proj-size]
>>> proj = nn.LSTM(input_size=4, hidden_size=8, num_layers=2, proj_size=3)
>>> output, (h_n, c_n) = proj(x)
>>> output.shape, h_n.shape, c_n.shape
(torch.Size([5, 3, 3]), torch.Size([2, 3, 3]), torch.Size([2, 3, 8]))
>>> for name, p in proj.named_parameters():
...     print(name, tuple(p.shape))
weight_ih_l0 (32, 4)
weight_hh_l0 (32, 3)
bias_ih_l0 (32,)
bias_hh_l0 (32,)
weight_hr_l0 (3, 8)
weight_ih_l1 (32, 3)
weight_hh_l1 (32, 3)
bias_ih_l1 (32,)
bias_hh_l1 (32,)
weight_hr_l1 (3, 8)
>>> try:
...     nn.LSTM(input_size=4, hidden_size=8, proj_size=8)
... except ValueError as e:
...     print(e)
proj_size has to be smaller than hidden_size

# --8<-- [end:proj-size]

# --8<-- [start:unbatched]
>>> _ = torch.manual_seed(0)
>>> bi2 = nn.LSTM(input_size=4, hidden_size=8, num_layers=2, bidirectional=True)
>>> seq = torch.randn(5, 4)  # (L, H_in)
>>> output, (h_n, c_n) = bi2(seq)
>>> output.shape, h_n.shape, c_n.shape
(torch.Size([5, 16]), torch.Size([4, 8]), torch.Size([4, 8]))
>>> batch_of_one, _ = bi2(seq.unsqueeze(1))  # (L, 1, H_in)
>>> torch.testing.assert_close(output, batch_of_one[:, 0])
>>> bf(seq)[0].shape
torch.Size([5, 8])

# --8<-- [end:unbatched]

# --8<-- [start:input-errors]
>>> h_0 = torch.zeros(4, 1, 8)  # 3-D
>>> try:
...     bi2(seq, (h_0, h_0))
... except RuntimeError as e:
...     print(e)
For unbatched 2-D input, hx and cx should also be 2-D but got (3-D, 3-D) tensors
>>> try:
...     bi2(torch.randn(2, 5, 3, 4))
... except ValueError as e:
...     print(e)
LSTM: Expected input to be 2D or 3D, got 4D instead

# --8<-- [end:input-errors]

# --8<-- [start:default-state]
>>> output, (h_n, c_n) = lstm(x)
>>> zeros = torch.zeros(1, 3, 8)  # (D*num_layers, N, H_out)
>>> output_z, (h_n_z, c_n_z) = lstm(x, (zeros, zeros))
>>> torch.equal(output_z, output), torch.equal(h_n_z, h_n), torch.equal(c_n_z, c_n)
(True, True, True)

# --8<-- [end:default-state]

# --8<-- [start:state-shapes]
>>> full = nn.LSTM(input_size=4, hidden_size=8, num_layers=2, bidirectional=True,
...                proj_size=3, batch_first=True)
>>> h_0 = torch.randn(4, 3, 3)  # (D*num_layers, N, H_out)
>>> c_0 = torch.randn(4, 3, 8)  # (D*num_layers, N, hidden_size)
>>> output, (h_n, c_n) = full(x_bf, (h_0, c_0))
>>> output.shape, h_n.shape, c_n.shape
(torch.Size([3, 5, 6]), torch.Size([4, 3, 3]), torch.Size([4, 3, 8]))
>>> try:
...     full(x_bf, (h_0, torch.randn(4, 3, 3)))
... except RuntimeError as e:
...     print(e)
Expected hidden[1] size (4, 3, 8), got [4, 3, 3]

# --8<-- [end:state-shapes]

# --8<-- [start:batch-first-state]
>>> bf2 = nn.LSTM(input_size=4, hidden_size=8, num_layers=2, batch_first=True)
>>> h_0 = torch.zeros(3, 2, 8)  # (N, num_layers, H): wrong
>>> c_0 = torch.zeros(3, 2, 8)
>>> try:
...     bf2(x_bf, (h_0, c_0))
... except RuntimeError as e:
...     print(e)
Expected hidden[0] size (2, 3, 8), got [3, 2, 8]
>>> output, (h_n, c_n) = bf2(x_bf, (h_0.transpose(0, 1), c_0.transpose(0, 1)))
>>> output.shape, h_n.shape
(torch.Size([3, 5, 8]), torch.Size([2, 3, 8]))

# --8<-- [end:batch-first-state]

# --8<-- [start:parameter-names]
>>> for name, p in bi2.named_parameters():
...     print(name, tuple(p.shape))
weight_ih_l0 (32, 4)
weight_hh_l0 (32, 8)
bias_ih_l0 (32,)
bias_hh_l0 (32,)
weight_ih_l0_reverse (32, 4)
weight_hh_l0_reverse (32, 8)
bias_ih_l0_reverse (32,)
bias_hh_l0_reverse (32,)
weight_ih_l1 (32, 16)
weight_hh_l1 (32, 8)
bias_ih_l1 (32,)
bias_hh_l1 (32,)
weight_ih_l1_reverse (32, 16)
weight_hh_l1_reverse (32, 8)
bias_ih_l1_reverse (32,)
bias_hh_l1_reverse (32,)
>>> lower = nn.LSTM(input_size=4, hidden_size=8, bidirectional=True)
>>> upper = nn.LSTM(input_size=16, hidden_size=8, bidirectional=True)
>>> state = bi2.state_dict()
>>> lower.load_state_dict({k: v for k, v in state.items() if "_l0" in k})
<All keys matched successfully>
>>> upper.load_state_dict({k.replace("_l1", "_l0"): v for k, v in state.items() if "_l1" in k})
<All keys matched successfully>
>>> lower_output, _ = lower(seq)
>>> lower_output.shape
torch.Size([5, 16])
>>> torch.testing.assert_close(upper(lower_output)[0], bi2(seq)[0])

# --8<-- [end:parameter-names]

# --8<-- [start:seed-weights]
>>> big = nn.LSTM(128, 50, num_layers=2, batch_first=True, bidirectional=True)
>>> [tuple(w.shape) for w in big.all_weights[0]]
[(200, 128), (200, 50), (200,), (200,)]
>>> big.all_weights[0][0] is big.weight_ih_l0, big.all_weights[0][1] is big.weight_hh_l0
(True, True)
>>> tuple(big.weight_ih_l1.shape)
(200, 100)

# --8<-- [end:seed-weights]

# --8<-- [start:gate-order]
>>> _ = torch.manual_seed(1)
>>> h_0, c_0 = torch.randn(1, 3, 8), torch.randn(1, 3, 8)
>>> output, (h_1, c_1) = lstm(x[:1], (h_0, c_0))
>>> W_ii, W_if, W_ig, W_io = lstm.weight_ih_l0.chunk(4)
>>> W_hi, W_hf, W_hg, W_ho = lstm.weight_hh_l0.chunk(4)
>>> b_i, b_f, b_g, b_o = (lstm.bias_ih_l0 + lstm.bias_hh_l0).chunk(4)
>>> x_0, h, c = x[0], h_0[0], c_0[0]
>>> i = torch.sigmoid(x_0 @ W_ii.T + h @ W_hi.T + b_i)
>>> f = torch.sigmoid(x_0 @ W_if.T + h @ W_hf.T + b_f)
>>> g = torch.tanh(x_0 @ W_ig.T + h @ W_hg.T + b_g)
>>> o = torch.sigmoid(x_0 @ W_io.T + h @ W_ho.T + b_o)
>>> c_new = f * c + i * g
>>> h_new = o * torch.tanh(c_new)
>>> torch.testing.assert_close(c_new, c_1[0])
>>> torch.testing.assert_close(h_new, output[0])
>>> torch.allclose(i * c + f * g, c_1[0])
False

# --8<-- [end:gate-order]

# --8<-- [start:directions-independent]
>>> names = ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"]
>>> [getattr(bi, n) is getattr(bi, n + "_reverse") for n in names]
[False, False, False, False]
>>> [torch.equal(getattr(bi, n), getattr(bi, n + "_reverse")) for n in names]
[False, False, False, False]
>>> before, _ = bi(x)
>>> with torch.no_grad():
...     _ = bi.weight_hh_l0_reverse.add_(0.1)
>>> after, _ = bi(x)
>>> torch.testing.assert_close(after[..., :8], before[..., :8])
>>> torch.allclose(after[..., 8:], before[..., 8:])
False

# --8<-- [end:directions-independent]
"""
