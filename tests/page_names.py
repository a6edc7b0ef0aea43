"""One name per page: the names a link to a page may use, and the docs' links between pages.

A page is called by its title (its H1, which is also its nav title) or by its one short form,
declared in the page's own front matter, in each language (``short_title: Pitfalls`` in
``docs/pitfalls.md``, ``short_title: 常见错误`` in ``docs/pitfalls.zh.md``). Nothing else
types a page's name: tests/test_link_text.py checks every link against these.

The rules for a link's text (`accepted_names`, `link_text_is_accepted`):

- a link to a page: its title or its short form;
- a link to a section (``page.md#anchor``): also the heading of that section, read from the
  target file (``## Input shapes { #input-shapes }``), or the heading's part before its colon
  (``Padded batches`` for ``## Padded batches: pooling `output` { #padded-batches }``);
- a link whose whole text is one code span (``[`batch_first`](…)``): also any code span of the
  target's title or section heading, and for a section that renders an API object (a
  ``::: snippets.module.Name`` line under it) that object's name;
- compared as a reader sees them: backticks and double quotes dropped, spaces collapsed, and in
  English the first letter in either case (a title starts a sentence or sits inside one).

A short form shared by several pages is allowed only when it is the part of each title before
its colon, the name of a series (``Pitfalls: inputs, …``, ``Pitfalls: packing, …``).
Links are read from the Markdown sources, code blocks and code spans left out: inline links,
reference links (``[text][label]`` with ``[label]: page.md``), and the page URLs notebooks
write (``../../packed-sequences/``, as mkdocs-jupyter does not rewrite ``.md`` links). Links
inside a page (``#anchor``) and to files that are not pages (``.ipynb``, ``.py``) do not name a
page and are not checked.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from tests.docs_layout import DOCS

SHORT_TITLE = "short_title"
# A short form is a name, not a sentence: one line, no Markdown link syntax, at most this long.
SHORT_TITLE_MAX = 40
SERIES_SEPARATORS = (": ", "：")

FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n", re.DOTALL)
H1 = re.compile(r"^# (?P<text>.+?)(?:\s*\{[^}]*\})?\s*$", re.MULTILINE)
HEADING = re.compile(r"^#{1,6} (?P<text>.+?)\s*\{\s*#(?P<id>[\w.-]+)\s*\}\s*$", re.MULTILINE)
API_OBJECT = re.compile(r"^:::\s*(?P<path>[\w.]+)\s*$", re.MULTILINE)
FENCED = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,}).*?^(?P=indent)(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
CODE_SPAN = re.compile(r"(?P<ticks>`+)(?!`)(?P<code>.+?)(?<!`)(?P=ticks)", re.DOTALL)
# [text](target) and [text][label]; the text may hold code spans and one level of brackets.
TEXT = r"\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])+)\]"
INLINE_LINK = re.compile(rf"(?<![!\\]){TEXT}\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
REFERENCE_LINK = re.compile(rf"(?<![!\\\]]){TEXT}\[(?P<label>[^\[\]\n]*)\](?!\()")
REFERENCE_DEFINITION = re.compile(
    r"^ {0,3}\[(?P<label>[^\]\n]+)\]:\s*(?P<target>\S+)", re.MULTILINE
)


class PageNameError(ValueError):
    """A page's title or short form is missing or not of the expected form."""


def language(source: Path) -> str:
    return "zh" if source.name.endswith(".zh.md") else "en"


def twin(source: Path, lang: str) -> Path:
    """The same page's source in another language."""
    stem = source.name.removesuffix(".zh.md").removesuffix(".md")
    return source.with_name(f"{stem}.md" if lang == "en" else f"{stem}.{lang}.md")


def _read(source: Path) -> str:
    return source.read_text(encoding="utf-8")


def front_matter(source: Path) -> dict:
    match = FRONT_MATTER.match(_read(source))
    if not match:
        return {}
    try:
        data = yaml.safe_load(match["yaml"])
    except yaml.YAMLError as error:
        # MkDocs would ignore it silently and render the front matter as text.
        message = f"{_name(source)}: the front matter is not valid YAML: {error}"
        raise PageNameError(message) from None
    if not isinstance(data, dict):
        raise PageNameError(f"{_name(source)}: the front matter is not a mapping")
    return data


def _name(source: Path) -> str:
    try:
        return str(source.relative_to(DOCS.parent))
    except ValueError:
        return str(source)


def masked(text: str) -> str:
    """The text with fenced code blanked and code spans replaced by \\x01, offsets kept."""
    text = FENCED.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    return CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", "\x01", m.group()), text)


@cache
def title(source: Path) -> str:
    """The page's H1: its title, and its nav title (mkdocs.yml gives none of its own)."""
    match = H1.search(masked(_read(source)).replace("\x01", "`"))
    if not match:
        raise PageNameError(f"{_name(source)}: no H1 (`# Title`) to name the page by")
    return H1.search(_read(source)[match.start() :])["text"]


@cache
def short_title(source: Path) -> str | None:
    """The page's one short form in its language (front matter `short_title:`), validated."""
    value = front_matter(source).get(SHORT_TITLE)
    if value is None:
        return None
    expected = (
        f"expected `{SHORT_TITLE}:` to be one line of plain text, at most {SHORT_TITLE_MAX} "
        f"characters, without [ ] ( ) or backticks, and not the title {title(source)!r}"
    )
    if (
        not isinstance(value, str)
        or not value.strip()
        or value != value.strip()
        or "\n" in value
        or len(value) > SHORT_TITLE_MAX
        or re.search(r"[\[\]()`]", value)
        or value == title(source)
    ):
        raise PageNameError(f"{_name(source)}: {SHORT_TITLE}: {value!r}; {expected}")
    return value


