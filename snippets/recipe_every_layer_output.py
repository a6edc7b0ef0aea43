"""Examples for "Every layer's output at every step" (docs/recipe-every-layer-output.md, .zh.md).

The section `recipe` runs alone; the later sections reuse what it defines and state their
claims with `assert`.
"""

# --8<-- [start:recipe]
import re

import torch
from torch import nn
from torch.nn.utils.rnn import PackedSequence


class EveryLayerLSTM(nn.Module):
    """A stack of one-layer LSTMs that computes what an `nn.LSTM` does and returns every layer.

    `nn.LSTM` returns the top layer's output only. This module holds one single-layer
    `nn.LSTM` per layer, loaded with that layer's weights (both directions), and feeds each
    layer the output of the one below, with the same dropout between layers as `nn.LSTM`
    (in training mode only).

    Args:
        lstm: The LSTM to copy: its configuration and its weights. Later changes to `lstm`
            are not seen; train this module instead.

    Raises:
        TypeError: If `lstm` is not an `nn.LSTM`.
    """

    def __init__(self, lstm: nn.LSTM) -> None:
        super().__init__()
        if not isinstance(lstm, nn.LSTM):
            raise TypeError(f"expected an nn.LSTM, got {type(lstm).__name__}")
        self.batch_first = lstm.batch_first
        self.directions = 2 if lstm.bidirectional else 1
        self.dropout = lstm.dropout
        out_size = lstm.proj_size if lstm.proj_size > 0 else lstm.hidden_size
        self.layers = nn.ModuleList()
        weights = lstm.state_dict()
        for k in range(lstm.num_layers):
            layer = nn.LSTM(
                input_size=lstm.input_size if k == 0 else self.directions * out_size,
                hidden_size=lstm.hidden_size,
                bias=lstm.bias,
                batch_first=lstm.batch_first,
                bidirectional=lstm.bidirectional,
                proj_size=lstm.proj_size,
                device=lstm.weight_ih_l0.device,
                dtype=lstm.weight_ih_l0.dtype,
            )
            own = re.compile(rf"(\w+)_l{k}(_reverse)?")
            layer.load_state_dict(
                {
                    f"{m[1]}_l0{m[2] or ''}": value
                    for name, value in weights.items()
                    if (m := own.fullmatch(name))
                }
            )
            self.layers.append(layer)

    def forward(
        self,
        input: torch.Tensor | PackedSequence,
        hx: tuple[torch.Tensor, torch.Tensor] | None = None,
    ) -> tuple[list[torch.Tensor | PackedSequence], tuple[torch.Tensor, torch.Tensor]]:
        """Runs the stack on `input`, from `hx` or zeros.

        Args:
            input: What `nn.LSTM` takes: a 2-D or 3-D tensor, or a `PackedSequence`.
            hx: `(h_0, c_0)` as `nn.LSTM` takes them, `(D*num_layers, N, H_out)` and
                `(D*num_layers, N, hidden_size)`, or None for zeros.

        Returns:
            `(outputs, (h_n, c_n))`: `outputs[k]` is layer `k`'s output, shaped like
            `nn.LSTM`'s `output` (packed if `input` is), before dropout; `outputs[-1]` is
            `nn.LSTM`'s `output`. `h_n` and `c_n` are those of `nn.LSTM`.

        Raises:
            TypeError: If `input` is neither a tensor nor a `PackedSequence`, or `hx` is not
                a pair of tensors.
        """
        if not isinstance(input, torch.Tensor | PackedSequence):
            raise TypeError(f"expected a tensor or a PackedSequence, got {type(input).__name__}")
        if hx is not None and not (
            isinstance(hx, tuple) and len(hx) == 2 and all(isinstance(s, torch.Tensor) for s in hx)
        ):
            raise TypeError(f"hx must be a pair of tensors (h_0, c_0), got {type(hx).__name__}")
        outputs, h_n, c_n = [], [], []
        x = input
        for k, layer in enumerate(self.layers):
            rows = slice(k * self.directions, (k + 1) * self.directions)
            output, (h, c) = layer(x, None if hx is None else (hx[0][rows], hx[1][rows]))
            outputs.append(output)
            h_n.append(h)
            c_n.append(c)
            x = output
            if self.dropout > 0 and self.training and k < len(self.layers) - 1:
                if isinstance(output, PackedSequence):
                    x = output._replace(data=nn.functional.dropout(output.data, self.dropout))
                else:
                    x = nn.functional.dropout(output, self.dropout)
        return outputs, (torch.cat(h_n, dim=-3), torch.cat(c_n, dim=-3))


# --8<-- [end:recipe]

