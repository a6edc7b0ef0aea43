"""Examples for "LSTM on the GPU" (docs/gpu.md, .zh.md) that run without a GPU.

The examples that need CUDA are in snippets/gpu_cuda.py.

# --8<-- [start:lengths-meta]
>>> import torch
>>> from torch.nn.utils.rnn import pack_padded_sequence
>>> x = torch.randn(3, 5, 4, device="meta")  # (N, L, H_in): shapes, no values
>>> lengths = torch.tensor([5, 3, 2], device="meta")
>>> try:
...     pack_padded_sequence(x, lengths, batch_first=True)
... except RuntimeError as e:
...     print(e)
'lengths' argument should be a 1D CPU int64 tensor, but got 1D meta Long tensor
>>> packed = pack_padded_sequence(x, torch.tensor([5, 3, 2]), batch_first=True)
>>> packed.data.device, packed.batch_sizes.device
(device(type='meta'), device(type='cpu'))

# --8<-- [end:lengths-meta]

# --8<-- [start:determinism-cpu]
>>> import torch
>>> from torch import nn
>>> _ = torch.manual_seed(0)
>>> lstm = nn.LSTM(input_size=4, hidden_size=6, num_layers=2, dropout=0.5, batch_first=True)
>>> xs = torch.randn(3, 5, 4)
>>> torch.equal(lstm(xs)[0], lstm(xs)[0])
False
>>> _ = torch.manual_seed(1)
>>> first, _ = lstm(xs)
>>> _ = torch.manual_seed(1)
>>> second, _ = lstm(xs)
>>> torch.equal(first, second)
True
>>> _ = lstm.eval()
>>> torch.equal(lstm(xs)[0], lstm(xs)[0])
True
>>> torch.backends.cudnn.deterministic, torch.are_deterministic_algorithms_enabled()
(False, False)

# --8<-- [end:determinism-cpu]

# --8<-- [start:flatten-cpu]
>>> import warnings
>>> import torch
>>> from torch import nn
>>> lstm = nn.LSTM(input_size=4, hidden_size=6, batch_first=True)
>>> xs = torch.randn(3, 5, 4)
>>> with torch.no_grad():
...     _ = lstm.weight_hh_l0.set_(lstm.weight_hh_l0.clone())
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     output, _ = lstm(xs)
>>> len(caught)
0
>>> lstm.flatten_parameters()

# --8<-- [end:flatten-cpu]

# --8<-- [start:eval-backward-cpu]
>>> import torch
>>> from torch import nn
>>> lstm = nn.LSTM(input_size=4, hidden_size=6, batch_first=True)
>>> xs = torch.randn(3, 5, 4)
>>> _ = lstm.eval()
>>> output, _ = lstm(xs)
>>> output.sum().backward()
>>> lstm.weight_hh_l0.grad.shape
torch.Size([24, 6])

# --8<-- [end:eval-backward-cpu]

# --8<-- [start:autocast-cpu]
>>> import torch
>>> from torch import nn
>>> lstm = nn.LSTM(input_size=4, hidden_size=6, batch_first=True)
>>> xs = torch.randn(3, 5, 4)
>>> h_0 = torch.zeros(1, 3, 6)
>>> with torch.autocast("cpu", dtype=torch.bfloat16):
...     output, (h_n, c_n) = lstm(xs, (h_0, h_0.clone()))
>>> output.dtype, h_n.dtype, c_n.dtype
(torch.bfloat16, torch.bfloat16, torch.bfloat16)
>>> h_0.dtype, lstm.weight_ih_l0.dtype
(torch.float32, torch.float32)

# --8<-- [end:autocast-cpu]
"""
