"""Are the lock files in step with requirements.txt? (standard library only: .ci/venv.sh runs it
with the system Python before the venv exists; tests/test_lock.py runs it in the suite)

`bash .ci/lock` writes requirements-torch.lock (torch alone, PyTorch's CPU build of the pinned
version) and requirements.lock (everything else) from requirements.txt. They are in step when
every pin of requirements.txt is in a lock at the same version (torch as ``<pin>+cpu``, alone in
its file), every lock entry is pinned with ``==`` and has a sha256 hash, and the lock asks for
nothing that requirements.txt no longer pins.

    python tests/lock_sync.py   # prints the drift and exits 1, or exits 0
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = "requirements.txt"
LOCK = "requirements.lock"
TORCH_LOCK = "requirements-torch.lock"
TORCH_BUILD = "cpu"
FIX = "run `bash .ci/lock` to regenerate the lock files from requirements.txt"

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(?P<version>\S+)$")
ENTRY = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?(?P<spec>\S*)\s*\\?$")
HASH = re.compile(r"^\s+--hash=sha256:[0-9a-f]{64}\s*\\?$")
DIRECT = "# via -r requirements.txt"


def normalize(name: str) -> str:
    """A project name as indexes compare it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text: str) -> dict[str, str]:
    """requirements.txt's pins, by normalized name; any other requirement line is an error."""
    found: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = PIN.match(line)
        if match is None:
            raise ValueError(f"{REQUIREMENTS}, line {number}: expected name==version, got {raw!r}")
        found[normalize(match["name"])] = match["version"]
    return found


class Entry:
    def __init__(self, name: str, spec: str, line: int) -> None:
        self.name, self.spec, self.line = name, spec, line
        self.hashes = 0
        self.direct = False


def entries(text: str) -> dict[str, Entry]:
    """A lock's entries (uv's format: name==version, then --hash lines, then # via comments)."""
    found: dict[str, Entry] = {}
    current: Entry | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if HASH.match(line):
            if current is None:
                raise ValueError(f"line {number}: a hash before any requirement")
            current.hashes += 1
        elif line.startswith(" "):
            # uv writes "# via -r requirements.txt" alone or as one line of a "# via" list.
            if current is not None and line.strip().lstrip("#").strip() in (
                DIRECT[2:],
                "-r requirements.txt",
            ):
                current.direct = True
        elif line.startswith("#"):
            continue
        else:
            match = ENTRY.match(line)
            if match is None:
                raise ValueError(f"line {number}: expected a requirement, got {line!r}")
            current = Entry(match["name"], match["spec"], number)
            found[normalize(match["name"])] = current
    return found


def problems(requirements: str, lock: str, torch_lock: str) -> list[str]:
    """Every way the two locks fail to match requirements.txt (empty when in step)."""
    wanted = pins(requirements)
    locks = {LOCK: entries(lock), TORCH_LOCK: entries(torch_lock)}
    found: list[str] = []
    for path, lock_entries in locks.items():
        for name, entry in lock_entries.items():
            where = f"{path}, line {entry.line}: {entry.name}"
            if not entry.spec.startswith("=="):
                found.append(f"{where} is not pinned with == ({entry.spec or 'no version'})")
            if entry.hashes == 0:
                found.append(f"{where} has no sha256 hash")
            if entry.direct and name not in wanted:
                found.append(f"{where} is locked for requirements.txt, which no longer pins it")
    torch = locks[TORCH_LOCK]
    others = set(torch) - {"torch"}
    if others:
        found.append(f"{TORCH_LOCK} holds torch alone, not {sorted(others)}")
    for name, version in wanted.items():
        path, expected = (
            (TORCH_LOCK, f"{version}+{TORCH_BUILD}")
            if name == "torch"
            else (
                LOCK,
                version,
            )
        )
        entry = locks[path].get(name)
        if entry is None:
            found.append(f"{name}=={version} (requirements.txt) is not in {path}")
        elif entry.spec != f"=={expected}":
            found.append(f"{name}=={version} (requirements.txt) is {entry.spec} in {path}")
    if "torch" in locks[LOCK]:
        found.append(f"{LOCK} holds torch: it belongs in {TORCH_LOCK} alone")
    return found


def check(root: Path = ROOT) -> list[str]:
    read = {name: (root / name).read_text(encoding="utf-8") for name in (REQUIREMENTS, LOCK)}
    return problems(read[REQUIREMENTS], read[LOCK], (root / TORCH_LOCK).read_text("utf-8"))


if __name__ == "__main__":
    drift = check()
    if drift:
        print("the lock files do not match requirements.txt:", file=sys.stderr)
        print("\n".join(f"  {line}" for line in drift), file=sys.stderr)
        print(FIX, file=sys.stderr)
        sys.exit(1)
