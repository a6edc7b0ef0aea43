"""Examples for "Myths" (docs/myths.md, docs/myths.zh.md): each claim, rerun against torch.

# --8<-- [start:more-information-rows]
>>> import torch
>>> from torch import nn
>>> _ = torch.manual_seed(0)
>>> lstm = nn.LSTM(input_size=28, hidden_size=100, num_layers=2, batch_first=True)
>>> images = torch.rand(32, 28, 28)  # (N, L, H_in)
>>> lstm_out, (h_n, c_n) = lstm(images)
>>> h_n.shape
torch.Size([2, 32, 100])
>>> torch.equal(h_n[-1], lstm_out[:, -1])
True
>>> first = nn.LSTM(input_size=28, hidden_size=100, batch_first=True)
>>> first.load_state_dict({k: v for k, v in lstm.state_dict().items() if k.endswith("_l0")})
<All keys matched successfully>
>>> first_out, (first_h_n, _) = first(images)
>>> torch.testing.assert_close(first_h_n[0], h_n[0])

# --8<-- [end:more-information-rows]

# --8<-- [start:more-information-fix]
>>> fc = nn.Linear(100, 10)
>>> fc(h_n[-1]).shape
torch.Size([32, 10])
>>> feature_map = torch.cat([h_n[i, :, :] for i in range(h_n.shape[0])], dim=-1)
>>> fc_all_layers = nn.Linear(lstm.num_layers * lstm.hidden_size, 10)
>>> fc_all_layers(feature_map).shape
torch.Size([32, 10])

# --8<-- [end:more-information-fix]

# --8<-- [start:summing-rows]
>>> import torch
>>> from torch import nn
>>> _ = torch.manual_seed(0)
>>> x = torch.randn(3, 5, 4)  # (N, L, H_in)
>>> bi = nn.LSTM(input_size=4, hidden_size=8, batch_first=True, bidirectional=True)
>>> _, (h_n, _) = bi(x)
>>> torch.equal(h_n[0] + h_n[1], h_n[-2] + h_n[-1])
True
>>> bi2 = nn.LSTM(input_size=4, hidden_size=8, num_layers=2, batch_first=True,
...               bidirectional=True)
>>> _, (h_n2, _) = bi2(x)
>>> torch.allclose(h_n2[0] + h_n2[1], h_n2[-2] + h_n2[-1])
False
>>> layer0 = nn.LSTM(input_size=4, hidden_size=8, batch_first=True, bidirectional=True)
>>> layer1 = nn.LSTM(input_size=16, hidden_size=8, batch_first=True, bidirectional=True)
>>> state2 = bi2.state_dict()
>>> layer0.load_state_dict({k: v for k, v in state2.items() if "_l0" in k})
<All keys matched successfully>
>>> layer1.load_state_dict({k.replace("_l1", "_l0"): v for k, v in state2.items() if "_l1" in k})
<All keys matched successfully>
>>> out0, (h0_n, _) = layer0(x)
>>> _, (h1_n, _) = layer1(out0)
>>> torch.testing.assert_close(h_n2[0] + h_n2[1], h0_n[0] + h0_n[1])  # the first layer
>>> torch.testing.assert_close(h_n2[-2] + h_n2[-1], h1_n[0] + h1_n[1])  # the top layer

# --8<-- [end:summing-rows]

# --8<-- [start:summing-output]
>>> seq_first = nn.LSTM(input_size=4, hidden_size=8, bidirectional=True)  # batch_first=False
>>> output, (h_n, _) = seq_first(x.transpose(0, 1))  # (L, N, H_in)
>>> H = seq_first.hidden_size
>>> answer_sum = output[-1, :, :H] + output[-1, :, H:]
>>> rows_sum = h_n[-2] + h_n[-1]
>>> torch.allclose(answer_sum, rows_sum)
False
>>> torch.equal(output[-1, :, :H], h_n[-2]), torch.equal(output[0, :, H:], h_n[-1])
(True, True)
>>> torch.testing.assert_close(rows_sum, output[-1, :, :H] + output[0, :, H:])

# --8<-- [end:summing-output]

# --8<-- [start:weight-ih-blocks]
>>> _ = torch.manual_seed(0)
>>> blog = nn.LSTM(128, 50, num_layers=2, batch_first=True, bidirectional=True)
>>> out_blog, (h_blog, c_blog) = blog(torch.rand(8, 10, 128))
>>> out_blog.shape, h_blog.shape
(torch.Size([8, 10, 100]), torch.Size([4, 8, 50]))
>>> torch.equal(out_blog[:, -1, :50], h_blog[2]), torch.equal(out_blog[:, 0, 50:], h_blog[3])
(True, True)
>>> for name, p in blog.named_parameters():
...     if name.startswith("weight"):
...         print(name, tuple(p.shape))
weight_ih_l0 (200, 128)
weight_hh_l0 (200, 50)
weight_ih_l0_reverse (200, 128)
weight_hh_l0_reverse (200, 50)
weight_ih_l1 (200, 100)
weight_hh_l1 (200, 50)
weight_ih_l1_reverse (200, 100)
weight_hh_l1_reverse (200, 50)

# --8<-- [end:weight-ih-blocks]

# --8<-- [start:packed-output-indexing]
>>> import torch
>>> from torch import nn
>>> from torch.nn.utils.rnn import pack_sequence, pad_packed_sequence
>>> _ = torch.manual_seed(0)
>>> bi = nn.LSTM(input_size=4, hidden_size=8, bidirectional=True)
>>> seqs = [torch.randn(2, 4), torch.randn(5, 4), torch.randn(3, 4)]  # (L_i, H_in)
>>> output, (h_n, _) = bi(pack_sequence(seqs, enforce_sorted=False))
>>> output._fields
('data', 'batch_sizes', 'sorted_indices', 'unsorted_indices')
>>> output[-1] is output.unsorted_indices
True
>>> try:
...     output[-1, :, :8]
... except TypeError as e:
...     print(e)
tuple indices must be integers or slices, not tuple
>>> padded, lengths = pad_packed_sequence(output)  # (L_max, N, 2H)
>>> lengths
tensor([2, 5, 3])
>>> padded[-1].abs().amax(dim=1) == 0
tensor([ True, False,  True])
>>> answer_sum = padded[-1, :, :8] + padded[-1, :, 8:]
>>> torch.allclose(answer_sum, h_n[-2] + h_n[-1])
False
>>> last_forward = padded[lengths - 1, torch.arange(3), :8]
>>> torch.testing.assert_close(h_n[-2] + h_n[-1], last_forward + padded[0, :, 8:])

# --8<-- [end:packed-output-indexing]

# --8<-- [start:no-fixed-length]
>>> from torch.nn.utils.rnn import pad_sequence
>>> lstm = nn.LSTM(input_size=4, hidden_size=8, batch_first=True)
>>> padded = pad_sequence(seqs, batch_first=True)  # (N, L_max, H_in)
>>> packed = pack_sequence(seqs, enforce_sorted=False)
>>> packed.data.shape[0], sum(len(s) for s in seqs), padded.shape[0] * padded.shape[1]
(10, 10, 15)
>>> round_trip, _ = pad_packed_sequence(packed, batch_first=True)
>>> torch.equal(round_trip, padded)
True
>>> lstm(packed)[0].data.shape
torch.Size([10, 8])
>>> other = pack_sequence([torch.randn(9, 4), torch.randn(1, 4)])
>>> other.batch_sizes
tensor([2, 1, 1, 1, 1, 1, 1, 1, 1])
>>> lstm(other)[0].data.shape
torch.Size([10, 8])

# --8<-- [end:no-fixed-length]

# --8<-- [start:batch-first-same-numbers]
>>> import torch
>>> from torch import nn
>>> _ = torch.manual_seed(0)
>>> bf = nn.LSTM(input_size=4, hidden_size=8, batch_first=True)
>>> tm = nn.LSTM(input_size=4, hidden_size=8)  # batch_first=False, the default
>>> tm.load_state_dict(bf.state_dict())
<All keys matched successfully>
>>> x = torch.randn(3, 5, 4)  # (N, L, H_in)
>>> out_bf, (h_bf, c_bf) = bf(x)
>>> out_tm, (h_tm, c_tm) = tm(x.transpose(0, 1))  # (L, N, H_in)
>>> torch.equal(out_bf, out_tm.transpose(0, 1)), torch.equal(h_bf, h_tm), torch.equal(c_bf, c_tm)
(True, True, True)

# --8<-- [end:batch-first-same-numbers]

# --8<-- [start:input-gate]
>>> import torch
>>> from torch import nn
>>> _ = torch.manual_seed(0)
>>> cell = nn.LSTMCell(input_size=4, hidden_size=8)
>>> x, h0, c0 = torch.randn(3, 4), torch.randn(3, 8), torch.randn(3, 8)
>>> gates = x @ cell.weight_ih.T + cell.bias_ih + h0 @ cell.weight_hh.T + cell.bias_hh
>>> i, f, g, o = gates.chunk(4, dim=1)
>>> i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
>>> i.shape, x.shape
(torch.Size([3, 8]), torch.Size([3, 4]))
>>> try:
...     i * x
... except RuntimeError as e:
...     print(e)
The size of tensor a (8) must match the size of tensor b (4) at non-singleton dimension 1
>>> h_1, c_1 = cell(x, (h0, c0))
>>> torch.testing.assert_close(c_1, f * c0 + i * g)

# --8<-- [end:input-gate]

# --8<-- [start:output-gate]
>>> torch.testing.assert_close(h_1, o * torch.tanh(c_1))
>>> h_other, _ = cell(x, (h0, c0 + 1))
>>> torch.allclose(h_other, h_1)
False

# --8<-- [end:output-gate]

# --8<-- [start:forget-gate-gradient]
>>> c0 = torch.randn(3, 8, requires_grad=True)
>>> h_1, c_1 = cell(x, (h0, c0))
>>> (grad,) = torch.autograd.grad(c_1.sum(), c0)
>>> torch.testing.assert_close(grad, f)

# --8<-- [end:forget-gate-gradient]

# --8<-- [start:long-sequence]
>>> def first_to_last(model: nn.Module, xs: torch.Tensor) -> float:
...     xs = xs.clone().requires_grad_()
...     output, _ = model(xs)
...     output[:, -1].sum().backward()
...     norms = xs.grad[0].norm(dim=1)
...     return (norms[0] / norms[-1]).item()
>>> long = torch.randn(1, 100, 4)  # (1, L, H_in)
>>> rnn = nn.RNN(input_size=4, hidden_size=16, batch_first=True)
>>> lstm = nn.LSTM(input_size=4, hidden_size=16, batch_first=True)
>>> first_to_last(rnn, long) < 1e-8, first_to_last(lstm, long) < 1e-8
(True, True)
>>> with torch.no_grad():
...     lstm.bias_ih_l0[16:32] += 3.0
>>> first_to_last(lstm, long) > 1e-5
True

# --8<-- [end:long-sequence]
"""
