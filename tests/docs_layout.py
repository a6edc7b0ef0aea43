"""What the docs are made of: pages, their twins, snippet modules and included sections.

The tests and the root conftest read the layout through this module only.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
# Notebook pages: Jupytext Markdown notebooks that mkdocs-jupyter renders and the build executes.
NOTEBOOKS = DOCS / "notebooks"
LANGUAGES = ("en", "zh")

# A page's examples that need CUDA: `snippets/<page>_cuda.py` (see Page.cuda_module).
CUDA_SUFFIX = "_cuda.py"

INCLUDE_LINE = re.compile(r'^\s*-{1,}8<-{1,}\s+"(?P<path>[^":]+)(?::(?P<section>[^"]+))?"\s*$')
SECTION_MARKER = re.compile(r"--8<--\s*\[(?P<kind>start|end):(?P<name>[^\]]*)\]")
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$", re.MULTILINE)
HEADING_ID = re.compile(r"^#{1,6} .*\{\s*#(?P<id>[\w-]+)\s*\}\s*$", re.MULTILINE)
# Fences whose code is Python: run by the tests, copied as code, published in the page's .py.
PYTHON_LANGUAGES = frozenset({"python", "py", "python3", "py3", "pycon"})
SKIP_NEXT = re.compile(r"<!--\s*skip:\s*next\b[^>]*-->\s*\Z")
# A section whose name starts with `recipe` is a recipe's main code: it runs alone.
RECIPE_PREFIX = "recipe"


@dataclass(frozen=True)
class Page:
    """One page of the site: `docs/<stem>.md` and its Chinese twin `docs/<stem>.zh.md`."""

    stem: str

    def source(self, language: str) -> Path:
        suffix = ".md" if language == "en" else f".{language}.md"
        return DOCS / f"{self.stem}{suffix}"

    @property
    def url(self) -> str:
        """Path of the page under the site root, e.g. `output-vs-hn/` (`""` for the home page)."""
        return "" if self.stem == "index" else f"{self.stem}/"

    def built(self, site: Path, language: str) -> Path:
        prefix = "" if language == "en" else f"{language}/"
        return site / f"{prefix}{self.url}index.html"

    @property
    def is_notebook(self) -> bool:
        """A page under docs/notebooks/: a notebook, not a page of prose and snippet includes.

        A reader downloads a notebook as one .ipynb, so its code lives in its own code cells,
        not in `snippets/<page>.py`, and it has no `--8<--` includes. It imports reusable code
        from `snippets/` modules (`from helpers import ...`), which the build publishes next
        to it, so nothing is copied twice.
        """
        return self.source("en").parent == NOTEBOOKS

    @property
    def snippet_module(self) -> Path:
        return SNIPPETS / f"{self.stem.replace('-', '_')}.py"

    @property
    def cuda_module(self) -> Path:
        """`snippets/<page>_cuda.py`: the page's examples that need a CUDA GPU, if it has any.

        They live apart because sybil runs every example of `snippets/<page>.py` on every
        machine; tests/test_gpu.py runs these, marked `cuda` (see tests/gpu_record.py).
        """
        return SNIPPETS / f"{self.stem.replace('-', '_')}{CUDA_SUFFIX}"

    @property
    def download_name(self) -> str:
        """The page's code as one file, published next to the page: `output_vs_hn.py`."""
        return download_name(self.source("en"))

    def __str__(self) -> str:
        return self.stem


def pages() -> list[Page]:
    """Every page, found from the English sources (the Chinese twins are checked separately)."""
    return [
        Page(str(p.relative_to(DOCS).with_suffix("")))
        for p in sorted(DOCS.rglob("*.md"))
        if not p.name.endswith(".zh.md") and "overrides" not in p.parts
    ]


def snippet_pages() -> list[Page]:
    """Pages of prose whose code is included from `snippets/<page>.py`: every page but the
    notebooks, and but a page that includes no code at all (the Recipes API page shows only
    mkdocstrings' rendering of the recipes' modules)."""
    return [page for page in pages() if not page.is_notebook and includes(page.source("en"))]


def notebook_pages() -> list[Page]:
    return [page for page in pages() if page.is_notebook]


