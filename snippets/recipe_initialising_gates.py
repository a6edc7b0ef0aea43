"""Examples for "Initialising the gates" (docs/recipe-initialising-gates.md, .zh.md).

The section `recipe` runs alone; the later sections reuse what it defines and state their
claims with `assert`.
"""

# --8<-- [start:recipe]
import math
import re

import torch
from torch import nn


def init_lstm_gates(
    lstm: nn.LSTM | nn.LSTMCell, forget_bias: float | None = 1.0, orthogonal: bool = True
) -> None:
    """Sets the forget-gate bias and makes each gate's recurrent weights orthogonal, in place.

    Every layer and direction is set. The gates are stacked in the order i, f, g, o, so the
    forget gate is rows `hidden_size` to `2 * hidden_size - 1` of every weight and bias.
    `bias_ih` and `bias_hh` are added in the gate, so the forget rows of `bias_ih` get
    `forget_bias` and those of `bias_hh` get 0: their sum is exactly `forget_bias`. The other
    gates' biases and the input weights `weight_ih` are left as they are.

    Args:
        lstm: The `nn.LSTM` or `nn.LSTMCell` to initialise.
        forget_bias: What the forget gate's two biases add up to, or None to leave them.
        orthogonal: Whether to make each of the four `(hidden_size, H_out)` gate blocks of
            every `weight_hh` orthogonal (`nn.init.orthogonal_`; with `proj_size`, its
            columns are orthonormal).

    Raises:
        TypeError: If `lstm` is not an `nn.LSTM` or `nn.LSTMCell`, or `forget_bias` is not
            a number.
        ValueError: If `forget_bias` is not finite, or is given for an LSTM without biases.
    """
    if not isinstance(lstm, nn.LSTM | nn.LSTMCell):
        raise TypeError(f"expected an nn.LSTM or nn.LSTMCell, got {type(lstm).__name__}")
    if forget_bias is not None:
        if isinstance(forget_bias, bool) or not isinstance(forget_bias, int | float):
            raise TypeError(f"forget_bias must be a number or None, got {forget_bias!r}")
        if not math.isfinite(forget_bias):
            raise ValueError(f"forget_bias must be finite, got {forget_bias}")
        if not lstm.bias:
            raise ValueError("this LSTM has no biases (bias=False): pass forget_bias=None")
    hidden = lstm.hidden_size
    forget = slice(hidden, 2 * hidden)
    with torch.no_grad():
        for name, parameter in lstm.named_parameters():
            if forget_bias is not None and re.match(r"bias_ih(_l\d+)?(_reverse)?$", name):
                parameter[forget] = forget_bias
            elif forget_bias is not None and re.match(r"bias_hh(_l\d+)?(_reverse)?$", name):
                parameter[forget] = 0.0
            elif orthogonal and re.match(r"weight_hh(_l\d+)?(_reverse)?$", name):
                for block in parameter.chunk(4):
                    nn.init.orthogonal_(block)


# --8<-- [end:recipe]

# --8<-- [start:read-back]
torch.manual_seed(0)
lstm = nn.LSTM(input_size=4, hidden_size=8, num_layers=2, bidirectional=True)
input_weights = {n: p.clone() for n, p in lstm.named_parameters() if "weight_ih" in n}
init_lstm_gates(lstm, forget_bias=1.0)

suffixes = ["_l0", "_l0_reverse", "_l1", "_l1_reverse"]  # every layer and direction
for s in suffixes:
    bias_ih, bias_hh = getattr(lstm, f"bias_ih{s}"), getattr(lstm, f"bias_hh{s}")
    i, f, g, o = (bias_ih + bias_hh).chunk(4)  # what each gate adds
    assert torch.equal(f, torch.ones(8))
    for block in getattr(lstm, f"weight_hh{s}").chunk(4):  # (H, H) per gate
        torch.testing.assert_close(block @ block.T, torch.eye(8))
for n, p in input_weights.items():
    assert torch.equal(getattr(lstm, n), p)  # weight_ih untouched
# --8<-- [end:read-back]

# --8<-- [start:forget-gate-opens]
x = torch.randn(1, 3, 4)  # (L, N, H_in): one step


def forget_gate(lstm: nn.LSTM) -> torch.Tensor:
    gates = x[0] @ lstm.weight_ih_l0.T + lstm.bias_ih_l0 + lstm.bias_hh_l0  # h_0 = 0
    return torch.sigmoid(gates.chunk(4, dim=1)[1])


