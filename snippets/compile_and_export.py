"""Examples for "Compile and export" (docs/compile-and-export.md, docs/compile-and-export.zh.md).

# --8<-- [start:model]
>>> import torch
>>> from torch import nn
>>> from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
>>> class Tagger(nn.Module):
...     def __init__(self, bidirectional: bool = False) -> None:
...         super().__init__()
...         self.lstm = nn.LSTM(4, 8, batch_first=True, bidirectional=bidirectional)
...         self.head = nn.Linear(16 if bidirectional else 8, 3)
...
...     def forward(self, x: torch.Tensor) -> torch.Tensor:
...         output, _ = self.lstm(x)
...         return self.head(output)
>>> class PackedTagger(Tagger):
...     def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
...         packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
...         output, _ = self.lstm(packed)
...         output, _ = pad_packed_sequence(output, batch_first=True, total_length=x.size(1))
...         return self.head(output)
>>> _ = torch.manual_seed(0)
>>> model = Tagger().eval()
>>> packed_model = PackedTagger().eval()
>>> x = torch.randn(2, 8, 4)  # (N, L, H_in)
>>> lengths = torch.tensor([8, 5])

# --8<-- [end:model]

# --8<-- [start:compile-fullgraph]
>>> torch._dynamo.config.allow_rnn
False
>>> try:
...     torch.compile(model, fullgraph=True)(x)
... except torch._dynamo.exc.Unsupported as e:
...     print(str(e).splitlines()[0])
Attempted to wrap RNN, GRU, or LSTM
>>> try:
...     torch.compile(packed_model, fullgraph=True)(x, lengths)
... except torch._dynamo.exc.Unsupported as e:
...     print(str(e).splitlines()[0])
Attempted to call function marked as skipped

# --8<-- [end:compile-fullgraph]

# --8<-- [start:compile-graphs]
>>> graphs = []
>>> def counting_backend(gm, example_inputs):
...     graphs.append(gm)
...     return gm.forward
>>> _ = torch.compile(model, backend=counting_backend)(x)
>>> _ = torch.compile(packed_model, backend=counting_backend)(x, lengths)
>>> len(graphs)
0

# --8<-- [end:compile-graphs]

# --8<-- [start:compile-matches-eager]
>>> compiled = torch.compile(model)
>>> compiled_packed = torch.compile(packed_model)
>>> with torch.no_grad():
...     torch.testing.assert_close(compiled(x), model(x), rtol=1.3e-6, atol=1e-5)
...     torch.testing.assert_close(
...         compiled_packed(x, lengths), packed_model(x, lengths), rtol=1.3e-6, atol=1e-5
...     )

# --8<-- [end:compile-matches-eager]

# --8<-- [start:onnx-dynamo]
>>> import numpy as np
>>> import onnxruntime as ort
>>> from torch.export import Dim
>>> sessions = {}
>>> for bidirectional in (False, True):
...     _ = torch.manual_seed(0)
...     tagger = Tagger(bidirectional).eval()
...     onnx_program = torch.onnx.export(
...         tagger,
...         (torch.randn(2, 5, 4),),
...         dynamo=True,
...         dynamic_shapes={"x": {0: Dim("batch"), 1: Dim("L")}},
...         verbose=False,
...     )
...     session = ort.InferenceSession(
...         onnx_program.model_proto.SerializeToString(), providers=["CPUExecutionProvider"]
...     )
...     sessions[bidirectional] = tagger, session
>>> tagger, session = sessions[False]
>>> session.get_inputs()[0].shape
['batch', 'L', 4]
>>> x7 = torch.randn(3, 7, 4)  # exported with L = 5, run with L = 7
>>> (y7,) = session.run(None, {"x": x7.numpy()})
>>> np.testing.assert_allclose(y7, tagger(x7).detach().numpy(), rtol=1e-5, atol=1e-6)
>>> bi_tagger, bi_session = sessions[True]
>>> bi_session.get_inputs()[0].shape
['batch', 5, 4]
>>> try:
...     bi_session.run(None, {"x": x7.numpy()})
... except ort.capi.onnxruntime_pybind11_state.InvalidArgument as e:
...     print(str(e).splitlines()[1])
 index: 1 Got: 7 Expected: 5

# --8<-- [end:onnx-dynamo]

# --8<-- [start:onnx-legacy]
>>> import io
>>> for bidirectional in (False, True):
...     tagger, _ = sessions[bidirectional]
...     buffer = io.BytesIO()
...     torch.onnx.export(
...         tagger,
...         (torch.randn(2, 5, 4),),
...         buffer,
...         dynamo=False,
...         input_names=["x"],
...         output_names=["y"],
...         dynamic_axes={"x": {0: "batch", 1: "L"}, "y": {0: "batch", 1: "L"}},
...     )
...     session = ort.InferenceSession(buffer.getvalue(), providers=["CPUExecutionProvider"])
...     (y7,) = session.run(None, {"x": x7.numpy()})
...     np.testing.assert_allclose(y7, tagger(x7).detach().numpy(), rtol=1e-5, atol=1e-6)
...     print(bidirectional, session.get_inputs()[0].shape)
False ['batch', 'L', 4]
True ['batch', 'L', 4]

# --8<-- [end:onnx-legacy]

# --8<-- [start:onnx-packed]
>>> try:
...     torch.onnx.export(packed_model, (x, lengths), dynamo=True, verbose=False)
... except torch.onnx.errors.OnnxExporterError as e:
...     print(type(e).__name__, str(e).split(". ")[0])
TorchExportError Failed to export the model with torch.export
>>> buffer = io.BytesIO()
>>> torch.onnx.export(
...     packed_model,
...     (x, lengths),
...     buffer,
...     dynamo=False,
...     input_names=["x", "lengths"],
...     output_names=["y"],
...     dynamic_axes={"x": {0: "batch", 1: "L"}, "lengths": {0: "batch"}, "y": {0: "batch", 1: "L"}},
... )
>>> session = ort.InferenceSession(buffer.getvalue(), providers=["CPUExecutionProvider"])
>>> lengths7 = torch.tensor([7, 2, 4])
>>> (y7,) = session.run(None, {"x": x7.numpy(), "lengths": lengths7.numpy()})
>>> expected = packed_model(x7, lengths7).detach().numpy()
>>> np.testing.assert_allclose(y7, expected, rtol=1e-5, atol=1e-6)

# --8<-- [end:onnx-packed]

# --8<-- [start:export-static]
>>> from torch.export import export
>>> program = export(model, (x,), dynamic_shapes={"x": {0: Dim("batch")}})
>>> x3 = torch.randn(3, 8, 4)
>>> torch.testing.assert_close(program.module()(x3), model(x3))
>>> try:
...     program.module()(torch.randn(3, 5, 4))
... except AssertionError as e:
...     print(e)
Guard failed: x.size()[1] == 8

# --8<-- [end:export-static]

# --8<-- [start:export-dynamic-length]
>>> try:
...     export(model, (x,), dynamic_shapes={"x": {1: Dim("L")}})
... except torch._dynamo.exc.UserError as e:
...     print(str(e).splitlines()[1])
  - You marked L as dynamic but your code specialized it to be a constant (8). ...

# --8<-- [end:export-dynamic-length]

# --8<-- [start:export-buckets]
>>> import torch.nn.functional as F
>>> def run_bucketed(program, x: torch.Tensor, bucket: int = 8) -> torch.Tensor:
...     length = x.size(1)
...     padded = F.pad(x, (0, 0, 0, bucket - length))  # zeros after the last step
...     return program.module()(padded)[:, :length]
>>> short = torch.randn(3, 5, 4)
>>> torch.testing.assert_close(run_bucketed(program, short), model(short))

# --8<-- [end:export-buckets]

# --8<-- [start:export-packed]
>>> try:
...     export(packed_model, (x, lengths))
... except TypeError as e:
...     print(e)
zeros(): argument 'size' failed to unpack the object at pos 2 with error "type must be tuple of ints,but got FakeTensor"

# --8<-- [end:export-packed]
"""

# --8<-- [start:torchscript]
import warnings

import torch
from torch import nn


class LastStep(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.lstm = nn.LSTM(4, 8, batch_first=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        output, _ = self.lstm(x)
        return output[:, -1]


torch.manual_seed(0)
last_step = LastStep().eval()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    scripted = torch.jit.script(last_step)
    traced = torch.jit.trace(last_step, (torch.randn(2, 5, 4),))
x7 = torch.randn(3, 7, 4)
torch.testing.assert_close(scripted(x7), last_step(x7))
torch.testing.assert_close(traced(x7), last_step(x7))

deprecated = {str(w.message): w.category for w in caught if "deprecated" in str(w.message)}
assert sorted(deprecated) == [
    "`torch.jit.script` is deprecated. Please switch to `torch.compile` or `torch.export`.",
    "`torch.jit.trace_method` is deprecated. Please switch to `torch.compile` or `torch.export`.",
    "`torch.jit.trace` is deprecated. Please switch to `torch.compile` or `torch.export`.",
]
category = {"2.13": DeprecationWarning, "2.14": FutureWarning}
version = ".".join(torch.__version__.split(".")[:2])
assert set(deprecated.values()) == {category[version]}
# --8<-- [end:torchscript]
