"""Examples for "Recipes API" (docs/recipes-api.md, docs/recipes-api.zh.md).

The page shows each recipe's code, from its own module, right before its checks here, so a
reader who copies the page in order has the names these examples use.

# --8<-- [start:learned-initial-state-checks]
>>> import torch
>>> from torch import nn
>>> try:
...     LearnedInitialState(nn.GRU(input_size=4, hidden_size=8))
... except TypeError as error:
...     print(error)
expected an nn.LSTM, got GRU
>>> model = LearnedInitialState(nn.LSTM(input_size=4, hidden_size=8))
>>> try:
...     model(torch.randn(2, 7, 5, 4))
... except ValueError as error:
...     print(error)
expected a 2-D (unbatched) or 3-D input, got 4-D of shape (2, 7, 5, 4)
>>> try:
...     model.expand(0)
... except ValueError as error:
...     print(error)
batch_size must be a positive int, got 0

# --8<-- [end:learned-initial-state-checks]

# --8<-- [start:every-layer-lstm-checks]
>>> import torch
>>> from torch import nn
>>> try:
...     EveryLayerLSTM(nn.RNN(input_size=4, hidden_size=8, num_layers=2))
... except TypeError as error:
...     print(error)
expected an nn.LSTM, got RNN
>>> stack = EveryLayerLSTM(nn.LSTM(input_size=4, hidden_size=8, num_layers=2))
>>> try:
...     stack(torch.randn(7, 3, 4), hx=torch.zeros(2, 3, 8))
... except TypeError as error:
...     print(error)
hx must be a pair of tensors (h_0, c_0), got Tensor

# --8<-- [end:every-layer-lstm-checks]

# --8<-- [start:stateful-lstm-checks]
>>> import torch
>>> from torch import nn
>>> try:
...     StatefulLSTM(nn.LSTM(input_size=4, hidden_size=8, bidirectional=True))
... except ValueError as error:
...     print(error)
a bidirectional LSTM cannot carry its state across chunks: its backward direction starts from the end of the sequence
>>> model = StatefulLSTM(nn.LSTM(input_size=4, hidden_size=8))
>>> try:
...     model(torch.randn(7, 4))
... except ValueError as error:
...     print(error)
expected a 3-D tensor chunk, got (7, 4)
>>> output, _ = model(torch.randn(7, 3, 4))
>>> try:
...     model.reset(rows=torch.tensor([True, False]))
... except ValueError as error:
...     print(error)
a mask of rows must have shape (3,), got (2,)
>>> try:
...     model.reset(rows=[0])
... except TypeError as error:
...     print(error)
rows must be a bool mask or an index tensor, got list

# --8<-- [end:stateful-lstm-checks]

# --8<-- [start:init-lstm-gates-checks]
>>> from torch import nn
>>> try:
...     init_lstm_gates(nn.GRU(input_size=4, hidden_size=8))
... except TypeError as error:
...     print(error)
expected an nn.LSTM or nn.LSTMCell, got GRU
>>> try:
...     init_lstm_gates(nn.LSTM(input_size=4, hidden_size=8, bias=False))
... except ValueError as error:
...     print(error)
this LSTM has no biases (bias=False): pass forget_bias=None
>>> try:
...     init_lstm_gates(nn.LSTM(input_size=4, hidden_size=8), forget_bias=float("inf"))
... except ValueError as error:
...     print(error)
forget_bias must be finite, got inf

# --8<-- [end:init-lstm-gates-checks]
"""

from snippets.recipe_every_layer_output import EveryLayerLSTM
from snippets.recipe_initialising_gates import init_lstm_gates
from snippets.recipe_learned_initial_state import LearnedInitialState
from snippets.recipe_truncated_bptt import StatefulLSTM

__all__ = ["EveryLayerLSTM", "LearnedInitialState", "StatefulLSTM", "init_lstm_gates"]
