"""The torch versions the site claims: the version stamp, the result files of `bash .ci/compat`
(tests/compat_report.py) and the table of docs/versions.md built from them
(docs/overrides/versions.py)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import torch
from bs4 import BeautifulSoup

from tests.compat_report import result
from tests.docs_layout import DOCS, LANGUAGES, ROOT, Page


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("versions_hook", DOCS / "overrides/versions.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hook = load_hook()


def a_result(torch_version: str, **changes: Any) -> dict[str, Any]:
    data = {
        "date": "2026-11-30",
        "torch": torch_version,
        "python": "3.11.7",
        "passed": 2000,
        "failed": 0,
        "errors": 0,
        "skipped": 3,
        "xfailed": 1,
        "xpassed": 0,
        "xfailed_tests": ["tests/test_x.py::test_known_issue"],
        "failed_tests": [],
        "seconds": 200,
        "command": f"bash .ci/compat {torch_version.split('+')[0]}",
    }
    return data | changes


def write(folder: Path, data: Any, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"torch-{data['torch']}.json")
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


# --- the stamp -----------------------------------------------------------------------------


def test_stamp_reads_what_the_installed_torch_reports() -> None:
    assert hook.installed_torch_version() == str(torch.__version__)


@pytest.mark.parametrize(
    "source",
    [
        "__version__ = '2.14.1+cu130'\n",
        "from typing import Optional\n__version__: str = '2.14.1+cu130'\ncuda = '13.0'\n",
    ],
)
def test_stamp_keeps_the_build_label(tmp_path: Path, source: str) -> None:
    # PyPI's CUDA build of 2.14.1 has `2.14.1` in its metadata and `2.14.1+cu130` here.
    (tmp_path / "version.py").write_text(source)
    assert hook.installed_torch_version(tmp_path) == "2.14.1+cu130"


@pytest.mark.parametrize(
    "source, message",
    [(None, "cannot read"), ("cuda = '13.0'\n", "assigns no"), ("__version__ = 2\n", "assigns no")],
)
def test_stamp_without_a_version_string_is_an_error(
    tmp_path: Path, source: str | None, message: str
) -> None:
    if source is not None:
        (tmp_path / "version.py").write_text(source)
    with pytest.raises(ValueError, match=message):
        hook.installed_torch_version(tmp_path)


# --- result files and the table ------------------------------------------------------------


def test_table_rows_come_from_the_result_files_oldest_torch_first(tmp_path: Path) -> None:
    folder = tmp_path / "results" / "compat"
    write(folder, a_result("2.13.0+cpu", passed=2352, skipped=4))
    write(folder, a_result("2.9.1+cpu", failed=7, xfailed=0, date="2026-01-02"))
    results = hook.read_results(folder)
    assert [r["torch"] for r in results] == ["2.9.1+cpu", "2.13.0+cpu"]  # not text order
    table = hook.results_table(results, "en").splitlines()
    assert table[0] == (
        "| torch | Python | date | passed | failed | errors | skipped | xfailed | xpassed "
        "| command |"
    )
    assert table[1] == "|---|---|---|---:|---:|---:|---:|---:|---:|---|"
    assert table[2] == (
        "| `2.9.1+cpu` | 3.11.7 | 2026-01-02 | 2000 | 7 | 0 | 3 | 0 | 0 | `bash .ci/compat 2.9.1` |"
    )
    assert table[3] == (
        "| `2.13.0+cpu` | 3.11.7 | 2026-11-30 | 2352 | 0 | 0 | 4 | 1 | 0 | "
        "`bash .ci/compat 2.13.0` |"
    )
    assert len(table) == 4


def test_table_headers_are_in_the_page_language(tmp_path: Path) -> None:
    results = [a_result("2.14.1+cu130")]
    assert hook.results_table(results, "en").startswith(
        "| torch | Python | date | passed | failed | errors | skipped | xfailed | xpassed |"
    )
    assert hook.results_table(results, "zh").startswith(
        "| torch | Python | 日期 | 通过 | 失败 | 出错 | 跳过 | 预期失败 | 意外通过 | 命令 |"
    )
    with pytest.raises(ValueError, match="language must be one of"):
        hook.results_table(results, "fr")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_result_file_says_so(tmp_path: Path, language: str) -> None:
    results = hook.read_results(tmp_path / "absent")
    assert results == []
    assert hook.results_table(results, language) == hook.NO_RESULTS[language]
    assert "bash .ci/compat" in hook.NO_RESULTS[language]


MALFORMED = {
    "not JSON": ("{'torch': ", None, "not a readable JSON result file"),
    "not an object": ("[1, 2]", None, "expected a JSON object"),
    "missing count": (a_result("2.13.0+cpu") | {"passed": None}, None, "'passed' should be a"),
    "missing field": (
        {k: v for k, v in a_result("2.13.0+cpu").items() if k != "xfailed_tests"},
        None,
        "missing field 'xfailed_tests'",
    ),
    "count as text": (a_result("2.13.0+cpu", failed="0"), None, "'failed' should be a count"),
    "negative count": (a_result("2.13.0+cpu", skipped=-1), None, "'skipped' should be a count"),
    "boolean count": (a_result("2.13.0+cpu", xpassed=True), None, "'xpassed' should be a count"),
    "not a version": (a_result("latest"), None, "'latest' is not a torch version"),
    "not a date": (a_result("2.13.0+cpu", date="30/11/2026"), None, "is not YYYY-MM-DD"),
    "name and content disagree": (
        a_result("2.14.1+cu130"),
        "torch-2.14.1.json",
        "should be named torch-2.14.1+cu130.json",
    ),
}


@pytest.mark.parametrize("data, name, message", MALFORMED.values(), ids=list(MALFORMED))
def test_malformed_result_file_is_rejected_by_name(
    tmp_path: Path, data: Any, name: str | None, message: str
) -> None:
    path = write(tmp_path, data, name or "torch-2.13.0+cpu.json")
    with pytest.raises(ValueError) as error:
        hook.read_results(tmp_path)
    assert str(path) in str(error.value)
    assert message in str(error.value)


def mini_project(tmp_path: Path, language: str) -> Path:
    """A one-page site that uses the real hook, with its own results/compat/ folder."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(f"# Versions\n\n{hook.MARKER}\n")
    (tmp_path / "mkdocs.yml").write_text(
        textwrap.dedent(f"""\
            site_name: scratch
            theme:
              name: material
              language: {language}
            markdown_extensions: [tables]
            hooks:
              - {DOCS / "overrides" / "versions.py"}
            """)
    )
    return tmp_path