# --8<-- [start:equal-to-lstm]
torch.manual_seed(0)
lstm = nn.LSTM(
    input_size=4, hidden_size=8, num_layers=3, bidirectional=True, batch_first=True, dropout=0.3
)
stack = EveryLayerLSTM(lstm)
lstm.eval()
stack.eval()

x = torch.randn(5, 7, 4)  # (N, L, H_in)
output, (h_n, c_n) = lstm(x)
outputs, (stack_h_n, stack_c_n) = stack(x)

assert [tuple(o.shape) for o in outputs] == [(5, 7, 16)] * 3  # every layer, every step
torch.testing.assert_close(outputs[-1], output)
torch.testing.assert_close((stack_h_n, stack_c_n), (h_n, c_n))
assert torch.equal(outputs[-1], output) and torch.equal(stack_h_n, h_n)  # observed: bit for bit
# --8<-- [end:equal-to-lstm]

# --8<-- [start:h-n-rows]
for k, layer_output in enumerate(outputs):
    forward, backward = layer_output[..., :8], layer_output[..., 8:]
    assert torch.equal(h_n[2 * k], forward[:, -1])  # forward direction: last step
    assert torch.equal(h_n[2 * k + 1], backward[:, 0])  # backward direction: step 0
# --8<-- [end:h-n-rows]

# --8<-- [start:dropout]
lstm.train()
stack.train()
torch.manual_seed(1)
output, (h_n, c_n) = lstm(x)
torch.manual_seed(1)
outputs, (stack_h_n, stack_c_n) = stack(x)
torch.testing.assert_close(outputs[-1], output)  # the same dropout masks, drawn in the same order
torch.testing.assert_close((stack_h_n, stack_c_n), (h_n, c_n))
assert torch.equal(h_n[0], outputs[0][:, -1, :8])  # outputs[k] are before dropout
# --8<-- [end:dropout]

# --8<-- [start:packed]
from torch.nn.utils.rnn import pack_padded_sequence

lstm.eval()
stack.eval()
packed = pack_padded_sequence(x, lengths=[7, 3, 5, 2, 6], batch_first=True, enforce_sorted=False)
output, (h_n, c_n) = lstm(packed)
outputs, (stack_h_n, stack_c_n) = stack(packed)
assert all(isinstance(o, type(packed)) for o in outputs)
torch.testing.assert_close(outputs[-1].data, output.data)
torch.testing.assert_close((stack_h_n, stack_c_n), (h_n, c_n))
# --8<-- [end:packed]

# --8<-- [start:pitfall-hooks]
seen = []
lstm.register_forward_hook(lambda module, args, result: seen.append(result[0].shape))
assert list(lstm.children()) == []  # no submodule per layer to hook
lstm(x)
assert seen == [(5, 7, 16)]  # the top layer's output only

assert len(stack.layers) == 3  # one module per layer
# --8<-- [end:pitfall-hooks]

# --8<-- [start:pitfall-load-weights]
one_layer = nn.LSTM(input_size=4, hidden_size=8, bidirectional=True, batch_first=True)
try:
    one_layer.load_state_dict(lstm.state_dict())
except RuntimeError as error:
    assert 'Unexpected key(s) in state_dict: "weight_ih_l1"' in str(error)
else:
    raise AssertionError("three layers of weights loaded into one layer")

layer_1 = stack.layers[1]  # layer 1's weights, renamed to _l0
assert torch.equal(layer_1.weight_ih_l0_reverse, lstm.weight_ih_l1_reverse)
assert layer_1.input_size == 16  # it reads both directions of layer 0: D * hidden_size
# --8<-- [end:pitfall-load-weights]

# --8<-- [start:pitfall-dropout]
lstm.train()
torch.manual_seed(1)
output, _ = lstm(x)
torch.manual_seed(1)
naive = x
for layer in stack.layers:  # no dropout between the layers
    naive, _ = layer(naive)
assert not torch.allclose(naive, output)  # in training, a different model

stack.train()
torch.manual_seed(1)
torch.testing.assert_close(stack(x)[0][-1], output)
# --8<-- [end:pitfall-dropout]

# --8<-- [start:input-checks]
try:
    EveryLayerLSTM(nn.RNN(input_size=4, hidden_size=8, num_layers=2))
except TypeError as error:
    assert str(error) == "expected an nn.LSTM, got RNN"
else:
    raise AssertionError("no TypeError")
stack = EveryLayerLSTM(nn.LSTM(input_size=4, hidden_size=8, num_layers=2))
try:
    stack(torch.randn(7, 3, 4), hx=torch.zeros(2, 3, 8))
except TypeError as error:
    assert str(error) == "hx must be a pair of tensors (h_0, c_0), got Tensor"
else:
    raise AssertionError("no TypeError")
# --8<-- [end:input-checks]
