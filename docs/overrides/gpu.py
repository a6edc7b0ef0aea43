"""MkDocs hook: what the GPU page says about its GPU examples, from the committed record.

Each `<!-- gpu-record -->` line on a page becomes a note in the page's language: "verified on
..." for a valid record of the current GPU sections, "not yet run on a GPU" otherwise. The logic
is in tests/gpu_record.py (tested there with temporary records); this only wires it in.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests import gpu_record  # noqa: E402


def on_page_content(html_text: str, page: Any, config: Any, files: Any) -> str:
    if gpu_record.MARKER not in html_text:
        return html_text
    # mkdocs-static-i18n builds each language with theme.language set to that language.
    note = gpu_record.note(
        config.theme["language"], gpu_record.load(), gpu_record.sections_digest()
    )
    return html_text.replace(gpu_record.MARKER, note)
