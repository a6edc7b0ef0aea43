"""Examples for "Pitfalls and FAQ" (docs/pitfalls.md, docs/pitfalls.zh.md).

# --8<-- [start:input-size]
>>> import torch
>>> from torch import nn
>>> _ = torch.manual_seed(0)
>>> lstm = nn.LSTM(input_size=28, hidden_size=100, batch_first=True)
>>> images = torch.randn(32, 28, 28)  # (N, L, H_in)
>>> output, (h_n, c_n) = lstm(images)
>>> output.shape
torch.Size([32, 28, 100])
>>> try:
...     lstm(torch.randn(32, 28, 10))
... except RuntimeError as e:
...     print(e)
input.size(-1) must be equal to input_size. Expected 28, got 10

# --8<-- [end:input-size]

# --8<-- [start:seq-len]
>>> output, (h_n, c_n) = lstm(torch.randn(32, 10, 28))
>>> output.shape, h_n.shape
(torch.Size([32, 10, 100]), torch.Size([1, 32, 100]))
>>> output, (h_n, c_n) = lstm(torch.randn(32, 500, 28))
>>> output.shape, h_n.shape
(torch.Size([32, 500, 100]), torch.Size([1, 32, 100]))

# --8<-- [end:seq-len]

# --8<-- [start:unbatched]
>>> rows = torch.randn(3, 28)
>>> output, (h_n, c_n) = lstm(rows)
>>> output.shape, h_n.shape
(torch.Size([3, 100]), torch.Size([1, 100]))
>>> changed = rows.clone()
>>> changed[0] += 1
>>> torch.allclose(lstm(changed)[0][2], output[2])
False
>>> output, _ = lstm(rows.unsqueeze(1))  # (N, L=1, H_in)
>>> output.shape
torch.Size([3, 1, 100])
>>> torch.testing.assert_close(lstm(changed.unsqueeze(1))[0][2], output[2])

# --8<-- [end:unbatched]

# --8<-- [start:dtype]
>>> import numpy as np
>>> array = np.random.default_rng(0).normal(size=(32, 28, 28))
>>> array.dtype
dtype('float64')
>>> try:
...     lstm(torch.from_numpy(array))
... except ValueError as e:
...     print(e)
RNN input dtype (torch.float64) does not match weight dtype (torch.float32). Convert input: input.to(torch.float32), or convert model: model.to(torch.float64)
>>> output, _ = lstm(torch.from_numpy(array).float())
>>> output.dtype
torch.float32
>>> tokens = torch.randint(0, 1000, (32, 20))  # (N, L)
>>> try:
...     lstm(tokens)
... except ValueError as e:
...     print(e)
RNN input dtype (torch.int64) does not match weight dtype (torch.float32). Convert input: input.to(torch.float32), or convert model: model.to(torch.int64)
>>> try:
...     nn.LSTM(input_size=28, hidden_size=100).to(torch.int64)
... except TypeError as e:
...     print(e)
nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=torch.int64
>>> embedding = nn.Embedding(num_embeddings=1000, embedding_dim=28)
>>> output, _ = lstm(embedding(tokens))  # (N, L, 28)
>>> output.shape
torch.Size([32, 20, 100])

# --8<-- [end:dtype]

# --8<-- [start:hx-tuple]
>>> x = torch.randn(32, 28, 28)
>>> h_0 = torch.zeros(1, 32, 100)
>>> try:
...     lstm(x, h_0)
... except IndexError as e:
...     print(e)
index 1 is out of bounds for dimension 0 with size 1
>>> lstm2 = nn.LSTM(input_size=28, hidden_size=100, num_layers=2, batch_first=True)
>>> try:
...     lstm2(x, torch.zeros(2, 32, 100))
... except RuntimeError as e:
...     print(e)
For batched 3-D input, hx and cx should also be 3-D but got (2-D, 2-D) tensors
>>> c_0 = torch.zeros(1, 32, 100)
>>> output, (h_n, c_n) = lstm(x, (h_0, c_0))
>>> output.shape
torch.Size([32, 28, 100])

# --8<-- [end:hx-tuple]

# --8<-- [start:h0-batch-first]
>>> bilstm = nn.LSTM(input_size=28, hidden_size=100, num_layers=2, batch_first=True,
...                  bidirectional=True)
>>> h_0 = torch.zeros(32, 4, 100)  # (N, D*num_layers, H)
>>> try:
...     bilstm(x, (h_0, h_0))
... except RuntimeError as e:
...     print(e)
Expected hidden[0] size (4, 32, 100), got [32, 4, 100]
>>> h_0 = torch.zeros(4, 32, 100)  # (D*num_layers, N, H)
>>> output, (h_n, c_n) = bilstm(x, (h_0, h_0))
>>> h_n.shape
torch.Size([4, 32, 100])
>>> default_output, _ = bilstm(x)
>>> torch.testing.assert_close(default_output, output)

# --8<-- [end:h0-batch-first]

# --8<-- [start:batch-first]
>>> time_major = nn.LSTM(input_size=28, hidden_size=100)
>>> time_major.load_state_dict(lstm.state_dict())
<All keys matched successfully>
>>> out_bf, (h_bf, c_bf) = lstm(x)  # x: (N, L, H_in)
>>> out_tm, (h_tm, c_tm) = time_major(x.transpose(0, 1))  # (L, N, H_in)
>>> torch.testing.assert_close(out_bf, out_tm.transpose(0, 1))
>>> torch.testing.assert_close(h_bf, h_tm)

# --8<-- [end:batch-first]

# --8<-- [start:sequential]
>>> model = nn.Sequential(nn.LSTM(28, 100, batch_first=True), nn.Linear(100, 10))
>>> try:
...     model(x)
... except TypeError as e:
...     print(e)
linear(): argument 'input' (position 1) must be Tensor, not tuple
>>> class LastStep(nn.Module):
...     def forward(self, lstm_result: tuple) -> torch.Tensor:
...         output, (h_n, c_n) = lstm_result
...         return h_n[-1]
>>> model = nn.Sequential(nn.LSTM(28, 100, batch_first=True), LastStep(), nn.Linear(100, 10))
>>> model(x).shape
torch.Size([32, 10])

# --8<-- [end:sequential]

# --8<-- [start:gru-unpack]
>>> gru = nn.GRU(input_size=28, hidden_size=100, batch_first=True)
>>> try:
...     output, (h_n, c_n) = gru(x)
... except ValueError as e:
...     print(e)
not enough values to unpack (expected 2, got 1)
>>> gru2 = nn.GRU(input_size=28, hidden_size=100, num_layers=2, batch_first=True)
>>> output, (h, c) = gru2(x)
>>> h.shape, c.shape
(torch.Size([32, 100]), torch.Size([32, 100]))
>>> output, h_n = gru2(x)
>>> h_n.shape
torch.Size([2, 32, 100])
>>> torch.equal(h, h_n[0]), torch.equal(c, h_n[1]), torch.equal(c, output[:, -1])
(True, True, True)

# --8<-- [end:gru-unpack]

# --8<-- [start:bidirectional-rows]
>>> _ = torch.manual_seed(0)
>>> bi = nn.LSTM(input_size=4, hidden_size=6, num_layers=2, batch_first=True,
...              bidirectional=True)
>>> xs = torch.randn(3, 5, 4)
>>> output, (h_n, c_n) = bi(xs)
>>> h_n.shape
torch.Size([4, 3, 6])
>>> torch.equal(h_n[0], output[:, -1, :6]), torch.equal(h_n[1], output[:, 0, 6:])
(False, False)
>>> torch.equal(h_n[-2], output[:, -1, :6]), torch.equal(h_n[-1], output[:, 0, 6:])
(True, True)
>>> layers = h_n.view(2, 2, 3, 6)  # (num_layers, D, N, H)
>>> torch.equal(layers[-1, 0], h_n[-2]), torch.equal(layers[-1, 1], h_n[-1])
(True, True)
>>> features = torch.cat([h_n[-2], h_n[-1]], dim=1)
>>> features.shape
torch.Size([3, 12])

# --8<-- [end:bidirectional-rows]

# --8<-- [start:all-layers-linear]
>>> _ = torch.manual_seed(0)
>>> lstm2 = nn.LSTM(input_size=28, hidden_size=100, num_layers=2, batch_first=True)
>>> fc = nn.Linear(100, 10)
>>> output, (h_n, c_n) = lstm2(images)
>>> feature_map = torch.cat([h_n[i, :, :] for i in range(h_n.shape[0])], dim=-1)
>>> feature_map.shape
torch.Size([32, 200])
>>> try:
...     fc(feature_map)
... except RuntimeError as e:
...     print(e)
mat1 and mat2 shapes cannot be multiplied (32x200 and 100x10)
>>> fc(h_n[-1]).shape
torch.Size([32, 10])
>>> torch.equal(h_n[-1], output[:, -1])
True

# --8<-- [end:all-layers-linear]

# --8<-- [start:bidirectional-last-step]
>>> bi1 = nn.LSTM(input_size=4, hidden_size=6, batch_first=True, bidirectional=True)
>>> output, (h_n, c_n) = bi1(xs)
>>> other = xs.clone()
>>> other[:, :-1] = torch.randn(3, 4, 4)
>>> other_output, _ = bi1(other)
>>> torch.equal(other_output[:, -1, 6:], output[:, -1, 6:])
True
>>> torch.equal(h_n[-1], output[:, 0, 6:])
True
>>> features = torch.cat([h_n[-2], h_n[-1]], dim=1)
>>> torch.equal(features, torch.cat([output[:, -1, :6], output[:, 0, 6:]], dim=1))
True

# --8<-- [end:bidirectional-last-step]

# --8<-- [start:view-batch-first]
>>> output, _ = bi1(xs)  # (N, L, 2*H)
>>> output.is_contiguous()
False
>>> try:
...     output.view(-1, 12)
... except RuntimeError as e:
...     print(e)
view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.
>>> output.reshape(-1, 12).shape
torch.Size([15, 12])
>>> directions = output.unflatten(-1, (2, 6))  # (N, L, D, H)
>>> forward, backward = output.chunk(2, dim=-1)
>>> torch.equal(directions[:, :, 0], forward), torch.equal(directions[:, :, 1], backward)
(True, True)
>>> scrambled = output.reshape(5, 3, 2, 6)  # (L, N, D, H)?
>>> torch.equal(scrambled[:, :, 0], forward.transpose(0, 1))
False

# --8<-- [end:view-batch-first]

# --8<-- [start:float-equality]
>>> a, b, c = torch.tensor(1e8), torch.tensor(-1e8), torch.tensor(1.0)
>>> ((a + b) + c).item(), (a + (b + c)).item()
(1.0, 0.0)
>>> expected = torch.tensor([1e-3, 0.0])
>>> actual = expected + 5e-8
>>> torch.allclose(actual, expected)
False
>>> torch.testing.assert_close(actual, expected)
>>> cell = nn.LSTMCell(input_size=4, hidden_size=6)
>>> loop_lstm = nn.LSTM(input_size=4, hidden_size=6, batch_first=True)
>>> loop_lstm.load_state_dict({k + "_l0": v for k, v in cell.state_dict().items()})
<All keys matched successfully>
>>> h, c = torch.zeros(3, 6), torch.zeros(3, 6)
>>> steps = []
>>> for t in range(5):
...     h, c = cell(xs[:, t], (h, c))
...     steps.append(h)
>>> torch.testing.assert_close(torch.stack(steps, dim=1), loop_lstm(xs)[0])

# --8<-- [end:float-equality]

# --8<-- [start:padding-without-packing]
>>> from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence
>>> _ = torch.manual_seed(0)
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
