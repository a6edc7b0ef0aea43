"""MkDocs hook: the "known issues" table of the compile-and-export page, never typed by hand.

Each upstream limitation that the page shows is a test in
`tests/test_compile_and_export_known_issues.py`, decorated with
`@known_issue(<number>, raises=...)`, which marks it `xfail(strict=True)` with the issue's
link: the day a torch release fixes it, the test passes, strict xfail fails the suite, and the
page gets updated.

The table is generated at every build from those decorators (read from the test file's syntax
tree, so the build never imports torch) and from `ISSUES` below, the one place that holds each
issue's link, symptom and workaround in both languages. The column "observed on" comes from the
result files that `.ci/compat` writes, `results/compat/torch-<version>.json`, each listing the
node ids of the tests that xfailed with that torch: a version is listed only where a recorded run
saw the test xfail.

A page asks for the table with `<!-- known-issues -->` on a line of its own.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests" / "test_compile_and_export_known_issues.py"
RESULTS = ROOT / "results" / "compat"
MARKER = "<!-- known-issues -->"
REPOSITORY = "https://github.com/pytorch/pytorch/issues/"


@dataclass(frozen=True)
class Issue:
    """One upstream issue: what a reader sees and what works instead, in each language."""

    title: str  # the thread's title, shown when the link is hovered
    symptom: dict[str, str]
    workaround: dict[str, str]

    def __post_init__(self) -> None:
        for name in ("symptom", "workaround"):
            languages = set(getattr(self, name))
            if languages != set(LANGUAGES):
                raise ValueError(f"{name} must be given in {LANGUAGES}, got {sorted(languages)}")


LANGUAGES = ("en", "zh")

ISSUES: dict[int, Issue] = {
    158007: Issue(
        title="torch.compile cannot compile a model with a basic LSTM",
        symptom={
            "en": "`torch.compile(model, fullgraph=True)` raises `Unsupported: Attempted to wrap "
            "RNN, GRU, or LSTM`; without `fullgraph` the whole `forward` runs eagerly",
            "zh": "`torch.compile(model, fullgraph=True)` 抛出 `Unsupported: Attempted to wrap "
            "RNN, GRU, or LSTM`；不加 `fullgraph` 时整个 `forward` 回退为 eager 执行",
        },
        workaround={
            "en": "compile without `fullgraph`: same results as eager, no speed-up",
            "zh": "不加 `fullgraph` 编译：结果与 eager 相同，但没有加速",
        },
    ),
    162375: Issue(
        title="torch.compile fails with pack_padded_sequence + pad_packed_sequence",
        symptom={
            "en": "with `fullgraph=True`, `pack_padded_sequence` raises `Unsupported: Attempted "
            "to call function marked as skipped`",
            "zh": "加 `fullgraph=True` 时，`pack_padded_sequence` 抛出 `Unsupported: Attempted "
            "to call function marked as skipped`",
        },
        workaround={
            "en": "compile without `fullgraph`: the packed model runs eagerly, same results",
            "zh": "不加 `fullgraph` 编译：打包模型以 eager 方式运行，结果相同",
        },
    ),
    115092: Issue(
        title="Unable to trace LSTM with dynamic shapes",
        symptom={
            "en": "`torch.export` with a dynamic sequence length: `You marked L as dynamic but "
            "your code specialized it to be a constant`",
            "zh": "`torch.export` 把序列长度设为动态时报错：`You marked L as dynamic but your "
            "code specialized it to be a constant`",
        },
        workaround={
            "en": "export at a fixed bucket length, pad shorter inputs at the end and slice "
            "the output (unidirectional model)",
            "zh": "按固定的分桶长度导出，较短的输入在末尾用零填充，再截取输出（单向模型）",
        },
    ),
    171978: Issue(
        title="torch.export fails on models using pack_padded_sequence with LSTM",
        symptom={
            "en": "`torch.export` of a packed model raises `TypeError: zeros(): argument "
            "'size' ... got FakeTensor`; so does `torch.onnx.export(..., dynamo=True)`",
            "zh": "导出打包模型时 `torch.export` 抛出 `TypeError: zeros(): argument 'size' "
            "... got FakeTensor`；`torch.onnx.export(..., dynamo=True)` 同样失败",
        },
        workaround={
            "en": "the legacy ONNX exporter (`dynamo=False`) exports it, with the lengths as an "
            "input",
            "zh": "旧版 ONNX 导出器（`dynamo=False`）可以导出，长度作为模型输入",
        },
    ),
}

HEADERS = {
    "en": ("Issue", "Symptom", "Workaround", "Torch versions it was observed on"),
    "zh": ("上游问题", "现象", "绕过办法", "观察到该问题的 torch 版本"),
}
NO_RESULTS = {
    "en": "no compat run recorded yet",
    "zh": "尚无兼容性运行记录",
}
NOT_OBSERVED = {
    "en": "not seen in the recorded runs",
    "zh": "已记录的运行中未出现",
}


def url(number: int) -> str:
    """The issue's address in PyTorch's tracker."""
    if number not in ISSUES:
        raise ValueError(f"pytorch#{number} is not in ISSUES (known: {sorted(ISSUES)})")
    return f"{REPOSITORY}{number}"


def reason(number: int) -> str:
    """The xfail reason a test carries: the issue's link and its symptom."""
    return f"{url(number)}: {ISSUES[number].symptom['en']}"


