"""The record of the last run of the GPU examples, and what the page says about it.

`bash .ci/gpu`, on a machine with a CUDA GPU, runs every section of snippets/gpu_cuda.py as a
doctest (`python -m tests.gpu_record --write`) and, when all pass, writes RECORD: the GPU, the
torch, CUDA and cuDNN versions, the date, the number of examples passed and a SHA-256 of the
sections it ran. The build (docs/overrides/gpu.py) renders `note()` in place of each
`<!-- gpu-record -->` marker on the page: "verified on ..." only for a valid record whose hash
matches the sections as they are now; otherwise "not yet run on a GPU". Needs only the
standard library, and torch to run the examples, so it runs on a GPU machine without the docs
toolchain.
"""

from __future__ import annotations

import argparse
import datetime
import doctest
import hashlib
import html
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.docs_layout import ROOT, SNIPPETS, sections

CUDA_SNIPPETS = SNIPPETS / "gpu_cuda.py"
RECORD = ROOT / ".ci" / "gpu-record.json"
MARKER = "<!-- gpu-record -->"
DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
FIELDS: dict[str, type] = {
    "gpu": str,
    "torch": str,
    "cuda": str,
    "cudnn": int,
    "date": str,
    "examples": int,
    "examples_passed": int,
    "sections_sha256": str,
}


def sections_digest(snippets: Path = CUDA_SNIPPETS) -> str:
    """SHA-256 of the GPU sections, names and code: any change to them makes a record stale."""
    text = json.dumps(sections(snippets), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SectionResult:
    name: str
    attempted: int
    failed: int
    report: str


def run_section(name: str, snippets: Path = CUDA_SNIPPETS) -> SectionResult:
    """One section as a doctest in a fresh namespace, as a reader would paste it."""
    code = sections(snippets)[name]
    test = doctest.DocTestParser().get_doctest(code, {}, name, str(snippets), 0)
    output: list[str] = []
    outcome = doctest.DocTestRunner(optionflags=DOCTEST_FLAGS).run(test, out=output.append)
    return SectionResult(name, outcome.attempted, outcome.failed, "".join(output))


def run_sections(snippets: Path = CUDA_SNIPPETS) -> list[SectionResult]:
    return [run_section(name, snippets) for name in sections(snippets)]


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


def validate(record: object) -> dict[str, Any]:
    """The record if it has every field with its type and a consistent count; else ValueError."""
    if not isinstance(record, dict):
        raise ValueError(f"a GPU record is a JSON object, got {type(record).__name__}")
    missing = sorted(set(FIELDS) - set(record))
    unknown = sorted(set(record) - set(FIELDS))
    if missing or unknown:
        raise ValueError(f"GPU record: missing fields {missing}, unknown fields {unknown}")
    for key, kind in FIELDS.items():
        if type(record[key]) is not kind:
            raise ValueError(f"GPU record: {key} must be {kind.__name__}, got {record[key]!r}")
    datetime.date.fromisoformat(record["date"])
    if not 0 <= record["examples_passed"] <= record["examples"]:
        raise ValueError("GPU record: examples_passed must be between 0 and examples")
    if len(record["sections_sha256"]) != 64:
        raise ValueError("GPU record: sections_sha256 must be a SHA-256 hex digest")
    return record


def load(path: Path = RECORD) -> dict[str, Any] | None:
    """The committed record, validated; None when there is none."""
    if not path.is_file():
        return None
    return validate(json.loads(path.read_text(encoding="utf-8")))


def status(record: dict[str, Any] | None, digest: str) -> str:
    """ "verified", or why not: "missing", "stale" (other code) or "failed" (not all passed)."""
    if record is None:
        return "missing"
    if record["sections_sha256"] != digest:
        return "stale"
    if record["examples_passed"] != record["examples"]:
        return "failed"
    return "verified"


TEXT = {
    "en": {
        "verified": (
            "GPU example, verified on {gpu} with torch {torch}, CUDA {cuda}, cuDNN {cudnn} on "
            "{date}: {examples_passed} of {examples} GPU examples passed."
        ),
        "missing": "GPU example, not yet run on a GPU: the tests run it where CUDA is.",
        "stale": (
            "GPU example, not yet run on a GPU in this version: the last GPU run was of other code."
        ),
        "failed": "GPU example, not yet run on a GPU successfully: the last GPU run failed.",
    },
    "zh": {
        "verified": (
            "GPU 示例，已于 {date} 在 {gpu} 上验证（torch {torch}，CUDA {cuda}，cuDNN {cudnn}）："
            "{examples} 个 GPU 示例通过 {examples_passed} 个。"
        ),
        "missing": "GPU 示例，尚未在 GPU 上运行：有 CUDA 的机器上测试会运行它。",
        "stale": "GPU 示例，当前版本尚未在 GPU 上运行：上一次 GPU 运行的是旧代码。",
        "failed": "GPU 示例，尚未在 GPU 上成功运行：上一次 GPU 运行失败。",
    },
}


def note(language: str, record: dict[str, Any] | None, digest: str) -> str:
    """The HTML that replaces each marker, in `language`."""
    state = status(record, digest)
    text = TEXT.get(language, TEXT["en"])[state]
    if state == "verified":
        text = text.format(**record)
    return f'<p class="lstm-gpu-record" data-gpu-record="{state}">{html.escape(text)}</p>'


# The `cuda` tests, without the root conftest: it needs sybil and the docs toolchain, and a GPU
# machine may have only torch, pytest and hypothesis.
PYTEST_ARGS = [
    "--noconftest",
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
    record = make_record(results, sections_digest())
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