def build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "out")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def table_rows(html: Path) -> list[list[str]]:
    table = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one(
        "article table"
    )
    assert table is not None, f"{html} has no table"
    return [[cell.get_text(strip=True) for cell in row.select("th, td")] for row in table("tr")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_build_renders_the_table_from_temporary_result_files(tmp_path: Path, language: str) -> None:
    project = mini_project(tmp_path, language)
    write(project / "results" / "compat", a_result("2.15.0+cpu", passed=1234))
    result = build(project)
    assert result.returncode == 0, result.stderr
    rows = table_rows(project / "out" / "index.html")
    assert rows[0] == list(hook.HEADERS[language].values())
    assert rows[1:] == [
        ["2.15.0+cpu", "3.11.7", "2026-11-30", "1234", "0", "0", "3", "1", "0"]
        + ["bash .ci/compat 2.15.0"]
    ]


def test_malformed_result_file_fails_the_build_with_its_name(tmp_path: Path) -> None:
    project = mini_project(tmp_path, "en")
    broken = {k: v for k, v in a_result("2.15.0+cpu").items() if k != "passed"}
    write(project / "results" / "compat", broken)
    result = build(project)
    assert result.returncode != 0
    assert "torch versions table of index.md" in result.stderr, result.stderr
    assert "torch-2.15.0+cpu.json: missing field 'passed'" in result.stderr, result.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_versions_page_lists_every_committed_result_file(site: Path, language: str) -> None:
    results = hook.read_results(ROOT / hook.RESULTS)
    built = Page("versions").built(site, language)
    if not results:
        text = BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser").get_text()
        assert hook.NO_RESULTS[language].replace("`", "") in text
        return
    rows = table_rows(built)
    assert rows[0] == list(hook.HEADERS[language].values())
    assert [row[0] for row in rows[1:]] == [data["torch"] for data in results]
    for row, data in zip(rows[1:], results, strict=True):
        assert row == [data["torch"], data["python"], data["date"]] + [
            str(data[count]) for count in hook.COUNTS
        ] + [data["command"]]


# --- the result files: tests/compat_report.py ------------------------------------------------


def test_result_file_holds_pytests_own_counts_and_the_xfailed_ids(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        test_sample="""
        import pytest

        @pytest.fixture
        def broken():
            raise RuntimeError("setup fails")

        def test_passes(): pass
        def test_passes_too(): pass
        def test_fails(): assert False
        def test_errors(broken): pass
        def test_skips(): pytest.skip("why")

        @pytest.mark.xfail(reason="upstream", strict=True)
        def test_known_issue(): assert False

        @pytest.mark.xfail(reason="flaky upstream", strict=False)
        def test_fixed_upstream(): pass
        """
    )
    run = pytester.runpytest(
        "-p", "tests.compat_report", "--compat-report", "out", "--compat-command", "the command"
    )
    run.assert_outcomes(passed=2, failed=1, errors=1, skipped=1, xfailed=1, xpassed=1)
    assert run.ret == pytest.ExitCode.TESTS_FAILED  # a failing run still writes its file
    path = pytester.path / "out" / f"torch-{torch.__version__}.json"
    data = hook.read_result(path)  # what the writer writes, the reader accepts
    assert {key: data[key] for key in hook.COUNTS} == {
        "passed": 2,
        "failed": 1,
        "errors": 1,
        "skipped": 1,
        "xfailed": 1,
        "xpassed": 1,
    }
    assert data["xfailed_tests"] == ["test_sample.py::test_known_issue"]
    assert data["failed_tests"] == ["test_sample.py::test_errors", "test_sample.py::test_fails"]
    assert data["torch"] == str(torch.__version__)
    assert data["python"] == ".".join(map(str, sys.version_info[:3]))
    assert data["command"] == "the command"


def test_result_has_the_fields_the_page_reads() -> None:
    data = result({}, "bash .ci/compat 2.13.0", 1.4)
    assert set(hook.FIELDS) <= set(data)
    assert data["passed"] == 0 and data["seconds"] == 1


def test_compat_command_refuses_a_missing_or_malformed_version() -> None:
    for args in ([], ["latest"], ["2.14"]):
        run = subprocess.run(
            ["bash", str(ROOT / ".ci" / "compat"), *args], capture_output=True, text=True
        )
        assert run.returncode == 2, run
        assert "usage: bash .ci/compat <torch version" in run.stderr


def test_ci_matrix_checks_the_pin_and_every_version_the_site_lists() -> None:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "docs.yml").read_text())
    matrix = workflow["jobs"]["torch-versions"]["strategy"]["matrix"]["torch"]
    pin = next(
        line.split("==", 1)[1].strip()
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.startswith("torch==")
    )
    assert pin in matrix
    listed = {data["torch"].split("+")[0] for data in hook.read_results(ROOT / hook.RESULTS)}
    assert listed <= set(matrix), (
        f"listed on the site but not checked in CI: {listed - set(matrix)}"
    )
