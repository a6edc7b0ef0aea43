"""The hash-locked install files match requirements.txt (tests/lock_sync.py), offline."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.lock_sync import LOCK, REQUIREMENTS, ROOT, TORCH_LOCK, check, problems

TEXTS = {
    name: (ROOT / name).read_text(encoding="utf-8") for name in (REQUIREMENTS, LOCK, TORCH_LOCK)
}


def test_the_locks_match_requirements_txt() -> None:
    assert check() == []


def test_every_lock_entry_has_hashes_and_the_lock_records_its_command() -> None:
    for name in (LOCK, TORCH_LOCK):
        text = TEXTS[name]
        assert "#    bash .ci/lock\n" in text.split("\n\n")[0], f"{name}: no regeneration command"
        assert re.search(r"^torch==\S+ \\\n\s+--hash=sha256:[0-9a-f]{64}", TEXTS[TORCH_LOCK], re.M)


def bump_pin(texts: dict[str, str]) -> None:
    texts[REQUIREMENTS] = texts[REQUIREMENTS].replace("mkdocs==1.6.1", "mkdocs==1.6.2")


def new_pin(texts: dict[str, str]) -> None:
    texts[REQUIREMENTS] += "somelib==1.0\n"


def dropped_pin(texts: dict[str, str]) -> None:
    texts[REQUIREMENTS] = re.sub(r"^jieba==.*\n", "", texts[REQUIREMENTS], flags=re.M)


def bump_torch(texts: dict[str, str]) -> None:
    texts[REQUIREMENTS] = re.sub(r"^torch==.*", "torch==2.14.1", texts[REQUIREMENTS], flags=re.M)


def torch_not_cpu(texts: dict[str, str]) -> None:
    texts[TORCH_LOCK] = texts[TORCH_LOCK].replace("+cpu", "")


def hash_removed(texts: dict[str, str]) -> None:
    texts[LOCK] = re.sub(
        r"^(mkdocs==\S+) \\\n(\s+--hash=\S+ \\\n)*\s+--hash=\S+\n",
        r"\1\n",
        texts[LOCK],
        count=1,
        flags=re.M,
    )


def unpinned_entry(texts: dict[str, str]) -> None:
    texts[LOCK] = texts[LOCK].replace("\nmkdocs==1.6.1 ", "\nmkdocs>=1.6.1 ")


def torch_in_main_lock(texts: dict[str, str]) -> None:
    texts[LOCK] += TEXTS[TORCH_LOCK].split("\n", 2)[2]


@pytest.mark.parametrize(
    ("drift", "expected"),
    [
        (bump_pin, "mkdocs==1.6.2 (requirements.txt) is ==1.6.1 in requirements.lock"),
        (new_pin, "somelib==1.0 (requirements.txt) is not in requirements.lock"),
        (dropped_pin, "jieba is locked for requirements.txt, which no longer pins it"),
        (bump_torch, "torch==2.14.1 (requirements.txt) is ==2.13.0+cpu in requirements-torch.lock"),
        (torch_not_cpu, "torch==2.13.0 (requirements.txt) is ==2.13.0 in requirements-torch.lock"),
        (hash_removed, "mkdocs has no sha256 hash"),
        (unpinned_entry, "mkdocs is not pinned with == (>=1.6.1)"),
        (torch_in_main_lock, "requirements.lock holds torch"),
    ],
)
def test_drift_is_caught(drift: Callable[[dict[str, str]], None], expected: str) -> None:
    texts = dict(TEXTS)
    drift(texts)
    assert texts != TEXTS, "the planted drift changed nothing"
    found = problems(texts[REQUIREMENTS], texts[LOCK], texts[TORCH_LOCK])
    assert any(expected in line for line in found), found


def test_the_install_stops_on_drift_and_says_how_to_fix_it(tmp_path: Path) -> None:
    # .ci/venv.sh runs this script with the system Python before installing anything.
    (tmp_path / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "lock_sync.py", tmp_path / "tests")
    texts = dict(TEXTS)
    bump_pin(texts)
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    script = [sys.executable, str(tmp_path / "tests" / "lock_sync.py")]
    run = subprocess.run(script, capture_output=True, text=True)
    assert run.returncode == 1, run
    assert "mkdocs==1.6.2" in run.stderr and "bash .ci/lock" in run.stderr
    (tmp_path / REQUIREMENTS).write_text(TEXTS[REQUIREMENTS], encoding="utf-8")
    assert subprocess.run(script, capture_output=True, text=True).returncode == 0
