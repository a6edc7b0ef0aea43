"""Examples for "Variable-length batches" (docs/packed-sequences.md, docs/packed-sequences.zh.md).

# --8<-- [start:pad-sequence]
>>> import torch
>>> from torch import nn
>>> from torch.nn.utils.rnn import (
...     pack_padded_sequence,
...     pack_sequence,
...     pad_packed_sequence,
...     pad_sequence,
... )
>>> _ = torch.manual_seed(0)
>>> seqs = [torch.randn(2, 4), torch.randn(5, 4), torch.randn(3, 4)]  # (L_i, H_in)
>>> lengths = torch.tensor([len(s) for s in seqs])
>>> lengths
tensor([2, 5, 3])
>>> padded = pad_sequence(seqs, batch_first=True)  # (N, L_max, H_in)
>>> padded.shape
torch.Size([3, 5, 4])
>>> padded[0, 2:].abs().sum().item()
0.0
>>> filled_in = pad_sequence(seqs, batch_first=True, padding_value=-1.0)
>>> bool((filled_in[0, 2:] == -1).all()), torch.equal(filled_in[0, :2], seqs[0])
(True, True)

# --8<-- [end:pad-sequence]

# --8<-- [start:enforce-sorted]
>>> try:
...     pack_padded_sequence(padded, lengths, batch_first=True)
... except RuntimeError as e:
...     print(e)
`lengths` array must be sorted in decreasing order when `enforce_sorted` is True.
You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence
to sidestep this requirement if you do not need ONNX exportability.
>>> packed = pack_padded_sequence(padded, lengths, batch_first=True, enforce_sorted=False)
>>> type(packed).__name__
'PackedSequence'

# --8<-- [end:enforce-sorted]

# --8<-- [start:pack-sequence]
>>> torch.equal(pack_sequence(seqs, enforce_sorted=False).data, packed.data)
True
>>> by_length = sorted(seqs, key=len, reverse=True)
>>> print(pack_sequence(by_length).sorted_indices)
None

# --8<-- [end:pack-sequence]

# --8<-- [start:packed-fields]
>>> packed.data.shape  # (sum(lengths), H_in)
torch.Size([10, 4])
>>> packed.batch_sizes
tensor([3, 3, 2, 1, 1])
>>> packed.sorted_indices
tensor([1, 2, 0])
>>> packed.unsorted_indices
tensor([2, 0, 1])
>>> torch.equal(packed.data[:3], padded[packed.sorted_indices, 0])
True
>>> torch.equal(packed.data[3:6], padded[packed.sorted_indices, 1])
True

# --8<-- [end:packed-fields]

# --8<-- [start:lengths-types]
>>> as_list = pack_padded_sequence(padded, [2, 5, 3], batch_first=True, enforce_sorted=False)
>>> as_int32 = pack_padded_sequence(
...     padded, lengths.to(torch.int32), batch_first=True, enforce_sorted=False
... )
>>> torch.equal(as_list.data, packed.data), torch.equal(as_int32.data, packed.data)
(True, True)
>>> lengths.dtype, lengths.device
(torch.int64, device(type='cpu'))

# --8<-- [end:lengths-types]

# --8<-- [start:lstm-on-packed]
>>> lstm = nn.LSTM(input_size=4, hidden_size=8, batch_first=True)
>>> output, (h_n, c_n) = lstm(packed)
>>> type(output).__name__, type(h_n).__name__, type(c_n).__name__
('PackedSequence', 'Tensor', 'Tensor')
>>> output.data.shape  # (sum(lengths), H)
torch.Size([10, 8])
>>> h_n.shape, c_n.shape  # (num_layers, N, H)
(torch.Size([1, 3, 8]), torch.Size([1, 3, 8]))

# --8<-- [end:lstm-on-packed]

# --8<-- [start:h-n-original-order]
>>> for i, seq in enumerate(seqs):
...     _, (h_alone, c_alone) = lstm(seq.unsqueeze(0))
...     torch.testing.assert_close(h_n[:, i], h_alone[:, 0])
...     torch.testing.assert_close(c_n[:, i], c_alone[:, 0])

# --8<-- [end:h-n-original-order]

# --8<-- [start:unpack]
>>> unpacked, out_lengths = pad_packed_sequence(output, batch_first=True)
>>> unpacked.shape, out_lengths
(torch.Size([3, 5, 8]), tensor([2, 5, 3]))
>>> unpacked[0, 2:].abs().sum().item(), unpacked[2, 3:].abs().sum().item()
(0.0, 0.0)
>>> filled, _ = pad_packed_sequence(output, batch_first=True, padding_value=-1.0)
>>> bool((filled[0, 2:] == -1).all())
True
>>> fixed, _ = pad_packed_sequence(output, batch_first=True, total_length=7)
>>> fixed.shape
torch.Size([3, 7, 8])

# --8<-- [end:unpack]

# --8<-- [start:last-valid-output]
>>> last = unpacked[torch.arange(3), lengths - 1]  # (N, H)
>>> torch.equal(last, h_n[-1])
True
>>> index = (lengths - 1).view(-1, 1, 1).expand(-1, 1, 8)  # (N, 1, H)
>>> torch.equal(unpacked.gather(1, index).squeeze(1), last)
True
>>> torch.equal(unpacked[:, -1], h_n[-1])
False

# --8<-- [end:last-valid-output]

# --8<-- [start:bidirectional]
>>> bi = nn.LSTM(input_size=4, hidden_size=8, batch_first=True, bidirectional=True)
>>> bi_output, (bi_h_n, _) = bi(packed)
>>> bi_unpacked, _ = pad_packed_sequence(bi_output, batch_first=True)  # (N, L_max, 2*H)
>>> torch.equal(bi_h_n[-2], bi_unpacked[torch.arange(3), lengths - 1, :8])
True
>>> torch.equal(bi_h_n[-1], bi_unpacked[:, 0, 8:])
True
>>> torch.allclose(bi_h_n[-1], bi_unpacked[torch.arange(3), lengths - 1, 8:])
False

# --8<-- [end:bidirectional]

# --8<-- [start:without-packing]
>>> padded_output, (h_pad, _) = lstm(padded)
>>> diff = (h_pad[-1] - h_n[-1]).abs().amax(dim=1)
>>> [round(d, 4) for d in diff.tolist()]
[0.2615, 0.0, 0.1864]
>>> torch.testing.assert_close(h_pad[:, 1], h_n[:, 1])
>>> padded_output[0, 2:].abs().amax().item() > 0
True

# --8<-- [end:without-packing]

# --8<-- [start:zero-length-error]
>>> try:
...     pack_sequence([torch.randn(3, 4), torch.randn(0, 4)], enforce_sorted=False)
... except RuntimeError as e:
...     print(e)
Length of all samples has to be greater than 0,
but found an element in 'lengths' that is <= 0

# --8<-- [end:zero-length-error]
"""

