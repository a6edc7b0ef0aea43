"""Run scripts as a reader would: `python <file>.py`, each in a fresh Python, side by side.

Each script runs in its own empty folder (so nothing from this repository is importable) with
`PYTHONPATH` unset, under the Python that runs the tests (the one with the requirements).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Hashable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

Key = TypeVar("Key", bound=Hashable)
TIMEOUT = 600


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
        The finished process of each script (`returncode`, `stdout`, `stderr`), by key.
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

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = {
            key: pool.submit(run, code, (names or {}).get(key, "copied.py"))
            for key, code in scripts.items()
        }
        return {key: future.result() for key, future in futures.items()}


def failure(result: subprocess.CompletedProcess[str]) -> str:
    """What a failed run printed, for an assertion message."""
    return f"exit status {result.returncode}\n{result.stdout}\n{result.stderr}"
