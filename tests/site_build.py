"""The site, built once per test run by `mkdocs build --strict` and shared by every test that
reads it, across pytest-xdist's workers.

The build is a subprocess started as soon as the tests are collected, so it runs while the first
tests (the examples, which need no site) do. Every xdist worker collects the same tests: the first
to take the lock beside the run's temporary folders starts the build and writes its outcome
there; the others wait for that outcome. A worker that finds the lock free and no outcome (its
builder died) builds the site itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest
from filelock import FileLock, Timeout

from tests.docs_layout import ROOT

OUTCOME = "site.json"


def run_folder(basetemp: Path) -> Path:
    """The folder every worker of this run shares: under xdist, each worker's basetemp is a
    subfolder of the controller's."""
    return basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp


def check_site_dir() -> Path | None:
    """SITE_DIR as an absolute path, if set; it must be absent or an empty folder.

    CI sets SITE_DIR and deploys that folder as it is after the tests: the very files they
    checked. So nothing in it may predate this build.
    """
    chosen = os.environ.get("SITE_DIR")
    if not chosen:
        return None
    out = Path(chosen).resolve()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise pytest.UsageError(
            f"SITE_DIR={chosen} is not an empty folder: the suite builds the site there afresh"
        )
    return out


def site_folder(make_temporary: Callable[[], Path]) -> Path:
    """Where the run builds the site: SITE_DIR when set (see `check_site_dir`), else
    `make_temporary()`."""
    out = check_site_dir()
    if out is None:
        return make_temporary()
    out.mkdir(parents=True, exist_ok=True)
    return out


def mkdocs_build(out: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)]


class SharedBuild:
    """One build for the whole run (`mkdocs build --strict` by default), whichever worker
    starts it."""

    def __init__(
        self,
        folder: Path,
        make_temporary: Callable[[], Path],
        command: Callable[[Path], list[str]] = mkdocs_build,
    ) -> None:
        self.folder = folder
        self.make_temporary = make_temporary
        self.command = command
        self.lock = FileLock(folder / "site.lock")
        self.outcome = folder / OUTCOME
        self.process: subprocess.Popen[bytes] | None = None
        self.stderr: IO[str] | None = None
        self.out: Path | None = None

    def start(self) -> None:
        """Start the build, unless another worker holds the lock or has finished it."""
        try:
            self.lock.acquire(timeout=0)
        except Timeout:
            return
        if self.outcome.exists():
            self.lock.release()
            return
        try:
            self.out = site_folder(self.make_temporary)
            self.stderr = (self.folder / "site.stderr").open("w+", encoding="utf-8")
            self.process = subprocess.Popen(
                self.command(self.out),
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=self.stderr,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
        except BaseException:
            self.lock.release()
            raise

    def result(self) -> tuple[Path, int, str]:
        """The built folder, the build's exit status and its stderr, once it has finished."""
        if self.process is None:
            with self.lock:  # held by the builder until its outcome is written
                if not self.outcome.exists():
                    self.start()  # the lock is reentrant: this worker builds
                    if self.process is not None:
                        return self._finish()
            done = json.loads(self.outcome.read_text(encoding="utf-8"))
            return Path(done["out"]), done["returncode"], done["stderr"]
        return self._finish()

    def _finish(self) -> tuple[Path, int, str]:
        assert self.process is not None and self.stderr is not None and self.out is not None
        try:
            returncode = self.process.wait()
            self.stderr.seek(0)
            stderr = self.stderr.read()
            self.stderr.close()
            done = {"out": str(self.out), "returncode": returncode, "stderr": stderr}
            partial = self.outcome.with_suffix(".partial")
            partial.write_text(json.dumps(done), encoding="utf-8")
            os.replace(partial, self.outcome)
        finally:
            self.lock.release()
        self.process = None
        return self.out, returncode, stderr
