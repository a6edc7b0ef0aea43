"""The compile-and-export page's `dynamo=True` section: the second of its two exports has its
time axis fixed at the example length, and the cause is the order, not the direction.

The page exports the unidirectional model, then the bidirectional one, in one process. Here a
fresh Python exports the bidirectional model first: its time axis stays dynamic and it matches
eager at another length; exported again in that process, it is fixed at the example length.
The model is the page's own `model` section, as a reader copies it.
"""

from __future__ import annotations

from tests.docs_layout import copied_code, included_text
from tests.fresh_python import failure, run_alone

BIDIRECTIONAL_TWICE = """
import numpy as np
import onnxruntime as ort
from torch.export import Dim


def export(tagger):
    program = torch.onnx.export(
        tagger,
        (torch.randn(2, 5, 4),),
        dynamo=True,
        dynamic_shapes={"x": {0: Dim("batch"), 1: Dim("L")}},
        verbose=False,
    )
    return ort.InferenceSession(
        program.model_proto.SerializeToString(), providers=["CPUExecutionProvider"]
    )


bi_tagger = Tagger(bidirectional=True).eval()
first, second = export(bi_tagger), export(Tagger(bidirectional=True).eval())
print(first.get_inputs()[0].shape)
print(second.get_inputs()[0].shape)
x7 = torch.randn(3, 7, 4)
(y7,) = first.run(None, {"x": x7.numpy()})
np.testing.assert_allclose(y7, bi_tagger(x7).detach().numpy(), rtol=1e-5, atol=1e-6)
"""


def test_a_bidirectional_model_exported_first_keeps_its_time_axis_dynamic() -> None:
    model = copied_code(included_text("snippets/compile_and_export.py", "model"))
    (result,) = run_alone({"bidirectional twice": model + BIDIRECTIONAL_TWICE}).values()
    assert result.returncode == 0, failure(result)
    assert result.stdout.splitlines()[-2:] == ["['batch', 'L', 4]", "['batch', 5, 4]"]
