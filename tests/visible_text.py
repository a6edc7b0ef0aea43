"""An HTML element's visible text, line by line, as a browser lays it out.

One walker for the checks that read built pages as a reader sees them (test_chinese_prose.py's
stray spaces, test_untranslated_english.py's English left in Chinese prose): whitespace runs
collapse to one space, a block element starts a new line, comments and `¶` permalinks vanish,
and code, maths and SVG read as one placeholder, so that their contents are never taken for
prose.
"""

from __future__ import annotations

import re

from bs4 import Comment, NavigableString, Tag

# Where the browser starts a new line anyway, so whitespace around it is not shown.
BLOCKS = {
    *"address article aside blockquote br dd details div dl dt figcaption figure footer".split(),
    *"h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul".split(),
}
CODE_LIKE = {"code", "kbd", "samp", "pre", "script", "style", "svg", "math"}
# pymdownx.arithmatex's maths, typeset in the browser from TeX.
CODE_CLASSES = {"arithmatex"}
LINE = "\x00"


def is_code(tag: Tag) -> bool:
    return tag.name in CODE_LIKE or bool(CODE_CLASSES & set(tag.get("class") or []))


def rendered_lines(root: Tag, code: str) -> list[str]:
    """`root`'s visible text, one string per laid-out line; each inline code element reads as
    `code`, a block of code as a line break."""
    parts: list[str] = []

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                parts.append(str(child))
            elif is_code(child):
                parts.append(LINE if child.name in BLOCKS else code)
            else:
                boundary = LINE if child.name in BLOCKS else ""
                parts.append(boundary)
                walk(child)
                parts.append(boundary)

    walk(root)
    text = re.sub(r"[ \t\r\n]+", " ", "".join(parts)).replace("¶", "")
    return [line.strip() for line in text.split(LINE) if line.strip()]
