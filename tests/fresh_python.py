"""Run scripts as a reader would: `python <file>.py`, each in a fresh Python, side by side.

Each script runs in its own empty folder (so nothing from this repository is importable) with
`PYTHONPATH` unset, under the Python that runs the tests (the one with the requirements).

A script runs once per test session: the same bytes under the same file name give the same run,
so a second test that asks for it (a page's published download is byte for byte the page-order
script of tests/test_copied_code_runs.py) reads the first run's result.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Hashable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

Key = TypeVar("Key", bound=Hashable)
TIMEOUT = 600
# Every run of this session, by (file name, code).
RUNS: dict[tuple[str, str], subprocess.CompletedProcess[str]] = {}


def run_alone(
    scripts: Mapping[Key, str], names: Mapping[Key, str] | None = None
) -> dict[Key, subprocess.CompletedProcess[str]]:
    """Run each script in a fresh Python in its own empty folder, several at once.

    Args:
        scripts: the code to run, by any key the caller finds its results under.
        names: the file name each script is saved as and run under (default `copied.py`): a
            name like `random.py` would shadow a module the code imports, as it would for
            the reader.

    Returns:
        The finished process of each script (`returncode`, `stdout`, `stderr`), by key: a
        script this session already ran under the same name is not run again.
    """
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}

    def run(code: str, name: str) -> subprocess.CompletedProcess[str]:
        with tempfile.TemporaryDirectory(prefix="fresh-python-") as folder:
            (Path(folder) / name).write_text(code, encoding="utf-8")
            return subprocess.run(
                [sys.executable, name],
                cwd=folder,
                env=env,
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
            )

    wanted = {key: ((names or {}).get(key, "copied.py"), code) for key, code in scripts.items()}
    missing = {script for script in wanted.values() if script not in RUNS}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = {script: pool.submit(run, script[1], script[0]) for script in missing}
        RUNS.update({script: future.result() for script, future in futures.items()})
    return {key: RUNS[script] for key, script in wanted.items()}


def failure(result: subprocess.CompletedProcess[str]) -> str:
    """What a failed run printed, for an assertion message."""
    return f"exit status {result.returncode}\n{result.stdout}\n{result.stderr}"


def selected(request: Any, *names: str) -> set[tuple[Any, ...]]:
    """The values of the parameters `names` of each test that this session runs (`-k` deselects
    the others) and that uses the requesting fixture: it runs only the scripts they check."""
    return {
        tuple(item.callspec.params[name] for name in names)
        for item in request.session.items
        if request.fixturename in getattr(item, "fixturenames", ()) and hasattr(item, "callspec")
    }