def series(source: Path) -> str | None:
    """The part of the title before its colon (`Pitfalls`, `常见错误`), if it has one."""
    head = _before_colon(title(source))
    return head[0] if head else None


def headings(source: Path) -> dict[str, str]:
    """Each explicit heading id of a page and its heading's text, from the file itself."""
    text = _read(source)
    spans = masked(text)
    return {
        m["id"]: m["text"]
        for m in HEADING.finditer(text)
        # A heading-looking line inside a code block is code.
        if spans[m.start()] == "#"
    }


def api_objects(source: Path) -> dict[str, list[str]]:
    """The API objects (`::: snippets.m.Name`) rendered under each heading id of a page."""
    found: dict[str, list[str]] = {}
    current = None
    spans = masked(_read(source))
    for line in spans.splitlines():
        if heading := HEADING.match(line):
            current = heading["id"]
        elif (api := API_OBJECT.match(line)) and current is not None:
            found.setdefault(current, []).append(api["path"])
    return found


def plain(text: str) -> str:
    """A name as a reader sees it: no backticks or double quotes, spaces collapsed."""
    return " ".join(re.sub(r"[`\"“”]", "", text).split())


def same_name(text: str, name: str, lang: str) -> bool:
    a, b = plain(text), plain(name)
    if lang == "en":
        return a[:1].lower() == b[:1].lower() and a[1:] == b[1:]
    return a == b


def code_spans(text: str) -> list[str]:
    return [m["code"].strip() for m in CODE_SPAN.finditer(text)]


@dataclass(frozen=True)
class Link:
    """A link from one page of the docs to another page (or a section of it)."""

    source: Path
    line: int
    text: str
    target: str
    page: Path
    anchor: str | None

    def __str__(self) -> str:
        return f"{_name(self.source)}:{self.line}: [{self.text}]({self.target})"


def _resolve(source: Path, target: str) -> tuple[Path, str | None] | None:
    """The page source a link points at, in the source's language, and its anchor."""
    if re.match(r"[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) or target.startswith(("#", "/")):
        return None
    path, _, anchor = target.partition("#")
    path = path.split("?", 1)[0]
    if path.endswith(".md"):
        page = (source.parent / path).resolve()
    elif path.endswith("/"):
        # A page's URL, as notebooks write them (mkdocs-jupyter does not rewrite .md links).
        url = posixpath.normpath(posixpath.join(page_url(source), path)).strip("/.")
        page = DOCS / f"{url or 'index'}.md"
    else:
        return None
    lang = language(source)
    if lang != "en" and not page.name.endswith(f".{lang}.md"):
        page = twin(page, lang)
    return page, anchor or None


def page_url(source: Path) -> str:
    """The page's path under its language's root: `notebooks/digits-classification/`."""
    stem = str(twin(source, "en").relative_to(DOCS).with_suffix(""))
    return "" if stem == "index" else f"{stem}/"


def links(source: Path) -> list[Link]:
    """Every inline and reference link of a page to another page of the site, in order."""
    text = _read(source)
    spans = masked(text)
    definitions = {
        m["label"].strip().lower(): m["target"] for m in REFERENCE_DEFINITION.finditer(spans)
    }
    found = []
    for pattern in (INLINE_LINK, REFERENCE_LINK):
        for m in pattern.finditer(spans):
            if pattern is INLINE_LINK:
                target = text[m.start("target") : m.end("target")]
            else:
                label = m["label"].strip() or m["text"]
                target = definitions.get(label.lower())
                if target is None:
                    continue
            resolved = _resolve(source, target)
            if resolved is None:
                continue
            found.append(
                (
                    m.start(),
                    Link(
                        source=source,
                        line=text.count("\n", 0, m.start()) + 1,
                        text=text[m.start("text") : m.end("text")],
                        target=target,
                        page=resolved[0],
                        anchor=resolved[1],
                    ),
                )
            )
    return [link for _, link in sorted(found, key=lambda pair: pair[0])]


def accepted_names(page: Path, anchor: str | None = None) -> list[str]:
    """What a link to a page (or to one of its sections) may say, in the page's language."""
    names = [title(page)]
    if short := short_title(page):
        names.append(short)
    if anchor is not None and anchor in headings(page):
        heading = headings(page)[anchor]
        names.append(heading)
        names.extend(_before_colon(heading))
    return names


def _before_colon(text: str) -> list[str]:
    for separator in SERIES_SEPARATORS:
        head, found, _ = text.partition(separator)
        if found:
            return [head]
    return []


def link_text_is_accepted(link: Link) -> bool:
    lang = language(link.source)
    names = accepted_names(link.page, link.anchor)
    if any(same_name(link.text, name, lang) for name in names):
        return True
    code = code_spans(link.text)
    if len(code) == 1 and link.text.strip() == f"`{code[0]}`":
        objects = api_objects(link.page).get(link.anchor or "", [])
        allowed = {span for name in names for span in code_spans(name)}
        allowed |= {path for path in objects} | {path.rsplit(".", 1)[-1] for path in objects}
        return code[0] in allowed
    return False
