"""Examples for "Pitfalls: packing, parameters and training" (docs/pitfalls-packing-and-training.md, .zh.md).

# --8<-- [start:padding-without-packing]
>>> import torch
>>> from torch import nn
>>> from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence
>>> _ = torch.manual_seed(0)
>>> xs = torch.randn(3, 5, 4)  # (N, L, H_in)
>>> bi1 = nn.LSTM(input_size=4, hidden_size=6, batch_first=True, bidirectional=True)
>>> uni = nn.LSTM(input_size=4, hidden_size=6, batch_first=True)
>>> seqs = [torch.randn(5, 4), torch.randn(2, 4)]
>>> padded = pad_sequence(seqs, batch_first=True)  # (N, L_max, H_in)
>>> padded.shape
torch.Size([2, 5, 4])
>>> _, (h_alone, _) = uni(seqs[1].unsqueeze(0))
>>> output, (h_n, c_n) = uni(padded)
>>> torch.allclose(h_n[-1, 1], h_alone[-1, 0])
False
>>> bool(output[1, 2:].abs().sum() > 0)
True
>>> packed = pack_padded_sequence(padded, [5, 2], batch_first=True)
>>> packed_output, (h_n, c_n) = uni(packed)
>>> torch.testing.assert_close(h_n[-1, 1], h_alone[-1, 0])
>>> output, lengths = pad_packed_sequence(packed_output, batch_first=True)
>>> output[1, 2:].abs().sum().item()
0.0

# --8<-- [end:padding-without-packing]

# --8<-- [start:packing-does-not-pad]
>>> packed.data.shape  # (sum(lengths), H_in)
torch.Size([7, 4])
>>> packed.batch_sizes
tensor([2, 2, 1, 1, 1])
>>> unpacked, lengths = pad_packed_sequence(packed, batch_first=True)
>>> torch.equal(unpacked, padded), lengths
(True, tensor([5, 2]))

# --8<-- [end:packing-does-not-pad]

# --8<-- [start:indexing-packed-output]
>>> from torch.nn.utils.rnn import pack_sequence
>>> bi1_packed = pack_sequence(seqs)
>>> packed_output, (h_n, c_n) = bi1(bi1_packed)
>>> packed_output._fields
('data', 'batch_sizes', 'sorted_indices', 'unsorted_indices')
>>> print(packed_output[-1])
None
>>> try:
...     packed_output[-1, :, :6]
... except TypeError as e:
...     print(e)
tuple indices must be integers or slices, not tuple
>>> output, lengths = pad_packed_sequence(packed_output)  # (L, N, 2*H)
>>> output[-1, 1].abs().sum().item()
0.0
>>> torch.equal(output[-1, 0, 6:], h_n[-1, 0])
False
>>> forward_last = output[lengths - 1, torch.arange(2), :6]
>>> torch.equal(forward_last, h_n[-2]), torch.equal(output[0, :, 6:], h_n[-1])
(True, True)

# --8<-- [end:indexing-packed-output]

# --8<-- [start:enforce-sorted]
>>> padded = pad_sequence([torch.randn(2, 4), torch.randn(5, 4), torch.randn(3, 4)],
...                       batch_first=True)
>>> lengths = [2, 5, 3]
>>> try:
...     pack_padded_sequence(padded, lengths, batch_first=True)
... except RuntimeError as e:
...     print(e)
`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.
>>> packed = pack_padded_sequence(padded, lengths, batch_first=True, enforce_sorted=False)
>>> packed.sorted_indices, packed.unsorted_indices
(tensor([1, 2, 0]), tensor([2, 0, 1]))

# --8<-- [end:enforce-sorted]

# --8<-- [start:do-not-re-sort]
>>> _, (h_n, c_n) = uni(packed)
>>> for i, length in enumerate(lengths):
...     _, (h_i, _) = uni(padded[i : i + 1, :length])
...     torch.testing.assert_close(h_n[-1, i], h_i[-1, 0])
>>> re_sorted = h_n[-1][packed.unsorted_indices]
>>> torch.allclose(re_sorted[0], h_n[-1, 0])
False

# --8<-- [end:do-not-re-sort]

# --8<-- [start:zero-length]
>>> lengths = torch.tensor([2, 0, 3])
>>> try:
...     pack_padded_sequence(padded, lengths, batch_first=True, enforce_sorted=False)
... except RuntimeError as e:
...     print(e)
Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0
>>> keep = lengths > 0
>>> packed = pack_padded_sequence(padded[keep], lengths[keep], batch_first=True,
...                               enforce_sorted=False)
>>> _, (h_n, c_n) = uni(packed)
>>> h_n.shape
torch.Size([1, 2, 6])

# --8<-- [end:zero-length]

# --8<-- [start:total-length]
>>> padded = torch.randn(2, 8, 4)  # (N, L=8, H_in)
>>> packed = pack_padded_sequence(padded, [5, 3], batch_first=True)
>>> output, _ = pad_packed_sequence(uni(packed)[0], batch_first=True)
>>> output.shape
torch.Size([2, 5, 6])
>>> output, _ = pad_packed_sequence(uni(packed)[0], batch_first=True, total_length=8)
>>> output.shape
torch.Size([2, 8, 6])

# --8<-- [end:total-length]

# --8<-- [start:lengths-type]
>>> as_list = pack_padded_sequence(padded, [5, 3], batch_first=True)
>>> as_int32 = pack_padded_sequence(padded, torch.tensor([5, 3], dtype=torch.int32),
...                                 batch_first=True)
>>> torch.equal(as_list.data, as_int32.data)
True
>>> as_int32.batch_sizes.dtype, as_int32.batch_sizes.device
(torch.int64, device(type='cpu'))

# --8<-- [end:lengths-type]

# --8<-- [start:dropout-one-layer]
>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     one_layer = nn.LSTM(input_size=4, hidden_size=6, dropout=0.5, batch_first=True)
>>> print(caught[0].message)
dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects num_layers greater than 1, but got dropout=0.5 and num_layers=1
>>> one_layer.training
True
>>> torch.equal(one_layer(xs)[0], one_layer(xs)[0])
True
>>> two_layers = nn.LSTM(input_size=4, hidden_size=6, num_layers=2, dropout=0.5,
...                      batch_first=True)
>>> torch.equal(two_layers(xs)[0], two_layers(xs)[0])
False
>>> dropout = nn.Dropout(0.5)
>>> torch.equal(dropout(one_layer(xs)[0]), dropout(one_layer(xs)[0]))
False

# --8<-- [end:dropout-one-layer]

# --8<-- [start:proj-size]
>>> proj = nn.LSTM(input_size=4, hidden_size=6, proj_size=3, batch_first=True)
>>> output, (h_n, c_n) = proj(xs)
>>> output.shape, h_n.shape, c_n.shape
(torch.Size([3, 5, 3]), torch.Size([1, 3, 3]), torch.Size([1, 3, 6]))
>>> try:
...     nn.LSTM(input_size=4, hidden_size=6, proj_size=6)
... except ValueError as e:
...     print(e)
proj_size has to be smaller than hidden_size

# --8<-- [end:proj-size]

# --8<-- [start:gpu-method]
>>> predict = torch.zeros(1)
>>> try:
...     predict.gpu()
... except AttributeError as e:
...     print(e)
'Tensor' object has no attribute 'gpu'
>>> hasattr(predict, "cuda"), hasattr(predict, "to")
(True, True)
>>> device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
>>> predict.to(device).device.type == device.type
True

# --8<-- [end:gpu-method]

# --8<-- [start:detach-state]
>>> stream = torch.randn(3, 10, 4)
>>> optimizer = torch.optim.SGD(uni.parameters(), lr=0.01)
>>> state = None
>>> try:
...     for chunk in stream.split(5, dim=1):
...         output, state = uni(chunk, state)
...         output.sum().backward()
... except RuntimeError as e:
...     print(str(e).split(" (")[0])
Trying to backward through the graph a second time
>>> state = None
>>> for chunk in stream.split(5, dim=1):
...     if state is not None:
...         state = tuple(s.detach() for s in state)
...     optimizer.zero_grad()
...     output, state = uni(chunk, state)
...     output.sum().backward()
...     optimizer.step()

# --8<-- [end:detach-state]

# --8<-- [start:softmax-cross-entropy]
>>> logits = torch.tensor([[10.0, -10.0]])
>>> target = torch.tensor([0])
>>> loss_fn = nn.CrossEntropyLoss()
>>> round(loss_fn(logits, target).item(), 4)
0.0
>>> round(loss_fn(logits.softmax(dim=-1), target).item(), 4)
0.3133
>>> torch.testing.assert_close(loss_fn(logits, target), -logits.log_softmax(dim=-1)[0, 0])

# --8<-- [end:softmax-cross-entropy]

# --8<-- [start:weight-shapes]
>>> stacked = nn.LSTM(input_size=128, hidden_size=50, num_layers=2, bidirectional=True)
>>> for name, p in stacked.named_parameters():
...     print(name, tuple(p.shape))
weight_ih_l0 (200, 128)
weight_hh_l0 (200, 50)
bias_ih_l0 (200,)
bias_hh_l0 (200,)
weight_ih_l0_reverse (200, 128)
weight_hh_l0_reverse (200, 50)
bias_ih_l0_reverse (200,)
bias_hh_l0_reverse (200,)
weight_ih_l1 (200, 100)
weight_hh_l1 (200, 50)
bias_ih_l1 (200,)
bias_hh_l1 (200,)
weight_ih_l1_reverse (200, 100)
weight_hh_l1_reverse (200, 50)
bias_ih_l1_reverse (200,)
bias_hh_l1_reverse (200,)
>>> W_ii, W_if, W_ig, W_io = stacked.weight_ih_l0.chunk(4, dim=0)
>>> W_ii.shape
torch.Size([50, 128])

# --8<-- [end:weight-shapes]

# --8<-- [start:gates]
>>> cell = nn.LSTMCell(input_size=4, hidden_size=6)
>>> x_t, h, c = torch.randn(3, 4), torch.randn(3, 6), torch.randn(3, 6)
>>> gates = x_t @ cell.weight_ih.T + cell.bias_ih + h @ cell.weight_hh.T + cell.bias_hh
>>> i, f, g, o = gates.chunk(4, dim=1)
>>> i, f, g, o = i.sigmoid(), f.sigmoid(), g.tanh(), o.sigmoid()
>>> c_next = f * c + i * g
>>> h_next = o * torch.tanh(c_next)
>>> h_1, c_1 = cell(x_t, (h, c))
>>> torch.testing.assert_close(c_1, c_next)
>>> torch.testing.assert_close(h_1, h_next)

# --8<-- [end:gates]

# --8<-- [start:vanishing-gradients]
>>> _ = torch.manual_seed(0)
>>> long_lstm = nn.LSTM(input_size=4, hidden_size=8)
>>> long_x = torch.randn(300, 1, 4, requires_grad=True)  # (L, N, H_in)
>>> output, _ = long_lstm(long_x)
>>> output[-1].sum().backward()
>>> grad_per_step = long_x.grad.abs().sum(dim=(1, 2))
>>> bool(grad_per_step[-1] > 1e-2), bool(grad_per_step[-50] < 1e-6)
(True, True)
>>> grad_per_step[0].item()
0.0
>>> with torch.no_grad():
...     long_lstm.bias_ih_l0[8:16] = 5.0  # f: rows H..2H
>>> long_x.grad = None
>>> output, _ = long_lstm(long_x)
>>> output[-1].sum().backward()
>>> grad_per_step = long_x.grad.abs().sum(dim=(1, 2))
>>> bool(grad_per_step[-50] > 1e-5), bool(grad_per_step[0] > 0)
(True, True)

# --8<-- [end:vanishing-gradients]
"""
