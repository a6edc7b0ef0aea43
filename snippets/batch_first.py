"""Examples for "batch_first" (docs/batch-first.md, docs/batch-first.zh.md).

# --8<-- [start:two-layouts]
>>> import torch
>>> from torch import nn
>>> _ = torch.manual_seed(0)
>>> nn.LSTM(input_size=4, hidden_size=8).batch_first
False
>>> bf = nn.LSTM(input_size=4, hidden_size=8, num_layers=2, bidirectional=True,
...              batch_first=True)
>>> tm = nn.LSTM(input_size=4, hidden_size=8, num_layers=2, bidirectional=True)
>>> tm.load_state_dict(bf.state_dict())
<All keys matched successfully>
>>> x = torch.randn(3, 5, 4)  # (N, L, H_in)
>>> out_bf, (h_bf, c_bf) = bf(x)
>>> out_tm, (h_tm, c_tm) = tm(x.transpose(0, 1))  # (L, N, H_in)
>>> out_bf.shape, out_tm.shape
(torch.Size([3, 5, 16]), torch.Size([5, 3, 16]))
>>> h_bf.shape, h_tm.shape
(torch.Size([4, 3, 8]), torch.Size([4, 3, 8]))
>>> c_bf.shape, c_tm.shape
(torch.Size([4, 3, 8]), torch.Size([4, 3, 8]))

# --8<-- [end:two-layouts]

# --8<-- [start:same-results]
>>> torch.equal(out_bf, out_tm.transpose(0, 1))
True
>>> torch.equal(h_bf, h_tm), torch.equal(c_bf, c_tm)
(True, True)

# --8<-- [end:same-results]

# --8<-- [start:initial-state]
>>> h0 = torch.randn(4, 3, 8)  # (D*num_layers, N, H)
>>> c0 = torch.randn(4, 3, 8)
>>> _, (h_bf0, c_bf0) = bf(x, (h0, c0))
>>> _, (h_tm0, c_tm0) = tm(x.transpose(0, 1), (h0, c0))
>>> torch.equal(h_bf0, h_tm0), torch.equal(c_bf0, c_tm0)
(True, True)
>>> try:
...     bf(x, (h0.transpose(0, 1), c0.transpose(0, 1)))
... except RuntimeError as e:
...     print(e)
Expected hidden[0] size (4, 3, 8), got [3, 4, 8]

# --8<-- [end:initial-state]

# --8<-- [start:silent-mix-up]
>>> x4 = torch.randn(4, 5, 4)  # N = 4 = D*num_layers
>>> h0, c0 = torch.randn(4, 4, 8), torch.randn(4, 4, 8)
>>> right, _ = bf(x4, (h0, c0))
>>> wrong, _ = bf(x4, (h0.transpose(0, 1), c0.transpose(0, 1)))
>>> torch.allclose(right, wrong)
False

# --8<-- [end:silent-mix-up]

# --8<-- [start:unbatched]
>>> out_1, (h_1, c_1) = bf(x[0])  # (L, H_in)
>>> out_1.shape, h_1.shape
(torch.Size([5, 16]), torch.Size([4, 8]))
>>> torch.testing.assert_close(out_1, out_bf[0])

# --8<-- [end:unbatched]

# --8<-- [start:not-contiguous]
>>> out_bf.is_contiguous(), out_tm.is_contiguous()
(False, True)
>>> out_bf.stride()
(16, 48, 1)
>>> out_bf.transpose(0, 1).is_contiguous()
True
>>> uni = nn.LSTM(input_size=4, hidden_size=8, batch_first=True)
>>> uni(x)[0].is_contiguous()
False

# --8<-- [end:not-contiguous]

# --8<-- [start:view-fails]
>>> N, L, H = 3, 5, 8
>>> out_bf.view(N, L, 2, H).shape
torch.Size([3, 5, 2, 8])
>>> try:
...     out_bf.view(N * L, 2 * H)
... except RuntimeError as e:
...     print(e)
view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.
>>> out_bf.reshape(N * L, 2 * H).shape
torch.Size([15, 16])
>>> out_bf.contiguous().view(N * L, 2 * H).shape
torch.Size([15, 16])
>>> out_bf.flatten(0, 1).shape
torch.Size([15, 16])

# --8<-- [end:view-fails]

# --8<-- [start:split-directions]
>>> forward, backward = torch.chunk(out_bf, 2, dim=-1)
>>> forward.shape, backward.shape
(torch.Size([3, 5, 8]), torch.Size([3, 5, 8]))
>>> by_direction = out_bf.unflatten(-1, (2, H))  # (N, L, D, H)
>>> torch.equal(by_direction[:, :, 0], forward), torch.equal(by_direction[:, :, 1], backward)
(True, True)
>>> torch.equal(forward[:, -1], h_bf[-2]), torch.equal(backward[:, 0], h_bf[-1])
(True, True)

# --8<-- [end:split-directions]

# --8<-- [start:time-major-view]
>>> try:
...     out_bf.view(L, N, 2, H)
... except RuntimeError as e:
...     print(e)
view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.
>>> scrambled = out_bf.reshape(L, N, 2, H)
>>> torch.equal(scrambled, out_tm.view(L, N, 2, H))
False
>>> torch.equal(out_bf.transpose(0, 1).view(L, N, 2, H), out_tm.view(L, N, 2, H))
True

# --8<-- [end:time-major-view]
"""
