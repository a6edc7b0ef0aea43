"""Upstream limitations shown on the compile-and-export page, each a strict xfail with its issue.

Each test does what a reader would expect to work and asserts that it does. Today it fails with
the error the page shows, so it is marked `xfail(strict=True, raises=...)`: the day a torch
release fixes the issue, the test passes, strict xfail fails the suite, and the page must be
updated. The page's known-issues table is generated from the `@known_issue` decorators below
(docs/overrides/known_issues.py); models are small and built once per session.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from types import ModuleType

import pytest
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from tests.docs_layout import DOCS


def known_issues() -> ModuleType:
    """docs/overrides/known_issues.py, the build hook that renders the known-issues table."""
    if "lstm_known_issues" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "lstm_known_issues", DOCS / "overrides" / "known_issues.py"
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules["lstm_known_issues"] = module
        spec.loader.exec_module(module)
    return sys.modules["lstm_known_issues"]


def known_issue(number: int, raises: type[BaseException]) -> Callable:
    """Mark a test as a strict xfail caused by pytorch#`number`, failing with `raises`."""
    return pytest.mark.xfail(strict=True, raises=raises, reason=known_issues().reason(number))


class Tagger(nn.Module):
    def __init__(self, bidirectional: bool = False) -> None:
        super().__init__()
        self.lstm = nn.LSTM(4, 8, batch_first=True, bidirectional=bidirectional)
        self.head = nn.Linear(16 if bidirectional else 8, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        output, _ = self.lstm(x)
        return self.head(output)


class PackedTagger(Tagger):
    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        output, _ = self.lstm(packed)
        output, _ = pad_packed_sequence(output, batch_first=True, total_length=x.size(1))
        return self.head(output)


@pytest.fixture(scope="module")
def x() -> torch.Tensor:
    torch.manual_seed(0)
    return torch.randn(2, 8, 4)


LENGTHS = torch.tensor([8, 5])


@known_issue(158007, raises=torch._dynamo.exc.Unsupported)
def test_compile_fullgraph_captures_an_lstm(x: torch.Tensor) -> None:
    model = Tagger().eval()
    torch.testing.assert_close(torch.compile(model, fullgraph=True)(x), model(x))


@known_issue(162375, raises=torch._dynamo.exc.Unsupported)
def test_compile_fullgraph_captures_a_packed_lstm(x: torch.Tensor) -> None:
    model = PackedTagger().eval()
    torch.testing.assert_close(torch.compile(model, fullgraph=True)(x, LENGTHS), model(x, LENGTHS))


@known_issue(115092, raises=torch._dynamo.exc.UserError)
def test_export_keeps_the_sequence_length_dynamic(x: torch.Tensor) -> None:
    model = Tagger().eval()
    length = torch.export.Dim("L")
    program = torch.export.export(model, (x,), dynamic_shapes={"x": {1: length}})
    x5 = torch.randn(2, 5, 4)
    torch.testing.assert_close(program.module()(x5), model(x5))


@known_issue(171978, raises=TypeError)
def test_export_handles_a_packed_lstm(x: torch.Tensor) -> None:
    model = PackedTagger().eval()
    program = torch.export.export(model, (x, LENGTHS))
    torch.testing.assert_close(program.module()(x, LENGTHS), model(x, LENGTHS))


def test_every_known_issue_test_is_a_strict_xfail_with_its_link() -> None:
    module = sys.modules[__name__]
    marked = known_issues().marked_tests()
    xfails = {
        name
        for name, function in vars(module).items()
        if name.startswith("test_")
        and any(m.name == "xfail" for m in getattr(function, "pytestmark", []))
    }
    assert {t.node_id.split("::")[1] for t in marked} == xfails
    for test in marked:
        function = getattr(module, test.node_id.split("::")[1])
        (mark,) = [m for m in function.pytestmark if m.name == "xfail"]
        assert mark.kwargs["strict"] is True
        assert mark.kwargs["reason"].startswith(known_issues().url(test.issue))