def notebook(markdown: Path) -> Any:
    """A notebook page read as the notebook it is (Jupytext), an `nbformat.NotebookNode`."""
    import jupytext

    return jupytext.read(markdown)


def code_cells(markdown: Path) -> list[str]:
    """The source of every code cell of a notebook page, in order: what the kernel runs."""
    return [cell.source for cell in notebook(markdown).cells if cell.cell_type == "code"]


def imported_snippet_modules(markdown: Path) -> list[Path]:
    """The `snippets/` modules a notebook page imports (`from helpers import ...`)."""
    found = set()
    for source in code_cells(markdown):
        for match in re.finditer(r"^\s*(?:from\s+(\w+)\S*\s+import|import\s+(\w+))", source, re.M):
            module = SNIPPETS / f"{match[1] or match[2]}.py"
            if module.is_file():
                found.add(module)
    return sorted(found)


def translated_sources() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.zh.md") if "overrides" not in p.parts)


def includes(markdown: Path) -> list[tuple[str, str | None]]:
    """(file, section) of every `--8<--` include in a Markdown file, in order."""
    return [
        (m["path"], m["section"])
        for line in markdown.read_text(encoding="utf-8").splitlines()
        if (m := INCLUDE_LINE.match(line))
    ]


def code_blocks(markdown: Path) -> list[str]:
    """The raw text (info string and body) of every fenced code block, in order."""
    text = markdown.read_text(encoding="utf-8")
    return [text[start:end].strip() for start, end in _fences(text, markdown)]


def _fences(text: str, where: Path) -> list[tuple[int, int]]:
    """(start, end) offsets of every fenced code block in a Markdown text, in order."""
    found, open_fence, start = [], None, 0
    for m in FENCE.finditer(text):
        if open_fence is None:
            open_fence, start = m, m.start()
        elif (
            m["fence"][0] == open_fence["fence"][0]
            and len(m["fence"]) >= len(open_fence["fence"])
            and not m["info"].strip()
        ):
            found.append((start, m.end()))
            open_fence = None
    if open_fence is not None:
        raise ValueError(f"{where}: unclosed code fence at offset {start}")
    return found


def fence_language(info: str) -> str:
    """The language of a fence's info string: ``python title="x"`` and ``{.python}`` give python."""
    first = info.strip().split(maxsplit=1)[0] if info.strip() else ""
    return first.strip("{}").lstrip(".").lower()


@dataclass(frozen=True)
class CodeBlock:
    """A Python code block of a page, as its copy button yields it.

    Attributes:
        includes: `(file, section)` of each snippet include in the block, in order.
        code: the block's code, includes resolved, doctest prompts and output removed.
    """

    includes: tuple[tuple[str, str | None], ...]
    code: str


def python_blocks(markdown: Path) -> list[CodeBlock]:
    """Every Python code block of a Markdown page, in page order, as the copy button yields it.

    A block counts when its fence's language is Python (```` ```python ````, ```` ```pycon ````,
    ...); a block marked `<!-- skip: next "why" -->` does not (the tests do not run it either).
    Each `--8<--` line becomes the section it includes.
    """
    import textwrap

    text = markdown.read_text(encoding="utf-8")
    blocks = []
    for start, end in _fences(text, markdown):
        opening, *body = text[start:end].splitlines()[:-1]
        fence = FENCE.match(opening)
        assert fence is not None, opening
        if fence_language(fence["info"]) not in PYTHON_LANGUAGES or SKIP_NEXT.search(text[:start]):
            continue
        lines, found = [], []
        for line in textwrap.dedent("\n".join(body)).splitlines():
            if match := INCLUDE_LINE.match(line):
                found.append((match["path"], match["section"]))
                lines.append(copied_code(included_text(match["path"], match["section"])))
            else:
                lines.append(line)
        blocks.append(CodeBlock(tuple(found), copied_code("\n".join(lines))))
    return blocks


