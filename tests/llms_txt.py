"""For readers who ask an assistant: `llms.txt` per language and a Markdown copy of each page.

The build (docs/overrides/llms.py) publishes, for each language, an `llms.txt` at the
language's root (`/llms.txt`, `/zh/llms.txt`) in the llms.txt convention (https://llmstxt.org):
an H1 with the site's name, a blockquote with its description, then H2 sections grouped like the
nav (the top-level pages first, then each nav section with its translated title), one
`- [title](url): description` line per page, the description being the page's front-matter
`description:`. The links are absolute, from `site_url` (CI sets it to the published address,
base path included), so the file still works when pasted into a chat; without a `site_url` they
are relative to the file.

Next to each page's HTML sits its Markdown copy, `<page>.md` beside the folder `<page>/`
(`/output-vs-hn.md`, `/zh/output-vs-hn.md`, `/index.md`, `/zh/index.md`,
`/notebooks/digits-classification.md`). That layout mirrors `docs/`, so every relative `.md`
link of a page's source is already right in its copy, under any base path; `<page>/index.md`
would need every link rewritten. A copy holds what the page shows, as Markdown:

- every `--8<--` include replaced by what pymdownx.snippets puts on the page
  (`included_text` of tests/docs_layout.py, the same resolution as the page's `.py` download),
  so a pycon block has its outputs;
- the front matter reduced to its `description:`, a blockquote under the H1;
- generated content in words: a diagram marker becomes the diagram's caption and its
  description (its aria-label, from docs/overrides/diagrams.py), a GPU-record marker the note
  the page shows (docs/overrides/gpu.py); the known-issues and torch-versions tables are
  already in the Markdown when the hook runs (their hooks run earlier); `<!-- skip: ... -->`
  comments are dropped; any other HTML comment is an error, so a new marker cannot vanish;
- each mkdocstrings `::: object` block as the object's signature and docstring, read with
  griffe, which mkdocstrings itself uses (the public members, in source order);
- notebook pages (Jupytext Markdown) as their Markdown and code cells, without the outputs,
  which exist only once the build has run them (the page and its `.ipynb` have them);
- links rewritten to the copies: a notebook's page-relative links (`../../helpers/`) and the
  explorer's `?query` links are resolved against the page's URL.

The pages do not link their copies yet (llms.txt does): overrides/main.html keeps
`<link rel="alternate">` out of the head on purpose (Material's JavaScript fetches a sitemap next
to such links), so a link would need a place and a test of its own.

Why no plugin: mkdocs-ask-ai 1.1.3 writes one llms.txt per language, but its copies are the raw
source (`on_page_markdown`): the `--8<--` lines stay unresolved, the HTML comments stay, and a
copy at `<page>/index.md` keeps the source's `other.md` links, which then point nowhere; its
pages and descriptions are typed into mkdocs.yml (`sections`), in one language, and its menu
adds inline scripts, `onclick` handlers and links to chatgpt.com. mkdocs-llmstxt 0.5.1
converts the rendered HTML (includes resolved, but the code fences lose their language) and
has no i18n: with mkdocs-static-i18n the Chinese build overwrites the one `/llms.txt` with an
empty list, and no Chinese copy is written. Both were tried on a two-page bilingual site.
"""

from __future__ import annotations

import functools
import html
import importlib.util
import posixpath
import re
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from tests.docs_layout import DOCS, INCLUDE_LINE, _fences, included_text

# At most this many characters in one copy: a page is far smaller; a runaway include is not.
MAX_COPY_CHARS = 2_000_000

COMMENT = re.compile(r"<!--(?P<body>.*?)-->", re.DOTALL)
# A markdown link or image target: `[text](target)` or `[text](target "title")`.
LINK = re.compile(r"(?P<open>!?\[[^\]\n]*\]\()(?P<target>[^)\s]+)(?P<rest>(?:\s+\"[^\"\n]*\")?\))")
API_BLOCK = re.compile(r"^(?P<indent>[ \t]*):::[ \t]+(?P<path>[\w.]+)[ \t]*$")
H1 = re.compile(r"^# .*$", re.MULTILINE)
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")

STRINGS = {
    "en": {
        "pages": "Pages",
        "notebook": "Code cells only: their outputs are on the web page and in the `.ipynb`.",
    },
    "zh": {
        "pages": "页面",
        "notebook": "这里只有代码单元，运行结果见网页和 `.ipynb` 文件。",
    },
}


def language_prefix(language: str) -> str:
    """The language's root under the site's: `""` for English, `zh/` for Chinese."""
    return "" if language == "en" else f"{language}/"