torch.manual_seed(0)
default = nn.LSTM(input_size=4, hidden_size=8)
assert 0.4 < forget_gate(default).mean() < 0.6  # about half of c is forgotten per step
init_lstm_gates(default, forget_bias=1.0)
assert 0.65 < forget_gate(default).mean() < 0.8  # sigmoid(1) = 0.73: more is kept
# --8<-- [end:forget-gate-opens]

# --8<-- [start:projections]
lstm = nn.LSTM(input_size=4, hidden_size=8, proj_size=3)
init_lstm_gates(lstm)
for block in lstm.weight_hh_l0.chunk(4):  # (H, proj_size) per gate
    torch.testing.assert_close(block.T @ block, torch.eye(3))  # orthonormal columns
# --8<-- [end:projections]

# --8<-- [start:pitfall-in-place]
lstm = nn.LSTM(input_size=4, hidden_size=8)
try:
    lstm.bias_ih_l0[8:16] = 1.0
except RuntimeError as error:
    assert "a leaf Variable that requires grad is being used in an in-place operation" in str(error)
else:
    raise AssertionError("an in-place write to a parameter was recorded by autograd")

with torch.no_grad():
    lstm.bias_ih_l0[8:16] = 1.0
# --8<-- [end:pitfall-in-place]

# --8<-- [start:pitfall-two-biases]
torch.manual_seed(0)
lstm = nn.LSTM(input_size=4, hidden_size=8)
with torch.no_grad():
    lstm.bias_ih_l0[8:16] = 1.0  # bias_hh_l0 keeps its random values
forget = (lstm.bias_ih_l0 + lstm.bias_hh_l0)[8:16]
assert not torch.allclose(forget, torch.ones(8))  # the gate sees 1 + bias_hh

init_lstm_gates(lstm, forget_bias=1.0)
assert torch.equal((lstm.bias_ih_l0 + lstm.bias_hh_l0)[8:16], torch.ones(8))
# --8<-- [end:pitfall-two-biases]

# --8<-- [start:pitfall-first-layer-only]
lstm = nn.LSTM(input_size=4, hidden_size=8, num_layers=2, bidirectional=True)
with torch.no_grad():
    lstm.bias_ih_l0[8:16] = 1.0
    lstm.bias_hh_l0[8:16] = 0.0
set_rows = [
    n for n, p in lstm.named_parameters() if n.startswith("bias_ih") and (p[8:16] == 1).all()
]
assert set_rows == ["bias_ih_l0"]  # 1 of the 4 layer-directions

init_lstm_gates(lstm, forget_bias=1.0)
set_rows = [
    n for n, p in lstm.named_parameters() if n.startswith("bias_ih") and (p[8:16] == 1).all()
]
assert set_rows == ["bias_ih_l0", "bias_ih_l0_reverse", "bias_ih_l1", "bias_ih_l1_reverse"]
# --8<-- [end:pitfall-first-layer-only]

# --8<-- [start:pitfall-whole-matrix]
torch.manual_seed(0)
lstm = nn.LSTM(input_size=4, hidden_size=8)
with torch.no_grad():
    nn.init.orthogonal_(lstm.weight_hh_l0)  # the whole (4*H, H) matrix
W = lstm.weight_hh_l0
torch.testing.assert_close(W.T @ W, torch.eye(8))  # orthonormal columns over 32 rows ...
i_block = W[:8]
assert not torch.allclose(i_block @ i_block.T, torch.eye(8), atol=0.1)  # ... no gate is

init_lstm_gates(lstm, forget_bias=None)
for block in lstm.weight_hh_l0.chunk(4):
    torch.testing.assert_close(block @ block.T, torch.eye(8))
# --8<-- [end:pitfall-whole-matrix]

# --8<-- [start:input-checks]
try:
    init_lstm_gates(nn.GRU(input_size=4, hidden_size=8))
except TypeError as error:
    assert str(error) == "expected an nn.LSTM or nn.LSTMCell, got GRU"
else:
    raise AssertionError("no TypeError")
try:
    init_lstm_gates(nn.LSTM(input_size=4, hidden_size=8, bias=False))
except ValueError as error:
    assert str(error) == "this LSTM has no biases (bias=False): pass forget_bias=None"
else:
    raise AssertionError("no ValueError")
try:
    init_lstm_gates(nn.LSTM(input_size=4, hidden_size=8), forget_bias=float("inf"))
except ValueError as error:
    assert str(error) == "forget_bias must be finite, got inf"
else:
    raise AssertionError("no ValueError")
# --8<-- [end:input-checks]