# --8<-- [start:zero-length-fix]
import torch
from torch import nn
from torch.nn.utils.rnn import pack_sequence


class FinalState(nn.Module):
    def __init__(self, input_size: int, hidden_size: int) -> None:
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, batch_first=True)
        self.empty = nn.Parameter(torch.zeros(hidden_size))

    def forward(self, seqs: list[torch.Tensor]) -> torch.Tensor:
        keep = [i for i, s in enumerate(seqs) if len(s) > 0]
        states = self.empty.expand(len(seqs), -1).clone()  # (N, H)
        if keep:
            packed = pack_sequence([seqs[i] for i in keep], enforce_sorted=False)
            _, (h_n, _) = self.lstm(packed)
            states[keep] = h_n[-1]
        return states


torch.manual_seed(0)
encoder = FinalState(input_size=4, hidden_size=8)
batch = [torch.randn(3, 4), torch.randn(0, 4), torch.randn(5, 4)]
states = encoder(batch)
assert states.shape == (3, 8)
assert torch.equal(states[1], torch.zeros(8))
for i in (0, 2):
    _, (h_alone, _) = encoder.lstm(batch[i].unsqueeze(0))
    torch.testing.assert_close(states[i], h_alone[-1, 0])
assert encoder(batch[1:2]).shape == (1, 8)
states.sum().backward()
assert encoder.empty.grad is not None
# --8<-- [end:zero-length-fix]