def copy_path(stem: str, language: str) -> str:
    """Where a page's Markdown copy is published, from the site root: `zh/output-vs-hn.md`."""
    return f"{language_prefix(language)}{stem}.md"


def page_url(stem: str, language: str) -> str:
    """The URL of a page's HTML, from the site root: `zh/output-vs-hn/` (`zh/` for the home)."""
    return language_prefix(language) + ("" if stem == "index" else f"{stem}/")


def _override(name: str) -> ModuleType:
    """A hook of docs/overrides/ as a module (`diagrams`, `gpu`), loaded once."""
    key = f"lstm_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, DOCS / "overrides" / f"{name}.py")
        assert spec is not None and spec.loader is not None, name
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


# ---------------------------------------------------------------------------------------------
# Pieces of a copy
# ---------------------------------------------------------------------------------------------


def resolve_includes(markdown: str, where: str) -> str:
    """Every `--8<--` line replaced by what pymdownx.snippets puts there, at the line's indent.

    Sections are dedented (`dedent_subsections: true` in mkdocs.yml). Raises ValueError when a
    `--8<--` is left that is not an include line this site uses.
    """
    out = []
    for line in markdown.splitlines():
        match = INCLUDE_LINE.match(line)
        if match is None:
            out.append(line)
            continue
        try:
            text = included_text(match["path"], match["section"])
        except (KeyError, OSError, ValueError) as error:
            raise ValueError(f"{where}: cannot include {line.strip()}: {error!r}") from error
        if match["section"] is not None:
            text = textwrap.dedent(text)
        indent = line[: len(line) - len(line.lstrip())]
        out.extend(indent + body if body.strip() else "" for body in text.strip("\n").splitlines())
    resolved = "\n".join(out) + "\n"
    if "--8<--" in resolved:
        raise ValueError(f"{where}: a `--8<--` line that is not an include: {resolved!r:.200}")
    return resolved


def _prose(text: str, where: str, change: Callable[[str], str]) -> str:
    """`text` with `change` applied to everything outside fenced code blocks."""
    out, last = [], 0
    for start, end in _fences(text, Path(where)):
        out += [change(text[last:start]), text[start:end]]
        last = end
    out.append(change(text[last:]))
    return "".join(out)


def comment_text(comment: str, language: str) -> str | None:
    """What a copy shows for an HTML comment of a page: words, or None to drop it.

    Raises ValueError for a comment this site does not use, so that a marker a hook should have
    replaced (or a new one) never disappears from the copies unnoticed.
    """
    body = comment[4:-3].strip()
    if body.startswith("skip:"):
        return None
    diagrams = _override("diagrams")
    if diagrams.MARKER.fullmatch(comment):
        figure = diagrams.figure(comment, language)
        caption = re.search(r"<figcaption>(.*?)</figcaption>", figure, re.DOTALL)
        label = re.search(r"<title>(.*?)</title>", figure, re.DOTALL)
        assert caption is not None and label is not None, comment
        return f"*{html.unescape(caption[1])}* {html.unescape(label[1])}"
    gpu = _override("gpu")
    if comment == gpu.MARKER:
        note = gpu.note(language, gpu.load(), gpu.sections_digest())
        return f"*{html.unescape(re.sub(r'<[^>]+>', '', note))}*"
    raise ValueError(f"unexpected HTML comment {comment!r}: expected a diagram, GPU or skip marker")


def replace_comments(prose: str, language: str) -> str:
    def replace(match: re.Match[str]) -> str:
        text = comment_text(match[0], language)
        return "" if text is None else text

    # A comment alone on its line takes its line break with it when it is dropped.
    prose = re.sub(
        r"^[ \t]*(<!--.*?-->)[ \t]*\n",
        lambda m: "" if comment_text(m[1], language) is None else m[0],
        prose,
        flags=re.MULTILINE | re.DOTALL,
    )
    return COMMENT.sub(replace, prose)


def api_text(path: str, heading_level: int = 2) -> str:
    """What mkdocstrings renders for `::: path`, as Markdown: signatures and docstrings.

    A class's signature holds its `__init__`'s; a module shows its public functions and
    classes, a class its public methods, each under a heading at `heading_level`, in source
    order (the site's options: `members_order: source`, `show_root_heading: false`).
    """
    package, _, member = path.partition(".")
    root = _package(package, _sources_stamp(package))
    return _object_text(root[member] if member else root, heading_level, heading=False)


def _sources_stamp(package: str) -> tuple[tuple[str, int, int], ...]:
    """The package's files with their times and sizes: an edit (`mkdocs serve`) loads it anew."""
    folder = DOCS.parent / package
    files = sorted(folder.rglob("*.py")) if folder.is_dir() else []
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)


