"""MkDocs hook: a notebook page's plots as image files next to it, loaded lazily, not inline.

nbconvert embeds each PNG output in the page as a base64 `data:` URI: the digits notebook's
plot was 174 KB of its page's 257 KB of HTML, which a phone must download (it does not
compress) before it can paint anything. Each becomes `output-<digest>.png` next to the page,
with its width and height (so its space is reserved: no layout shift) and `loading="lazy"`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from pathlib import Path
from typing import Any

MARKER = 'class="jupyter-wrapper"'
DATA_PNG = re.compile(
    r'<img\b(?P<before>[^>]*?)\ssrc="data:image/png;base64,(?P<data>[A-Za-z0-9+/=\s]*)"'
    r"(?P<after>[^>]*)>"
)
PNG = b"\x89PNG\r\n\x1a\n"
# A plot is tens of KB; a larger "image" is not one a notebook here should embed.
MAX_IMAGE = 5 * 1024 * 1024

# What each notebook page publishes: {destination of the page: {file name: PNG bytes}}.
IMAGES: dict[str, dict[str, bytes]] = {}


def extract_images(html: str) -> tuple[str, dict[str, bytes]]:
    """The HTML with each embedded PNG replaced by a lazily loaded file, and those files.

    Raises:
        ValueError: an embedded PNG that is not valid base64, not a PNG, or over MAX_IMAGE.
    """
    files: dict[str, bytes] = {}

    def replace(match: re.Match[str]) -> str:
        text = re.sub(r"\s", "", match["data"])
        if len(text) > MAX_IMAGE * 4 // 3 + 4:
            raise ValueError(f"an embedded PNG over {MAX_IMAGE} bytes")
        try:
            data = base64.b64decode(text, validate=True)
        except binascii.Error as error:
            raise ValueError(f"an embedded PNG that is not valid base64: {error}") from None
        if not data.startswith(PNG) or data[12:16] != b"IHDR":
            raise ValueError("an image embedded as image/png that is not a PNG")
        width = int.from_bytes(data[16:20], "big")
        height = int.from_bytes(data[20:24], "big")
        name = f"output-{hashlib.sha256(data).hexdigest()[:16]}.png"
        files[name] = data
        return (
            f'<img{match["before"]} src="{name}" width="{width}" height="{height}" '
            f'loading="lazy"{match["after"]}>'
        )

    return DATA_PNG.sub(replace, html), files


def on_startup(command: str, dirty: bool) -> None:
    IMAGES.clear()


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    if MARKER not in html:
        return html
    html, IMAGES[page.file.abs_dest_path] = extract_images(html)
    return html


def on_post_page(output: str, page: Any, **kwargs: Any) -> str:
    folder = Path(page.file.abs_dest_path).parent
    for name, data in IMAGES.get(page.file.abs_dest_path, {}).items():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return output
