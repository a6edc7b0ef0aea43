"""The known-issues table (docs/overrides/known_issues.py) is computed, never typed.

Its rows come from the `@known_issue` decorators of the strict-xfail tests, and its column of
torch versions from the result files of `.ci/compat` (`results/compat/torch-<version>.json`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.docs_layout import Page
from tests.test_compile_and_export_known_issues import known_issues

NODE = (
    "tests/test_compile_and_export_known_issues.py::test_export_keeps_the_sequence_length_dynamic"
)


def write_result(folder: Path, version: str, xfailed: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    result = {
        "date": "2026-11-30",
        "torch": version,
        "python": "3.11.7",
        "passed": 1,
        "failed": 0,
        "skipped": 0,
        "xfailed": len(xfailed),
        "xpassed": 0,
        "xfailed_tests": xfailed,
    }
    (folder / f"torch-{version}.json").write_text(json.dumps(result), encoding="utf-8")


def rows(markdown: str) -> list[list[str]]:
    lines = markdown.splitlines()[2:]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines]


def test_without_result_files_the_column_says_so(tmp_path: Path) -> None:
    table = rows(known_issues().table("en", results=tmp_path))
    assert {row[3] for row in table} == {"no compat run recorded yet"}
    table = rows(known_issues().table("zh", results=tmp_path))
    assert {row[3] for row in table} == {"尚无兼容性运行记录"}


def test_versions_come_from_the_result_files(tmp_path: Path) -> None:
    write_result(tmp_path, "2.14.1+cu130", [NODE])
    write_result(tmp_path, "2.13.0+cpu", [NODE])
    write_result(tmp_path, "2.15.0+cpu", [])
    table = {
        row[0].split("]")[0]: row[3] for row in rows(known_issues().table("en", results=tmp_path))
    }
    assert table["[pytorch#115092"] == "2.13.0+cpu, 2.14.1+cu130"
    assert table["[pytorch#158007"] == "not seen in the recorded runs"


def test_a_result_file_without_its_xfailed_tests_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "torch-2.13.0.json").write_text('{"torch": "2.13.0"}', encoding="utf-8")
    with pytest.raises(ValueError, match="xfailed_tests"):
        known_issues().table("en", results=tmp_path)


def test_rows_follow_the_decorated_tests(tmp_path: Path) -> None:
    tests = tmp_path / "test_x.py"
    tests.write_text(
        "@known_issue(171978, raises=TypeError)\ndef test_a():\n    pass\n\n"
        "def test_b():\n    pass\n",
        encoding="utf-8",
    )
    table = rows(known_issues().table("en", tests=tests, results=tmp_path))
    assert [row[0].split(" ")[0] for row in table] == [
        "[pytorch#171978](https://github.com/pytorch/pytorch/issues/171978"
    ]


def test_an_issue_missing_from_the_registry_is_rejected(tmp_path: Path) -> None:
    tests = tmp_path / "test_x.py"
    tests.write_text("@known_issue(1, raises=TypeError)\ndef test_a():\n    pass\n")
    with pytest.raises(ValueError, match="pytorch#1,"):
        known_issues().table("en", tests=tests, results=tmp_path)


def test_an_issue_needs_both_languages() -> None:
    with pytest.raises(ValueError, match="symptom must be given in"):
        known_issues().Issue(title="t", symptom={"en": "s"}, workaround={"en": "w", "zh": "w"})


def test_an_unknown_language_is_rejected() -> None:
    with pytest.raises(ValueError, match="language must be one of"):
        known_issues().table("fr")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_page_shows_the_generated_table(site: Path, language: str) -> None:
    html = Page("compile-and-export").built(site, language).read_text(encoding="utf-8")
    table = BeautifulSoup(html, "html.parser").select_one("#known-issues ~ table")
    assert table is not None
    links = [a["href"] for a in table.select("tbody a")]
    expected = [known_issues().url(t.issue) for t in known_issues().marked_tests()]
    assert links == expected
