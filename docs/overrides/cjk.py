"""Soft line breaks inside Chinese text, removed from the rendered HTML.

A browser renders a line break in the source as a space. Between two Chinese characters, or
after full-width punctuation, that space is a typesetting error (CSS Text 3 would drop it, but
no browser does). Authors wrap long Markdown lines, and nbconvert renders the notebooks' Markdown
cells with its own parser, so the fix works on the HTML of every page, whatever made it: a
whitespace run holding a line break is removed when the visible character before it is
full-width punctuation, or when the characters on both sides are Chinese. Code, scripts and
styles are left as they are, and a space typed on purpose on one line is kept (the copywriting
linter reports it in the source instead).

Plain functions of a string, so they survive a move away from MkDocs; `on_page_content` only
wires them in.
"""

from __future__ import annotations

import re
from typing import Any

# Han ideographs; CJK symbols and punctuation (、。「」《》) and full-width forms (，：；！？（）).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
FULL_WIDTH_PUNCTUATION = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
CJK = re.compile(f"[{HAN}{FULL_WIDTH_PUNCTUATION}]")
PUNCTUATION = re.compile(f"[{FULL_WIDTH_PUNCTUATION}]")

# Elements whose text is shown as written (or not shown): never touched, and read as non-Chinese
# text, so that a break next to `code` stays the space the house style puts there.
OPAQUE = re.compile(
    r"<(?P<tag>pre|code|kbd|samp|script|style|textarea)\b[^>]*>.*?</(?P=tag)\s*>"
    r"|<!--.*?-->",
    re.DOTALL | re.IGNORECASE,
)
TAG = re.compile(r"<[^>]*>")
BREAK = re.compile(r"[ \t]*\n[ \t\n]*")


def _tokens(html: str) -> list[tuple[str, str]]:
    """The page as (kind, text) pieces: "text", "tag" (markup, invisible) or "opaque"."""
    pieces: list[tuple[str, str]] = []
    position = 0
    for match in OPAQUE.finditer(html):
        pieces.extend(_split_tags(html[position : match.start()]))
        pieces.append(("opaque", match.group()))
        position = match.end()
    pieces.extend(_split_tags(html[position:]))
    return pieces


def _split_tags(html: str) -> list[tuple[str, str]]:
    pieces: list[tuple[str, str]] = []
    position = 0
    for match in TAG.finditer(html):
        if match.start() > position:
            pieces.append(("text", html[position : match.start()]))
        pieces.append(("tag", match.group()))
        position = match.end()
    if position < len(html):
        pieces.append(("text", html[position:]))
    return pieces


def join_cjk_breaks(html: str) -> str:
    """Remove the line breaks that would render as stray spaces in Chinese text.

    Args:
        html: A page's HTML (or a fragment of it).

    Returns:
        The same HTML without those breaks; code, scripts, styles and comments unchanged.
    """
    if not CJK.search(html):
        return html
    pieces = _tokens(html)
    out = [text for _, text in pieces]
    for index, (kind, text) in enumerate(pieces):
        if kind != "text" or "\n" not in text:
            continue
        kept: list[str] = []
        position = 0
        for match in BREAK.finditer(text):
            before = text[: match.start()].rstrip() or _visible_before(pieces, index)
            after = text[match.end() :].lstrip() or _visible_after(pieces, index)
            last, first = before[-1:], after[:1]
            joined = bool(PUNCTUATION.match(last)) or bool(CJK.match(last) and CJK.match(first))
            kept.append(text[position : match.start()])
            kept.append("" if joined else match.group())
            position = match.end()
        kept.append(text[position:])
        out[index] = "".join(kept)
    return "".join(out)


def _visible_before(pieces: list[tuple[str, str]], index: int) -> str:
    for kind, text in reversed(pieces[:index]):
        if kind == "opaque":
            return "x"
        if kind == "text" and text.strip():
            return text.rstrip()
    return ""


def _visible_after(pieces: list[tuple[str, str]], index: int) -> str:
    for kind, text in pieces[index + 1 :]:
        if kind == "opaque":
            return "x"
        if kind == "text" and text.strip():
            return text.lstrip()
    return ""


def on_page_content(html: str, **kwargs: Any) -> str:
    return join_cjk_breaks(html)