@functools.lru_cache(maxsize=4)
def _package(package: str, stamp: tuple[tuple[str, int, int], ...]) -> object:
    # Loaded once per build, not once per `:::` block: griffe loads every submodule of the
    # package for each `load`, and the pages have 26 blocks (a quarter of a warm build's time).
    import griffe

    return griffe.load(package, search_paths=[str(DOCS.parent)], resolve_aliases=False)


def _signature(obj: object) -> str:
    import griffe

    if isinstance(obj, griffe.Class):
        bases = ", ".join(str(base) for base in obj.bases)
        line = f"class {obj.name}({bases}):" if bases else f"class {obj.name}:"
        # The constructor's parameters belong with the class, as on the API page.
        init = obj.members.get("__init__")
        if init is not None and not init.is_alias and init.kind is griffe.Kind.FUNCTION:
            return f"{line}\n    {_signature(init)}"
        return line
    assert isinstance(obj, griffe.Function), obj
    params, seen_star = [], False
    for p in obj.parameters:
        kind = p.kind.value
        if kind == "keyword-only" and not seen_star:
            params.append("*")
        seen_star = seen_star or kind in ("keyword-only", "variadic positional")
        text = {"variadic positional": "*", "variadic keyword": "**"}.get(kind, "") + p.name
        if p.annotation is not None:
            text += f": {p.annotation}"
        if p.default is not None:
            text += f" = {p.default}" if p.annotation is not None else f"={p.default}"
        params.append(text)
    returns = f" -> {obj.returns}" if obj.returns is not None else ""
    return f"def {obj.name}({', '.join(params)}){returns}"


def _object_text(obj: object, level: int, heading: bool) -> str:
    import griffe

    parts = []
    if heading:
        parts.append(f"{'#' * min(level, 6)} `{obj.name}`")
    if not isinstance(obj, griffe.Module):
        parts.append(f"```python\n{_signature(obj)}\n```")
    if obj.docstring is not None:
        parts.append(obj.docstring.value.strip())
    members = [
        member
        for member in obj.members.values()
        if not member.is_alias
        and member.kind in (griffe.Kind.FUNCTION, griffe.Kind.CLASS)
        and member.is_public
        and not member.name.startswith("__")
    ]
    members.sort(key=lambda member: member.lineno or 0)
    child_level = level + 1 if heading else level
    parts += [_object_text(member, child_level, heading=True) for member in members]
    return "\n\n".join(parts)


def replace_api_blocks(prose: str) -> str:
    """Each `::: object` line, with its indented options, replaced by `api_text`."""
    lines, out, i = prose.split("\n"), [], 0
    while i < len(lines):
        match = API_BLOCK.match(lines[i])
        if match is None:
            out.append(lines[i])
            i += 1
            continue
        i += 1
        indent, level = len(match["indent"]), 2
        while i < len(lines) and (
            not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent
        ):
            if found := re.match(r"\s*heading_level:\s*(\d)\s*$", lines[i]):
                level = int(found[1])
            i += 1
        out += [api_text(match["path"], level), ""]
    return "\n".join(out)


def rewrite_link(target: str, *, source: str, url: str, language: str, notebook: bool) -> str:
    """A link of a page as it must read in the page's copy (relative to the copy).

    Args:
        target: the link as the page's source writes it.
        source: the page's source from `docs/` (`output-vs-hn.md`, `notebooks/x.md`): relative
            `.md` links and files resolve against it, as MkDocs resolves them.
        url: the page's HTML URL from the site root (`zh/notebooks/x/`): a notebook's links,
            and `?query` links, resolve against it (they are written for the HTML page).
        language: the page's language.
        notebook: the page is a notebook page, whose links are written for its HTML page.
    """
    if not target or target.startswith(("#", "/")) or SCHEME.match(target):
        return target
    path, sep, fragment = target.partition("#")
    path, mark, query = path.partition("?")
    prefix = language_prefix(language)
    if not path:
        resolved = url  # `?mode=...`: the page itself, with another query
    elif notebook:
        resolved = posixpath.normpath(posixpath.join(url, path))
        if path.endswith("/"):  # a page's URL: its copy
            page = resolved.removeprefix(prefix.rstrip("/")).strip("/") if prefix else resolved
            resolved = prefix + ("index" if page in ("", ".") else page) + ".md"
    elif path.endswith(".md"):
        resolved = prefix + posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    copy_folder = posixpath.dirname(copy_path(source.removesuffix(".md"), language))
    relative = posixpath.relpath(resolved, copy_folder or ".")
    if resolved.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return relative + mark + query + sep + fragment