@dataclass(frozen=True)
class MarkedTest:
    """A test decorated with `@known_issue(number, ...)`."""

    node_id: str
    issue: int


def marked_tests(path: Path = TESTS) -> list[MarkedTest]:
    """Every test in `path` decorated with `@known_issue(<number>, ...)`, in file order.

    Args:
        path: A test file.

    Returns:
        Its marked tests, with pytest node ids relative to the repository root.

    Raises:
        ValueError: If a decorator names its issue with anything but an integer literal.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    resolved = path.resolve()
    relative = resolved.relative_to(ROOT).as_posix() if resolved.is_relative_to(ROOT) else path.name
    found = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            if (
                isinstance(decorator, ast.Call)
                and isinstance(decorator.func, ast.Name)
                and decorator.func.id == "known_issue"
            ):
                first = decorator.args[0] if decorator.args else None
                if not (isinstance(first, ast.Constant) and isinstance(first.value, int)):
                    raise ValueError(
                        f"{path.name}:{node.lineno}: @known_issue needs the issue number "
                        "as an integer literal"
                    )
                found.append(MarkedTest(f"{relative}::{node.name}", first.value))
    return found


def compat_results(results: Path = RESULTS) -> list[dict[str, Any]]:
    """The result files of `.ci/compat`, one per torch version, sorted by version.

    Args:
        results: The folder holding `torch-<version>.json` files.

    Returns:
        The parsed files (empty if there are none).

    Raises:
        ValueError: If a file lacks `torch` or `xfailed_tests`.
    """
    found = []
    for file in sorted(results.glob("torch-*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        missing = {"torch", "xfailed_tests"} - set(data)
        if missing:
            raise ValueError(f"{file}: missing {sorted(missing)}")
        found.append(data)
    return sorted(found, key=lambda data: _version_key(data["torch"]))


def _version_key(version: str) -> tuple[int, ...]:
    release = version.split("+", 1)[0]
    return tuple(int(part) if part.isdigit() else 0 for part in release.split("."))


def observed_on(node_id: str, results: list[dict[str, Any]], language: str) -> str:
    """The torch versions whose recorded run saw `node_id` xfail, or why there are none."""
    if not results:
        return NO_RESULTS[language]
    versions = [data["torch"] for data in results if node_id in data["xfailed_tests"]]
    return ", ".join(versions) if versions else NOT_OBSERVED[language]


def table(language: str, tests: Path = TESTS, results: Path = RESULTS) -> str:
    """The known-issues table in Markdown, one row per marked test.

    Args:
        language: `en` or `zh`.
        tests: The test file whose `@known_issue` decorators list the issues.
        results: The folder of compat result files.

    Returns:
        A Markdown table.

    Raises:
        ValueError: If `language` is unknown, or a test names an issue missing from ISSUES.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {language!r}")
    recorded = compat_results(results)
    lines = [
        "| " + " | ".join(HEADERS[language]) + " |",
        "|" + "---|" * len(HEADERS[language]),
    ]
    for test in marked_tests(tests):
        issue = ISSUES.get(test.issue)
        if issue is None:
            raise ValueError(f"{test.node_id} names pytorch#{test.issue}, which is not in ISSUES")
        cells = (
            f'[pytorch#{test.issue}]({url(test.issue)} "{issue.title}")',
            issue.symptom[language],
            issue.workaround[language],
            observed_on(test.node_id, recorded, language),
        )
        lines.append("| " + " | ".join(cell.replace("|", r"\|") for cell in cells) + " |")
    return "\n".join(lines)


def page_language(page: Any) -> str:
    """The language of a page built by mkdocs-static-i18n (suffix layout)."""
    return "zh" if page.file.src_uri.endswith(".zh.md") else "en"


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, table(page_language(page)))