def page_code(markdown: Path) -> str:
    """A page's Python code as one script: its blocks in page order, as the copy button yields
    them (`""` when the page shows no Python). It is published as the page's download and run
    by tests/test_copied_code_runs.py and tests/test_page_code_downloads_run.py."""
    # Blocks that need a CUDA GPU (snippets/<page>_cuda.py) are left out: the script runs on
    # any machine; tests/test_gpu.py runs them where CUDA is, marked `cuda`.
    blocks = [
        block.code.strip("\n")
        for block in python_blocks(markdown)
        if not any(path.endswith(CUDA_SUFFIX) for path, _ in block.includes)
    ]
    return "\n\n".join(blocks) + "\n" if blocks else ""


def download_name(markdown: Path) -> str:
    """The file name of a page's code: `docs/output-vs-hn.zh.md` gives `output_vs_hn.py`,
    the same in every language (like the page's snippet module)."""
    return markdown.name.split(".")[0].replace("-", "_") + ".py"


def code_download(markdown: Path) -> tuple[str, str] | None:
    """`(file name, code)` of the download a page offers, or None.

    None for a page that shows no Python code, and for a notebook page, whose reader downloads
    the `.ipynb` instead.
    """
    if markdown.resolve().parent == NOTEBOOKS:
        return None
    code = page_code(markdown)
    return (download_name(markdown), code) if code else None


def recipe_sections(markdown: Path) -> list[tuple[str, str]]:
    """`(file, section)` of every recipe shown on a page: an included section in a Python block
    whose name starts with `recipe` (`recipe`, `recipe-decoder`). Each must run alone."""
    return [
        (path, section)
        for block in python_blocks(markdown)
        for path, section in block.includes
        if section is not None and section.startswith(RECIPE_PREFIX)
    ]


def heading_ids(markdown: Path) -> list[str]:
    """Explicit heading ids (`## Title { #id }`): the same in every language, so links agree."""
    return HEADING_ID.findall(markdown.read_text(encoding="utf-8"))


def sections(snippet: Path) -> dict[str, str]:
    """Each `# --8<-- [start:name]` … `[end:name]` section of a snippet file, in file order.

    Raises ValueError for an unbalanced, nested, duplicated or unnamed section.
    """
    return dict(_sections(snippet.read_text(encoding="utf-8"), snippet.name))


# A build includes the same snippet file hundreds of times (each page's downloads and Markdown
# copy): parse each text once.
@functools.lru_cache(maxsize=256)
def _sections(text: str, file_name: str) -> tuple[tuple[str, str], ...]:
    found: dict[str, str] = {}
    current: str | None = None
    body: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        marker = SECTION_MARKER.search(line)
        if marker is None:
            if current is not None:
                body.append(line)
            continue
        kind, name = marker["kind"], marker["name"]
        where = f"{file_name}:{number}"
        if not re.fullmatch(r"[a-z][-_0-9a-z]*", name):
            raise ValueError(f"{where}: section name {name!r} is not lower-case kebab-case")
        if kind == "start":
            if current is not None:
                raise ValueError(f"{where}: section {name!r} starts inside {current!r}")
            if name in found:
                raise ValueError(f"{where}: section {name!r} is defined twice")
            current, body = name, []
        else:
            if current != name:
                raise ValueError(f"{where}: [end:{name}] does not close {current!r}")
            found[name], current = "\n".join(body), None
    if current is not None:
        raise ValueError(f"{file_name}: section {current!r} is never closed")
    return tuple(found.items())


def included_text(path: str, section: str | None) -> str:
    """What an include puts on a page: a section, or the whole file without its markers."""
    target = ROOT / path
    if section is not None:
        return sections(target)[section]
    lines = target.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not SECTION_MARKER.search(line))


def copied_code(section: str) -> str:
    """What the copy button yields for a section: doctest prompts and output removed.

    Mirrors the CSS rule in docs/assets/stylesheets/extra.css, which hides prompts (`.gp`)
    and output (`.go`) while Material copies.
    """
    import textwrap

    text = textwrap.dedent(section)
    if not text.lstrip().startswith(">>>"):
        return text
    code = []
    for line in text.splitlines():
        if line.startswith((">>> ", "... ")):
            code.append(line[4:])
        elif line in (">>>", "..."):
            code.append("")
    return "\n".join(code)
