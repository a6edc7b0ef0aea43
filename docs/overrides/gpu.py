"""MkDocs hook: what the GPU page says about its GPU examples, from the committed record.

`bash .ci/gpu`, on a machine with a CUDA GPU, runs every section of snippets/gpu_cuda.py as a
doctest (tests/gpu_record.py) and, when all pass, writes RECORD: the GPU, the torch, CUDA and
cuDNN versions, the date, the number of examples passed and a SHA-256 of the sections it ran.
Each `<!-- gpu-record -->` line on a page becomes `note()` in the page's language: "verified on
..." only for a valid record whose hash matches the sections as they are now; otherwise "not
yet run on a GPU". A malformed record fails the build. Standard library only: the build, the
tests (tests/test_gpu.py, with temporary records) and a bare GPU machine all load this file.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CUDA_SNIPPETS = ROOT / "snippets" / "gpu_cuda.py"
RECORD = ROOT / ".ci" / "gpu-record.json"
MARKER = "<!-- gpu-record -->"
# The sections as pymdownx.snippets cuts them (tests/docs_layout.py's `sections` is the full
# parser with its checks; tests/test_gpu.py checks that the two agree).
SECTION = re.compile(
    r"^# --8<-- \[start:(?P<name>[^\]]+)\]\n(?P<body>.*?)\n?^# --8<-- \[end:(?P=name)\]",
    re.M | re.S,
)
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


def sections(snippets: Path = CUDA_SNIPPETS) -> dict[str, str]:
    """Each section of a snippet file, name to code, in file order."""
    text = snippets.read_text(encoding="utf-8")
    return {m["name"]: m["body"] for m in SECTION.finditer(text)}


def sections_digest(snippets: Path = CUDA_SNIPPETS) -> str:
    """SHA-256 of the GPU sections, names and code: any change to them makes a record stale."""
    text = json.dumps(sections(snippets), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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


def on_page_content(html_text: str, page: Any, config: Any, files: Any) -> str:
    if MARKER not in html_text:
        return html_text
    # mkdocs-static-i18n builds each language with theme.language set to that language.
    return html_text.replace(MARKER, note(config.theme["language"], load(), sections_digest()))
