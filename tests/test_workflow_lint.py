"""The CI workflow: zizmor finds nothing in it (offline), and its shape keeps the supply chain
closed: actions pinned by commit, installs only from the hash-locked files, and a deploy job that
runs no project code and publishes the site the tests checked."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.docs_layout import ROOT
from tests.site_build import site_folder

GITHUB = ROOT / ".github"
WORKFLOW = GITHUB / "workflows" / "docs.yml"
PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def zizmor(*inputs: Path) -> subprocess.CompletedProcess[str]:
    """zizmor, offline (no GitHub API), from the venv that runs the tests."""
    executable = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which(
        "zizmor"
    )
    assert executable, "zizmor not found: it is pinned in requirements.txt (bash .ci/test installs)"
    return subprocess.run(
        [executable, "--offline", "--no-progress", *map(str, inputs)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_zizmor_finds_nothing() -> None:
    run = zizmor(GITHUB)
    assert run.returncode == 0, f"zizmor's findings:\n{run.stdout}\n{run.stderr}"


@pytest.mark.parametrize(
    ("old", "new", "audit"),
    [
        (
            "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2",
            "actions/checkout@v4",
            "unpinned-uses",
        ),
        (
            "      - run: bash .ci/run\n",
            '      - run: echo "${{ github.event.pull_request.title }}"\n'
            "      - run: bash .ci/run\n",
            "template-injection",
        ),
        ("        with:\n          persist-credentials: false\n", "", "artipacked"),
    ],
)
def test_zizmor_fails_on_a_planted_problem(tmp_path: Path, old: str, new: str, audit: str) -> None:
    planted = tmp_path / ".github"
    shutil.copytree(GITHUB, planted)
    workflow = planted / "workflows" / WORKFLOW.name
    text = workflow.read_text(encoding="utf-8")
    assert old in text
    workflow.write_text(text.replace(old, new, 1), encoding="utf-8")
    run = zizmor(planted)
    assert run.returncode != 0 and audit in run.stdout, run.stdout


def test_every_action_is_pinned_by_commit_with_its_version() -> None:
    lines = [line for line in WORKFLOW.read_text().splitlines() if "uses:" in line]
    assert lines and not [line for line in lines if not PINNED.match(line)]


def jobs() -> dict[str, dict]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]


def test_every_job_has_a_timeout() -> None:
    assert {name for name, job in jobs().items() if "timeout-minutes" not in job} == set()


def test_only_the_deploy_job_can_write_and_it_runs_no_project_code() -> None:
    deploy = jobs()["deploy"]
    assert [step.get("uses", "").split("@")[0] for step in deploy["steps"]] == [
        "actions/deploy-pages"
    ]
    assert not any("run" in step for step in deploy["steps"])
    assert deploy["concurrency"]["cancel-in-progress"] is False
    writers = {
        name for name, job in jobs().items() if "write" in (job.get("permissions") or {}).values()
    }
    assert writers == {"deploy"}
    assert "write" not in yaml.safe_load(WORKFLOW.read_text())["permissions"].values()


def test_the_test_job_uploads_the_site_its_suite_built() -> None:
    steps = jobs()["test"]["steps"]
    suite = next(step for step in steps if step.get("run") == "bash .ci/run")
    upload = next(step for step in steps if "upload-pages-artifact" in step.get("uses", ""))
    assert steps.index(upload) > steps.index(suite)
    assert upload["with"]["path"] == suite["env"]["SITE_DIR"]
    assert suite["env"]["SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")


def install_commands() -> list[tuple[str, str]]:
    """Every `pip install` in .ci/ and the workflows, continuation lines joined."""
    found = []
    for path in [*sorted((ROOT / ".ci").iterdir()), *sorted((GITHUB / "workflows").iterdir())]:
        if path.suffix not in ("", ".sh", ".yml") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8").replace("\\\n", " ")
        for line in text.splitlines():
            code = line.split(" #", 1)[0]
            if re.search(r"\bpip install\b", code) and not code.lstrip().startswith("#"):
                found.append((path.name, code.strip()))
    return found


def test_every_install_is_hash_checked_and_names_its_index() -> None:
    commands = install_commands()
    assert len(commands) >= 4, commands
    for name, command in commands:
        # .ci/compat's torch under test is installed by version: the lock has no hash for it.
        if name == "compat" and '"torch==$version"' in command:
            continue
        assert "--require-hashes" in command and "--index-url" in command, (name, command)
    for path in [*(ROOT / ".ci").iterdir(), *(GITHUB / "workflows").iterdir()]:
        if path.is_file() and path.suffix in ("", ".sh", ".yml"):
            text = path.read_text(encoding="utf-8").lower()
            assert "extra-index-url" not in text and "extra_index_url" not in text, path


def test_the_site_folder_is_site_dir_when_set_and_must_start_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    target = tmp_path / "out" / "site"

    def temporary() -> Path:
        return tmp_path_factory.mktemp("site")

    monkeypatch.setenv("SITE_DIR", str(target))
    assert site_folder(temporary) == target and target.is_dir()
    (target / "stale.html").write_text("from an earlier build")
    with pytest.raises(pytest.UsageError, match="is not an empty folder"):
        site_folder(temporary)
    monkeypatch.delenv("SITE_DIR")
    assert site_folder(temporary) != target