def rewrite_links(prose: str, **where: object) -> str:
    """Every Markdown link and image of `prose` through `rewrite_link`."""
    return LINK.sub(lambda m: m["open"] + rewrite_link(m["target"], **where) + m["rest"], prose)


# ---------------------------------------------------------------------------------------------
# A page's copy and a language's llms.txt
# ---------------------------------------------------------------------------------------------


def stem_and_language(src_uri: str) -> tuple[str, str]:
    """`output-vs-hn.zh.md` gives `("output-vs-hn", "zh")` (mkdocs-static-i18n, suffix layout)."""
    if not src_uri.endswith(".md"):
        raise ValueError(f"{src_uri}: expected a Markdown page")
    stem = src_uri.removesuffix(".md")
    for language in ("zh",):
        if stem.endswith(f".{language}"):
            return stem.removesuffix(f".{language}"), language
    return stem, "en"


def markdown_copy(markdown: str, *, src_uri: str, description: str, notebook: bool) -> str:
    """The Markdown copy of a page (see the module docstring).

    Args:
        markdown: the page's Markdown without its front matter, as the build has it after the
            hooks that insert generated tables; for a notebook page, its Jupytext source.
        src_uri: the page's source under `docs/` (`output-vs-hn.zh.md`).
        description: the page's front-matter `description:`.
        notebook: the page is a notebook page.
    """
    stem, language = stem_and_language(src_uri)
    markdown = FRONT_MATTER.sub("", markdown, count=1)
    text = resolve_includes(markdown, src_uri)
    if len(text) > MAX_COPY_CHARS:
        raise ValueError(f"{src_uri}: its copy has {len(text)} characters, over {MAX_COPY_CHARS}")
    where = {
        "source": f"{stem}.md",
        "url": page_url(stem, language),
        "language": language,
        "notebook": notebook,
    }

    def prose(part: str) -> str:
        part = replace_comments(part, language)
        part = replace_api_blocks(part)
        # Dropped comments leave runs of blank lines: one is enough (not in code, where two
        # blank lines between definitions are the code's).
        return re.sub(r"\n{3,}", "\n\n", rewrite_links(part, **where))

    text = _prose(text, src_uri, prose)
    h1 = H1.search(text)
    if h1 is None:
        raise ValueError(f"{src_uri}: expected an H1 (`# Title`)")
    header = [f"> {' '.join(description.split())}"] if description.strip() else []
    if notebook:
        header.append(f"*{STRINGS[language]['notebook']}*")
    if header:
        text = text[: h1.end()] + "\n\n" + "\n\n".join(header) + text[h1.end() :]
    text = text.strip() + "\n"
    if "--8<--" in text or "<!--" in text:
        raise ValueError(f"{src_uri}: its copy still has an include or a comment")
    return text


@dataclass(frozen=True)
class Entry:
    """One page in llms.txt: its title, the site path of its copy, its description."""

    title: str
    copy: str
    description: str


def llms_txt(
    site_name: str,
    summary: str,
    groups: list[tuple[str, list[Entry]]],
    *,
    language: str,
    site_url: str | None,
) -> str:
    """A language's llms.txt: H1, blockquote, and one H2 per group of `- [title](url): ...`.

    `groups` are (title, entries) in nav order; the links are absolute from `site_url`, or, when
    it is empty, relative to the language's root, where llms.txt is.
    """
    lines = [f"# {site_name}", "", f"> {' '.join(summary.split())}", ""]
    for title, entries in groups:
        if not entries:
            continue
        lines += [f"## {title}", ""]
        for entry in entries:
            if site_url:
                url = site_url.rstrip("/") + "/" + entry.copy
            else:
                url = entry.copy.removeprefix(language_prefix(language))
            description = " ".join(entry.description.split())
            lines.append(f"- [{entry.title}]({url})" + (f": {description}" if description else ""))
        lines.append("")
    return "\n".join(lines)


def nav_groups(items: list[object], language: str) -> list[tuple[str, list[object]]]:
    """The nav's pages grouped for llms.txt: the top-level pages under "Pages" ("页面") first,
    then each section under its (translated) title, with every page below it, in nav order.

    Works on MkDocs' nav items: a section has `children`, a page has `file`.
    """
    top: list[object] = []
    sections: list[tuple[str, list[object]]] = []

    def pages_of(item: object) -> list[object]:
        children = getattr(item, "children", None)
        if children is None:
            return [item] if getattr(item, "file", None) is not None else []
        return [page for child in children for page in pages_of(child)]

    for item in items:
        if getattr(item, "children", None) is None:
            top += pages_of(item)
        else:
            sections.append((str(item.title), pages_of(item)))
    return [(STRINGS[language]["pages"], top), *sections]
