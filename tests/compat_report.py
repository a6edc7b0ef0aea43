"""pytest plugin: record what a run measured, per torch build, for the "Torch versions" page.

`bash .ci/compat <version>` loads it (`-p tests.compat_report --compat-report results/compat`).
After the run it writes `<DIR>/torch-<torch.__version__>.json`, for a passing or a failing run
alike: the date, the torch and Python versions, pytest's own counts (the ones on its summary
line), the node ids of the expected failures, and the command. docs/overrides/versions.py reads
these files and builds the table of docs/versions.md from them.
"""

from __future__ import annotations

import datetime
import json
import platform
import shlex
import time
from pathlib import Path
from typing import Any

import pytest

# pytest's outcome categories (TerminalReporter.stats keys) -> the result file's keys.
COUNTS = {
    "passed": "passed",
    "failed": "failed",
    "error": "errors",
    "skipped": "skipped",
    "xfailed": "xfailed",
    "xpassed": "xpassed",
}
STARTED = pytest.StashKey[float]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("compat", "result files of bash .ci/compat")
    group.addoption(
        "--compat-report",
        metavar="DIR",
        help="write DIR/torch-<torch.__version__>.json with this run's counts",
    )
    group.addoption(
        "--compat-command",
        metavar="TEXT",
        help="the command to record in the result file (default: this pytest command)",
    )


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[STARTED] = time.monotonic()


def result(stats: dict[str, list[Any]], command: str, seconds: float) -> dict[str, Any]:
    """The result file's content for one run.

    Args:
        stats: pytest's reports by outcome (`TerminalReporter.stats`).
        command: the command that ran the suite.
        seconds: how long the run took.

    Returns:
        The fields of the result file (tests/compat_report.py's module docstring lists them).
    """
    import torch

    def node_ids(*outcomes: str) -> list[str]:
        return sorted({report.nodeid for outcome in outcomes for report in stats.get(outcome, [])})

    return {
        "date": datetime.datetime.now(datetime.UTC).date().isoformat(),
        "torch": str(torch.__version__),
        "python": platform.python_version(),
        **{key: len(stats.get(outcome, [])) for outcome, key in COUNTS.items()},
        "xfailed_tests": node_ids("xfailed"),
        "failed_tests": node_ids("failed", "error"),
        "seconds": round(seconds),
        "command": command,
    }


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    folder = config.getoption("compat_report")
    if not folder or hasattr(config, "workerinput"):  # an xdist worker saw only its share
        return
    command = config.getoption("compat_command") or shlex.join(
        ["python", "-m", "pytest", *config.invocation_params.args]
    )
    seconds = time.monotonic() - config.stash.get(STARTED, time.monotonic())
    data = result(terminalreporter.stats, command, seconds)
    path = Path(config.invocation_params.dir, folder, f"torch-{data['torch']}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    terminalreporter.write_line(f"compat result written to {path}")
