"""Examples for "Pitfalls: inputs, outputs and states" (docs/pitfalls.md, docs/pitfalls.zh.md).

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
"""
