"""The suite runs on several pytest-xdist workers (`-n` in pyproject.toml) and stays correct:

- tests that share work or state stay on one worker (`--dist loadgroup`): a module's marked
  tests, and every example of one document, which share one namespace, in order;
- the site is built once per run and shared by every worker (tests/site_build.py): here two
  builders on one folder stand for two workers.
"""

from __future__ import annotations

import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sybil.integration.pytest import SybilItem

from tests.docs_layout import ROOT
from tests.site_build import SharedBuild

GROUPED = """
import os
from pathlib import Path
import pytest

pytestmark = pytest.mark.xdist_group("{group}")

@pytest.mark.parametrize("i", range(12))
def test_record_worker(i):
    with Path("workers-{group}.txt").open("a") as out:
        out.write(os.environ["PYTEST_XDIST_WORKER"] + "\\n")
"""


def test_each_group_runs_on_one_worker(pytester: pytest.Pytester) -> None:
    # pytest 9.2 with pytest-xdist 3.8 silently drops the groups (pytest-dev/pytest-xdist#1386):
    # the tests then spread over the workers, and a document's examples lose their namespace.
    pytester.makepyfile(test_a=GROUPED.format(group="a"), test_b=GROUPED.format(group="b"))
    result = pytester.runpytest_subprocess("-p", "xdist", "-n", "2", "--dist", "loadgroup")
    result.assert_outcomes(passed=24)
    for group in "ab":
        workers = (pytester.path / f"workers-{group}.txt").read_text().split()
        assert len(workers) == 12 and len(set(workers)) == 1, (group, workers)


def test_every_example_of_a_document_is_in_its_documents_group(
    request: pytest.FixtureRequest,
) -> None:
    examples = [item for item in request.session.items if isinstance(item, SybilItem)]
    if not examples:
        pytest.skip("no example collected in this run: run it with snippets/ or docs/")
    groups = {
        (str(item.path.relative_to(ROOT)), mark.args)
        for item in examples
        for mark in item.iter_markers("xdist_group")
    }
    assert len(groups) == len({item.path for item in examples})
    assert all(args == (path,) for path, args in groups)


# A stand-in for `mkdocs build`: it counts its runs, writes a page and says so on stderr.
FAKE = """
import sys
from pathlib import Path
out = Path(sys.argv[1])
runs = out.parent / "runs"
runs.write_text(runs.read_text() + "x" if runs.exists() else "x")
(out / "index.html").write_text("built")
print("INFO - built", file=sys.stderr)
sys.exit(int(sys.argv[2]))
"""


def builders(tmp_path: Path, status: int = 0) -> tuple[SharedBuild, SharedBuild]:
    def make(name: str) -> SharedBuild:
        def temporary() -> Path:
            out = tmp_path / name / "site"
            out.mkdir(parents=True)
            return out

        return SharedBuild(
            tmp_path, temporary, lambda out: [sys.executable, "-c", FAKE, str(out), str(status)]
        )

    return make("first"), make("second")


def test_the_second_worker_waits_for_the_first_workers_build(tmp_path: Path) -> None:
    first, second = builders(tmp_path)
    first.start()
    with ThreadPoolExecutor(1) as other_worker:  # a lock's holder is per thread
        assert other_worker.submit(second.start).result() is None
        assert first.process is not None and second.process is None
        waiting = other_worker.submit(second.result)
        time.sleep(0.2)
        assert not waiting.done()  # the first build's outcome is not written yet
        site, status, stderr = first.result()
        assert waiting.result() == (site, status, stderr)
    assert site == tmp_path / "first" / "site" and (site / "index.html").read_text() == "built"
    assert status == 0 and stderr == "INFO - built\n"
    assert (tmp_path / "first" / "runs").read_text() == "x"
    assert not (tmp_path / "second").exists()


def test_a_failed_build_fails_in_every_worker(tmp_path: Path) -> None:
    first, second = builders(tmp_path, status=1)
    first.start()
    second.start()
    assert first.result()[1] == second.result()[1] == 1


def test_a_worker_builds_if_the_builder_died_without_an_outcome(tmp_path: Path) -> None:
    first, second = builders(tmp_path)
    first.start()
    assert first.process is not None
    first.process.kill()
    first.process.wait()
    first.stderr.close()  # as the dead worker's files and lock would be
    first.lock.release()
    site, status, _ = second.result()
    assert site == tmp_path / "second" / "site" and status == 0


def test_a_site_dir_with_files_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "deployed"
    target.mkdir()
    (target / "stale.html").write_text("from an earlier build")
    monkeypatch.setenv("SITE_DIR", str(target))
    first, _ = builders(tmp_path)
    with pytest.raises(pytest.UsageError, match="is not an empty folder"):
        first.start()
    assert not first.lock.is_locked
