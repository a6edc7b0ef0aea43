"""Examples for "LSTM on the GPU" (docs/gpu.md, .zh.md) that need a CUDA GPU.

They live apart from snippets/gpu.py because sybil runs every example in that module on every
machine. These run where CUDA is: tests/test_gpu.py (marked `cuda`) and `bash .ci/gpu`, which
records the run in .ci/gpu-record.json for the page.

# --8<-- [start:lengths-cuda]
>>> import torch
>>> from torch.nn.utils.rnn import pack_padded_sequence
>>> x = torch.randn(3, 5, 4, device="cuda")
>>> lengths = torch.tensor([5, 3, 2], device="cuda")
>>> try:
...     pack_padded_sequence(x, lengths, batch_first=True)
... except RuntimeError as e:
...     print(e)
'lengths' argument should be a 1D CPU int64 tensor, but got 1D cuda:0 Long tensor
>>> packed = pack_padded_sequence(x, lengths.cpu(), batch_first=True)
>>> packed.data.device, packed.batch_sizes.device
(device(type='cuda', index=0), device(type='cpu'))

# --8<-- [end:lengths-cuda]

# --8<-- [start:determinism-cuda]
>>> import torch
>>> from torch import nn
>>> _ = torch.manual_seed(0)
>>> lstm = nn.LSTM(input_size=4, hidden_size=6, num_layers=2, dropout=0.5, batch_first=True)
>>> lstm = lstm.cuda()
>>> xs = torch.randn(3, 5, 4, device="cuda")
>>> torch.equal(lstm(xs)[0], lstm(xs)[0])
False
>>> _ = torch.manual_seed(1)
>>> first, _ = lstm(xs)
>>> _ = torch.manual_seed(1)
>>> second, _ = lstm(xs)
>>> torch.equal(first, second)
True
>>> torch.backends.cudnn.deterministic = True
>>> grads = []
>>> for attempt in range(2):
...     _ = torch.manual_seed(1)
...     lstm.zero_grad()
...     lstm(xs)[0].sum().backward()
...     grads.append(lstm.weight_hh_l0.grad.clone())
>>> torch.equal(grads[0], grads[1])
True
>>> torch.backends.cudnn.deterministic = False

# --8<-- [end:determinism-cuda]

# --8<-- [start:flatten-cuda]
>>> import warnings
>>> import torch
>>> from torch import nn
>>> lstm = nn.LSTM(input_size=4, hidden_size=6, batch_first=True).cuda()
>>> xs = torch.randn(3, 5, 4, device="cuda")
>>> with torch.no_grad():
...     _ = lstm.weight_hh_l0.set_(lstm.weight_hh_l0.clone())
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     output, _ = lstm(xs)
>>> print(caught[0].message)
RNN module weights are not part of single contiguous chunk of memory. This means they need to be compacted at every call, possibly greatly increasing memory usage. To compact weights again call flatten_parameters().
>>> lstm.flatten_parameters()
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     output, _ = lstm(xs)
>>> len(caught)
0

# --8<-- [end:flatten-cuda]

# --8<-- [start:eval-backward-cuda]
>>> import torch
>>> from torch import nn
>>> lstm = nn.LSTM(input_size=4, hidden_size=6, batch_first=True).cuda()
>>> xs = torch.randn(3, 5, 4, device="cuda")
>>> _ = lstm.eval()
>>> try:
...     lstm(xs)[0].sum().backward()
... except RuntimeError as e:
...     print(e)
cudnn RNN backward can only be called in training mode
>>> with torch.backends.cudnn.flags(enabled=False):
...     lstm(xs)[0].sum().backward()
>>> _ = lstm.train()
>>> lstm(xs)[0].sum().backward()

# --8<-- [end:eval-backward-cuda]

# --8<-- [start:cpu-vs-cuda]
>>> import torch
>>> from torch import nn
>>> _ = torch.manual_seed(0)
>>> lstm = nn.LSTM(input_size=4, hidden_size=6, num_layers=2, batch_first=True)
>>> xs = torch.randn(3, 5, 4)
>>> on_cpu, _ = lstm(xs)
>>> with torch.backends.cudnn.flags(enabled=True, allow_tf32=False):
...     on_gpu, _ = lstm.cuda()(xs.cuda())
>>> torch.equal(on_gpu.cpu(), on_cpu)
False
>>> torch.testing.assert_close(on_gpu.cpu(), on_cpu)

# --8<-- [end:cpu-vs-cuda]

# --8<-- [start:autocast-cuda]
>>> import torch
>>> from torch import nn
>>> lstm = nn.LSTM(input_size=4, hidden_size=6, batch_first=True).cuda()
>>> xs = torch.randn(3, 5, 4, device="cuda")
>>> h_0 = torch.zeros(1, 3, 6, device="cuda")
>>> with torch.autocast("cuda", dtype=torch.float16):
...     output, (h_n, c_n) = lstm(xs, (h_0, h_0.clone()))
>>> output.dtype, h_n.dtype, c_n.dtype
(torch.float16, torch.float16, torch.float16)
>>> h_0.dtype, lstm.weight_ih_l0.dtype
(torch.float32, torch.float32)

# --8<-- [end:autocast-cuda]
"""
