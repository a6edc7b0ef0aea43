"""MkDocs hook: the torch version stamp on every page, and the table of docs/versions.md.

- The stamp says what `torch.__version__` reports, build label included (`2.13.0+cpu`,
  `2.14.1+cu130`): the installed package's metadata leaves the label out of PyPI's CUDA builds
  (`2.14.1`). It is read from torch/version.py, which torch's `__version__` comes from, without
  importing torch: a few milliseconds instead of over a second per build (`import torch`).
- `bash .ci/compat <version>` runs the suite on another torch and writes
  `results/compat/torch-<torch.__version__>.json` (tests/compat_report.py). A line
  `<!-- torch-versions -->` on a page becomes a table of those files in the page's language,
  one row per file, at every build. A malformed file fails the build and names the file.
"""

from __future__ import annotations

import ast
import datetime
import importlib.util
import json
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from packaging.version import InvalidVersion, Version

MARKER = "<!-- torch-versions -->"
RESULTS = Path("results") / "compat"
# Each field of a result file and its type; files may hold more (tests/compat_report.py).
FIELDS: dict[str, type] = {
    "date": str,
    "torch": str,
    "python": str,
    "passed": int,
    "failed": int,
    "errors": int,
    "skipped": int,
    "xfailed": int,
    "xpassed": int,
    "xfailed_tests": list,
    "command": str,
}
COUNTS = ("passed", "failed", "errors", "skipped", "xfailed", "xpassed")
HEADERS = {
    "en": {
        "torch": "torch",
        "python": "Python",
        "date": "date",
        "passed": "passed",
        "failed": "failed",
        "errors": "errors",
        "skipped": "skipped",
        "xfailed": "xfailed",
        "xpassed": "xpassed",
        "command": "command",
    },
    "zh": {
        "torch": "torch",
        "python": "Python",
        "date": "日期",
        "passed": "通过",
        "failed": "失败",
        "errors": "出错",
        "skipped": "跳过",
        "xfailed": "预期失败",
        "xpassed": "意外通过",
        "command": "命令",
    },
}
NO_RESULTS = {
    "en": "No result file in `results/compat/` yet: `bash .ci/compat <version>` writes one.",
    "zh": "`results/compat/` 中还没有结果文件：运行 `bash .ci/compat <版本>` 即可生成。",
}


def installed_torch_version(torch_dir: Path | None = None) -> str:
    """What `torch.__version__` reports, read from torch/version.py without importing torch.

    Args:
        torch_dir: the torch package folder; by default, that of the torch this Python imports.

    Returns:
        The version with its build label, e.g. `2.13.0+cpu` or `2.14.1+cu130`.

    Raises:
        ValueError: torch is not installed, or its version.py assigns no `__version__` string.
    """
    if torch_dir is None:
        spec = importlib.util.find_spec("torch")
        if spec is None or not spec.submodule_search_locations:
            raise ValueError("torch is not installed in the Python that runs the build")
        torch_dir = Path(next(iter(spec.submodule_search_locations)))
    source = torch_dir / "version.py"
    try:
        tree = ast.parse(source.read_text(encoding="utf-8"), str(source))
    except OSError as error:
        raise ValueError(f"cannot read torch's version from {source}: {error}") from error
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign):
            targets, value = [node.target], node.value
        else:
            continue
        if any(isinstance(target, ast.Name) and target.id == "__version__" for target in targets):
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return value.value
    raise ValueError(f"{source} assigns no `__version__ = '<version>'` string")


def read_result(path: Path) -> dict[str, Any]:
    """One result file of `bash .ci/compat`, checked.

    Args:
        path: a `torch-<version>.json` file.

    Returns:
        Its fields.

    Raises:
        ValueError: the file is not JSON, lacks a field or has one of the wrong type (a date
            that is not YYYY-MM-DD, a torch that is not a version), or its name does not match
            the torch version it holds; the message names the file.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: not a readable JSON result file: {error}") from error
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object, got {type(data).__name__}")
    for field, kind in FIELDS.items():
        if field not in data:
            raise ValueError(f"{path}: missing field {field!r} (expected {sorted(FIELDS)})")
        value = data[field]
        if not isinstance(value, kind) or (kind is int and (isinstance(value, bool) or value < 0)):
            raise ValueError(
                f"{path}: field {field!r} should be a {'count' if kind is int else kind.__name__}"
                f", got {value!r}"
            )
    try:
        Version(data["torch"])
    except InvalidVersion as error:
        raise ValueError(f"{path}: {data['torch']!r} is not a torch version") from error
    try:
        datetime.date.fromisoformat(data["date"])
    except ValueError as error:
        raise ValueError(f"{path}: date {data['date']!r} is not YYYY-MM-DD") from error
    if path.name != f"torch-{data['torch']}.json":
        raise ValueError(
            f"{path}: holds torch {data['torch']}, so it should be named torch-{data['torch']}.json"
        )
    return data


def read_results(folder: Path) -> list[dict[str, Any]]:
    """Every result file in a folder, oldest torch first (none if the folder does not exist).

    Args:
        folder: where `bash .ci/compat` writes, e.g. `results/compat`.

    Returns:
        The checked fields of each `*.json` file there.
    """
    results = [read_result(path) for path in sorted(folder.glob("*.json"))]
    return sorted(results, key=lambda data: Version(data["torch"]))


def results_table(results: list[dict[str, Any]], language: str) -> str:
    """The Markdown table of result files, in a page's language.

    Args:
        results: result files' fields (`read_results`).
        language: `en` or `zh`.

    Returns:
        A table with one row per result, or a sentence saying there is none.

    Raises:
        ValueError: for a language other than `en` or `zh`.
    """
    if language not in HEADERS:
        raise ValueError(f"language must be one of {sorted(HEADERS)}, got {language!r}")
    if not results:
        return NO_RESULTS[language]
    columns = ("torch", "python", "date", *COUNTS, "command")
    headers = HEADERS[language]
    lines = [
        "| " + " | ".join(headers[column] for column in columns) + " |",
        "|" + "|".join("---:" if column in COUNTS else "---" for column in columns) + "|",
    ]
    for data in results:
        cells = [f"`{data['torch']}`", data["python"], data["date"]]
        cells += [str(data[count]) for count in COUNTS]
        cells.append(f"`{data['command']}`")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def on_config(config: Any) -> Any:
    # The torch installed next to the build, the one the tests run; never typed by hand.
    try:
        config.extra["torch_version"] = installed_torch_version()
    except ValueError as error:
        raise PluginError(str(error)) from error
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, **kwargs: Any) -> str:
    if MARKER not in markdown:
        return markdown
    folder = Path(config.config_file_path).parent / RESULTS
    try:
        table = results_table(read_results(folder), config.theme["language"])
    except ValueError as error:
        raise PluginError(f"torch versions table of {page.file.src_uri}: {error}") from error
    return markdown.replace(MARKER, table)
