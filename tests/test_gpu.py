"""The GPU page: its CUDA examples run where CUDA is, and the page says truthfully whether they
ran on a GPU, from the committed record (format and notes: docs/overrides/gpu.py; written by
`bash .ci/gpu`, which runs tests/gpu_record.py).

Imports only torch, pytest and the standard library at module level: `bash .ci/gpu` runs the
`cuda` tests here on a GPU machine that may have nothing else.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from tests import gpu_record
from tests.docs_layout import (
    INCLUDE_LINE,
    LANGUAGES,
    ROOT,
    Page,
    code_blocks,
    copied_code,
    included_text,
    includes,
    sections,
)

HOOK = gpu_record.hook()  # docs/overrides/gpu.py
PAGE = Page("gpu")
CUDA_SECTIONS = list(sections(PAGE.cuda_module))
HAN_NOT_YET = "尚未在 GPU 上运行"


@pytest.mark.cuda
@pytest.mark.parametrize("name", CUDA_SECTIONS)
def test_cuda_example_passes(name: str) -> None:
    result = gpu_record.run_section(name)
    assert result.attempted and not result.failed, result.report


@pytest.mark.cuda
def test_gpu_page_blocks_copied_in_page_order_run_on_cuda(tmp_path: Path) -> None:
    blocks = [
        copied_code(included_text(m["path"], m["section"]))
        for block in code_blocks(PAGE.source("en"))
        for line in block.splitlines()
        if (m := INCLUDE_LINE.match(line))
    ]
    script = tmp_path / "copied.py"
    script.write_text("\n\n".join(blocks), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr


def test_gpu_page_shows_every_cuda_section_after_a_record_note() -> None:
    for language in LANGUAGES:
        lines = PAGE.source(language).read_text(encoding="utf-8").splitlines()
        shown = [s for path, s in includes(PAGE.source(language)) if path.endswith("_cuda.py")]
        assert shown == CUDA_SECTIONS, language
        notes = [i for i, line in enumerate(lines) if line.strip() == HOOK.MARKER]
        fences = [
            i
            for i, line in enumerate(lines)
            if "snippets/gpu_cuda.py:" in line and "--8<--" in line
        ]
        # The note sits right above the fence that includes the GPU section.
        assert [i + 3 for i in notes] == fences, language


def record(**changes: object) -> dict[str, object]:
    fields = {
        "gpu": "NVIDIA Example GPU",
        "torch": "2.11.0+cu128",
        "cuda": "12.8",
        "cudnn": 91002,
        "date": "2026-11-30",
        "examples": len(CUDA_SECTIONS),
        "examples_passed": len(CUDA_SECTIONS),
        "sections_sha256": HOOK.sections_digest(),
    }
    fields.update(changes)
    return fields


def test_hook_cuts_the_sections_as_the_layout_does() -> None:
    assert HOOK.sections(PAGE.cuda_module) == sections(PAGE.cuda_module)
    assert HOOK.CUDA_SNIPPETS == PAGE.cuda_module


def test_digest_changes_with_the_sections_only(tmp_path: Path) -> None:
    module = tmp_path / "x_cuda.py"
    body = '"""\n# --8<-- [start:a]\n>>> 1 + 1\n2\n# --8<-- [end:a]\n"""\n'
    module.write_text(body)
    before = HOOK.sections_digest(module)
    module.write_text("# a comment outside the sections\n" + body)
    assert HOOK.sections_digest(module) == before
    module.write_text(body.replace("1 + 1\n2", "2 + 2\n4"))
    assert HOOK.sections_digest(module) != before
    module.write_text(body.replace("[start:a]", "[start:b]").replace("[end:a]", "[end:b]"))
    assert HOOK.sections_digest(module) != before


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"gpu": None}, "gpu must be str"),
        ({"cudnn": "9.1"}, "cudnn must be int"),
        ({"examples_passed": True}, "examples_passed must be int"),
        ({"date": "30/11/2026"}, "Invalid isoformat"),
        ({"examples_passed": len(CUDA_SECTIONS) + 1}, "between 0 and examples"),
        ({"sections_sha256": "abc"}, "SHA-256"),
        ({"verified": True}, r"unknown fields \['verified'\]"),
    ],
)
def test_malformed_record_is_rejected(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        HOOK.validate(record(**changes))


def test_record_without_a_field_is_rejected() -> None:
    incomplete = record()
    del incomplete["date"]
    with pytest.raises(ValueError, match=r"missing fields \['date'\]"):
        HOOK.validate(incomplete)


def test_load_reads_a_record_file_and_none_when_absent(tmp_path: Path) -> None:
    path = tmp_path / "gpu-record.json"
    assert HOOK.load(path) is None
    path.write_text(json.dumps(record()))
    assert HOOK.load(path) == record()
    path.write_text(json.dumps(record(cudnn="x")))
    with pytest.raises(ValueError):
        HOOK.load(path)


@pytest.mark.parametrize(
    "state, written",
    [
        ("verified", record()),
        ("stale", record(sections_sha256="0" * 64)),
        ("failed", record(examples_passed=len(CUDA_SECTIONS) - 1)),
        ("missing", None),
    ],
)
def test_note_says_verified_only_for_a_full_run_of_the_current_sections(
    state: str, written: dict[str, object] | None
) -> None:
    digest = HOOK.sections_digest()
    assert HOOK.status(written, digest) == state
    en, zh = (HOOK.note(language, written, digest) for language in ("en", "zh"))
    assert f'data-gpu-record="{state}"' in en and f'data-gpu-record="{state}"' in zh
    if state == "verified":
        for text in (en, zh):
            assert "NVIDIA Example GPU" in text and "2.11.0+cu128" in text
            assert "2026-11-30" in text and "not yet" not in text and HAN_NOT_YET not in zh
        assert "verified on NVIDIA Example GPU" in en
    else:
        assert "not yet run on a GPU" in en and "NVIDIA" not in en
        assert "尚未在 GPU 上" in zh and "NVIDIA" not in zh


def test_committed_record_is_of_the_current_gpu_sections() -> None:
    committed = HOOK.load()
    if committed is None:
        pytest.skip(
            f"no GPU record committed ({HOOK.RECORD.relative_to(ROOT)}): the page says "
            "its GPU examples were not yet run on a GPU; `bash .ci/gpu` on a GPU writes one"
        )
    assert HOOK.status(committed, HOOK.sections_digest()) == "verified", (
        "the GPU sections changed since .ci/gpu-record.json was written: run `bash .ci/gpu`"
    )


def test_run_section_counts_passes_and_failures(tmp_path: Path) -> None:
    module = tmp_path / "x_cuda.py"
    module.write_text(
        '"""\n# --8<-- [start:good]\n>>> x = 2\n>>> x + 1\n3\n# --8<-- [end:good]\n'
        "# --8<-- [start:bad]\n>>> 1 + 1\n3\n# --8<-- [end:bad]\n"
        '# --8<-- [start:fresh]\n>>> x\n2\n# --8<-- [end:fresh]\n"""\n'
    )
    good, bad, fresh = gpu_record.run_sections(module)
    assert (good.attempted, good.failed) == (2, 0)
    assert (bad.attempted, bad.failed) == (1, 1) and "Expected:\n    3\nGot:\n    2" in bad.report
    # Each section runs in a namespace of its own, as pasted alone.
    assert fresh.failed == 1 and "NameError" in fresh.report


def test_record_command_refuses_to_run_without_cuda(monkeypatch, capsys) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert gpu_record.main([]) == 2
    assert "no CUDA device" in capsys.readouterr().err


def fake_gpu(monkeypatch, tmp_path: Path, passed: bool) -> Path:
    """Everything of the record command but the device: the cuda tests and the examples."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda index=0: "NVIDIA Example GPU")
    monkeypatch.setattr(torch.backends.cudnn, "version", lambda: 91002)
    monkeypatch.setattr(
        gpu_record.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0)
    )
    failed = 0 if passed else 1
    monkeypatch.setattr(
        gpu_record,
        "run_section",
        lambda name, snippets=None: gpu_record.SectionResult(name, 3, failed, ""),
    )
    return tmp_path / "gpu-record.json"


def test_record_command_writes_a_valid_record_of_a_full_pass(monkeypatch, tmp_path) -> None:
    path = fake_gpu(monkeypatch, tmp_path, passed=True)
    assert gpu_record.main(["--write", str(path)]) == 0
    written = HOOK.load(path)
    assert written["gpu"] == "NVIDIA Example GPU" and written["cudnn"] == 91002
    assert written["examples"] == written["examples_passed"] == len(CUDA_SECTIONS)
    assert HOOK.status(written, HOOK.sections_digest()) == "verified"


def test_record_command_writes_nothing_when_an_example_fails(monkeypatch, tmp_path) -> None:
    path = fake_gpu(monkeypatch, tmp_path, passed=False)
    assert gpu_record.main(["--write", str(path)]) == 1
    assert not path.exists()


def test_gpu_command_collects_its_cuda_tests_without_sybil() -> None:
    # What `bash .ci/gpu` runs on a GPU machine, collected here with sybil made unimportable.
    code = (
        "import sys; sys.modules['sybil'] = None; import pytest; "
        f"sys.exit(pytest.main({gpu_record.PYTEST_ARGS!r} + ['--collect-only', '-q']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    collected = [line for line in result.stdout.splitlines() if "::" in line]
    assert any("test_cuda_example_passes" in line for line in collected)
    assert any("test_properties.py" in line for line in collected)
    assert all("cuda" in line for line in collected), collected


def test_gpu_script_stops_without_cuda() -> None:
    if torch.cuda.is_available():
        pytest.skip("CUDA is available here: `bash .ci/gpu` would run for real")
    result = subprocess.run(
        ["bash", ".ci/gpu"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable},
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "no CUDA device" in result.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_built_gpu_page_says_what_the_record_says(site: Path, language: str) -> None:
    from bs4 import BeautifulSoup

    built = PAGE.built(site, language).read_text(encoding="utf-8")
    assert HOOK.MARKER not in built
    notes = BeautifulSoup(built, "html.parser").select("article .lstm-gpu-record")
    assert len(notes) == len(CUDA_SECTIONS)
    state = HOOK.status(HOOK.load(), HOOK.sections_digest())
    for note in notes:
        assert note["data-gpu-record"] == state
        # Right next to the GPU block it is about.
        block = note.find_next_sibling()
        assert block is not None and "highlight" in " ".join(block.get("class", []))
        if state != "verified":
            assert ("not yet run on a GPU" if language == "en" else HAN_NOT_YET) in note.text
