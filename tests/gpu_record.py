"""Runs the GPU page's CUDA examples and writes the record the page shows (`bash .ci/gpu`).

On a machine with a CUDA GPU: the `cuda` tests in a process of their own, then every section
of snippets/gpu_cuda.py as a doctest, as a reader would paste it; when all pass, the record
(docs/overrides/gpu.py: its fields, hash and notes) is written. Needs torch, pytest and
hypothesis only, not the docs toolchain or sybil.
"""

from __future__ import annotations

import argparse
import datetime
import doctest
import importlib.util
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.docs_layout import DOCS, ROOT

DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def hook() -> ModuleType:
    """docs/overrides/gpu.py, the build hook that owns the record's format and the notes."""
    if "lstm_gpu_record" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "lstm_gpu_record", DOCS / "overrides" / "gpu.py"
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules["lstm_gpu_record"] = module
        spec.loader.exec_module(module)
    return sys.modules["lstm_gpu_record"]


@dataclass(frozen=True)
class SectionResult:
    name: str
    attempted: int
    failed: int
    report: str


def run_section(name: str, snippets: Path | None = None) -> SectionResult:
    """One section as a doctest in a fresh namespace, as a reader would paste it."""
    snippets = snippets or hook().CUDA_SNIPPETS
    code = hook().sections(snippets)[name]
    test = doctest.DocTestParser().get_doctest(code, {}, name, str(snippets), 0)
    output: list[str] = []
    outcome = doctest.DocTestRunner(optionflags=DOCTEST_FLAGS).run(test, out=output.append)
    return SectionResult(name, outcome.attempted, outcome.failed, "".join(output))


def run_sections(snippets: Path | None = None) -> list[SectionResult]:
    snippets = snippets or hook().CUDA_SNIPPETS
    return [run_section(name, snippets) for name in hook().sections(snippets)]


def make_record(results: list[SectionResult], digest: str) -> dict[str, Any]:
    """The record of a run on this machine's first CUDA device."""
    import torch

    return {
        "gpu": torch.cuda.get_device_name(0),
        "torch": torch.__version__,
        "cuda": str(torch.version.cuda),
        "cudnn": int(torch.backends.cudnn.version() or 0),
        "date": datetime.datetime.now(datetime.UTC).date().isoformat(),
        "examples": len(results),
        "examples_passed": sum(1 for r in results if r.attempted and not r.failed),
        "sections_sha256": digest,
    }


# The `cuda` tests, without the root conftest: it needs sybil and the docs toolchain, and a GPU
# machine may have only torch, pytest and hypothesis.
PYTEST_ARGS = [
    "--noconftest",
    # Without pyproject.toml's xdist options: the GPU machine may lack pytest-xdist.
    "-o",
    "addopts=--strict-markers",
    "-p",
    "no:cacheprovider",
    "-m",
    "cuda",
    "-ra",
    "tests/test_gpu.py",
    "tests/test_helpers_validation.py",
    "tests/test_properties.py",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the GPU examples; record a full pass.")
    parser.add_argument("--write", type=Path, help="where to write the record (on success)")
    args = parser.parse_args(argv)
    import torch

    if not torch.cuda.is_available():
        print("no CUDA device: torch.cuda.is_available() is False", file=sys.stderr)
        return 2
    # In a process of their own: each GPU example then runs once in this one (some torch
    # warnings are issued once per process).
    tests = subprocess.run([sys.executable, "-m", "pytest", *PYTEST_ARGS], cwd=ROOT)
    if tests.returncode != 0:
        print("the cuda tests failed: no record written", file=sys.stderr)
        return 1
    results = run_sections()
    for result in results:
        verdict = "ok" if result.attempted and not result.failed else "FAILED"
        print(f"{result.name}: {result.attempted} statements, {verdict}")
        if verdict != "ok":
            print(result.report)
    record = make_record(results, hook().sections_digest())
    print(json.dumps(record, indent=2))
    if record["examples_passed"] != record["examples"]:
        print("not every GPU example passed: no record written", file=sys.stderr)
        return 1
    if args.write:
        args.write.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
