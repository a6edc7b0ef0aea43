"""MkDocs hook: "Download this page's code", one `.py` file per page that shows Python code.

The file holds the page's Python blocks in page order as their copy buttons yield them
(`code_download` in tests/docs_layout.py, where the tests read the layout too). It is published
next to the page under the name of the page's snippet module, the same in both languages:
`/output-vs-hn/output_vs_hn.py` and `/zh/output-vs-hn/output_vs_hn.py`, `/index.py` and
`/zh/index.py`. overrides/main.html links it (a relative link) when `page.meta.code_download`
is set. tests/test_page_code_downloads_run.py checks every link and runs every file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.docs_layout import code_download  # noqa: E402

# The code each page publishes, by the page's source path.
CODE: dict[str, tuple[str, str]] = {}


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    source = page.file.abs_src_path
    download = code_download(Path(source)) if source else None
    if download is not None:
        CODE[source] = download
        page.meta["code_download"] = download[0]
    return markdown


def on_post_page(output: str, page: Any, **kwargs: Any) -> str:
    download = CODE.pop(page.file.abs_src_path or "", None)
    if download is not None:
        name, code = download
        folder = Path(page.file.abs_dest_path).parent
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(code, encoding="utf-8")
    return output
