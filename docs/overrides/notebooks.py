"""MkDocs hook for the notebook pages, `docs/notebooks/<name>.md` and `<name>.zh.md`.

They are Jupytext Markdown notebooks (a Python kernelspec in the front matter) that this hook
renders with mkdocs-jupyter's converter, `mkdocs_jupyter.convert.nb2html`, called as a library.
Its MkDocs plugin is not loaded: it imports nbconvert as it loads, about half a second of every
build, though a build whose pages are all cached converts nothing, and the rest of what it does
for a page (running the notebook, its table of contents, telling which files are notebooks) is
done here instead, so that:

- each notebook runs once per build for both languages: the code cells are identical (a test
  checks), only Markdown is translated, so the Chinese page reuses the English outputs;
- the notebooks start as soon as the files are known, side by side in worker threads (each in
  its own kernel process), while MkDocs renders the other pages;
- it runs in a scratch folder holding exactly what a reader downloads: the notebook and the
  `snippets/` modules it imports (`helpers.py`), never a second copy of them;
- a failing cell fails the build (`allow_errors` in OPTIONS; the converter's default keeps the
  traceback as the cell's output);
- parsed notebooks, outputs and rendered pages are cached in `.cache/notebooks/`, keyed on
  everything that can change them: the code, the imported modules, this file, the kernelspec,
  the Python version and every installed distribution (torch included) and requirements.txt.
  A cached output is therefore never stale; `.ci/run` deletes `.cache/` anyway.

It also publishes `<name>.ipynb` (executed, in the page's language) and the imported modules
next to each notebook page, gives headings their explicit `{ #id }`, rebuilds the table of
contents from them, removes the scripts mkdocs-jupyter adds that would fetch from a CDN (or
from an empty `src`), and warns (so the strict build fails) on a relative link in a notebook
that leads nowhere or a heading without an explicit id.
"""

from __future__ import annotations

import hashlib
import html
import importlib.metadata
import json
import logging
import os
import posixpath
import re
import sys
import tempfile
import threading
import time
import types
from concurrent.futures import Future
from pathlib import Path, PurePath
from typing import Any

import nbformat
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.hooks.notebooks")

HERE = Path(__file__).resolve()
# The notebook pages: files matching this, under docs/, with a Python kernelspec.
INCLUDE = "notebooks/*.md"
# What mkdocs-jupyter's converter is given: the options its plugin would pass it.
OPTIONS: dict[str, Any] = {
    "execute": True,
    # A cell that raises fails the build, instead of showing its traceback as output.
    "allow_errors": False,
    "kernel_name": "python3",
    # Neither require.js nor MathJax: both would be fetched from a CDN (the site is offline).
    "include_requirejs": False,
    "custom_mathjax_url": "",
    "theme": "",
    "show_input": True,
    "no_input": False,
    "no_prompt": False,
    "remove_tag_config": {},
    "highlight_extra_classes": "",
}
# How long one cell may run, in seconds, before the build fails. The slowest cell (a training
# loop) took 103 s cold on a 2-core machine running about 20 other processes at once, and the
# whole notebook takes about 15 s cold on an idle one. NOTEBOOK_CELL_TIMEOUT sets another limit.
EXECUTION_TIMEOUT = int(os.environ.get("NOTEBOOK_CELL_TIMEOUT", "180"))
# Set in on_config.
ROOT = HERE.parent.parent.parent
CACHE = ROOT / ".cache" / "notebooks"
# The digest of environment(), computed once: MkDocs loads hooks afresh with each config, so
# once per build (and once for both languages).
ENVIRONMENT = ""

# Runs of this build, finished or not: {run key: future outputs}.
RUNS: dict[str, Future[dict[str, Any]]] = {}
RUNS_LOCK = threading.Lock()
SLOTS = threading.BoundedSemaphore(os.cpu_count() or 2)
PARSED: dict[tuple[str, str], nbformat.NotebookNode] = {}
# What each rendered notebook page publishes next to itself: {source path: (notebook, modules)}.
PUBLISHED: dict[str, tuple[nbformat.NotebookNode, list[Path]]] = {}

IMPORT = re.compile(r"^\s*(?:from\s+(\w+)(?:\.\w+)*\s+import|import\s+(\w+))", re.MULTILINE)
EXPLICIT_ID = re.compile(
    r'<h(?P<level>[1-6]) id="[^"]*">(?P<text>.*?)\s*\{\s*#(?P<id>[\w-]+)\s*\}\s*'
    r'<a class="anchor-link" href="#[^"]*">¶</a></h(?P=level)>',
    re.DOTALL,
)
HEADING = re.compile(
    r'<h(?P<level>[1-6]) id="(?P<id>[^"]*)">(?P<text>.*?)<a class="(?P<cls>[\w-]+)"', re.DOTALL
)
SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
EMPTY_SRC = re.compile(r"""\bsrc\s*=\s*(?:""|''|(?=[\s>]))""", re.IGNORECASE)
FOREIGN_IMPORT = re.compile(
    r"""\b(?:import|from)\s*\(?\s*["'](?:[a-z][a-z0-9+.-]*:)?//""", re.IGNORECASE
)
# nbconvert appends the Pygments CSS a second time, as a Python list printed in a <style>.
LIST_STYLE = re.compile(r"\s*<style>\s*\[.*?\]\s*</style>\s*$", re.DOTALL)
HREF = re.compile(r'<a\s[^>]*?href="(?P<href>[^"]*)"')


def on_config(config: Any) -> Any:
    global ROOT, CACHE
    ROOT = Path(config.config_file_path).resolve().parent
    CACHE = ROOT / ".cache" / "notebooks"
    return config


def is_notebook(file: Any) -> bool:
    """Whether a file is a notebook page: it matches INCLUDE and has a Python kernelspec."""
    if file.abs_src_path is None or not PurePath(file.abs_src_path).match(INCLUDE):
        return False
    kernelspec = read_notebook(Path(file.abs_src_path)).metadata.get("kernelspec") or {}
    return kernelspec.get("language") == "python"


def digest(*parts: str | bytes) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big") + data)
    return hasher.hexdigest()


def environment() -> str:
    """Everything outside the notebook that its outputs or its rendering can depend on."""
    from jupyter_client.kernelspec import KernelSpecManager

    # Installed distributions with their versions (`torch-2.13.0+cpu.dist-info`): a listing,
    # much faster than reading every distribution's metadata.
    distributions = sorted(
        f"{folder}:{entry.name}"
        for folder in sys.path
        if os.path.isdir(folder)
        for entry in os.scandir(folder)
        if entry.name.endswith((".dist-info", ".egg-info", ".egg-link", ".pth"))
    )
    requirements = ROOT / "requirements.txt"
    specs = {name: spec["spec"] for name, spec in KernelSpecManager().get_all_specs().items()}
    return digest(
        HERE.read_bytes(),
        sys.version,
        # The kernel runs this interpreter (jupyter_client swaps a spec's "python" for it).
        sys.prefix,
        os.path.realpath(sys.executable),
        f"torch=={importlib.metadata.version('torch')}",
        "\n".join(distributions),
        requirements.read_bytes() if requirements.is_file() else b"no requirements.txt",
        json.dumps(specs, sort_keys=True),
    )


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """The notebook as a reader gets it: no front matter cell, no Jupytext pairing, stable ids.

    A build reads each notebook several times: it is parsed once per content, and each call
    gets its own copy. Parsed notebooks are cached on disk too, keyed by the text, this file
    and Jupytext's version, so that a build whose notebooks are unchanged never imports
    Jupytext (about 0.3 s).
    """
    data = path.read_bytes()
    key = (str(path), hashlib.sha256(data).hexdigest())
    if key not in PARSED:
        jupytext_version = importlib.metadata.version("jupytext")
        name, language = name_and_language(path)
        disk = cached(f"parsed-{language}", name, digest(HERE.read_bytes(), jupytext_version, data))
        parsed = load(disk)
        if parsed is None:
            import jupytext
            import yaml

            try:
                parsed = jupytext.reads(data.decode("utf-8"), fmt={"extension": path.suffix})
            except yaml.YAMLError as error:  # Jupytext's YAML errors do not name the file
                from mkdocs.exceptions import PluginError

                shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                raise PluginError(
                    f"{shown}: not a Jupytext Markdown notebook: expected YAML front matter "
                    f"with a `jupyter: kernelspec:` ({error})"
                ) from None
            if parsed.cells and parsed.cells[0].cell_type == "raw":
                if parsed.cells[0].source.startswith("---"):
                    parsed.cells.pop(0)
            parsed.metadata.pop("jupytext", None)
            for number, cell in enumerate(parsed.cells):
                cell.id = f"cell-{number}"
            store(disk, parsed)
        PARSED[key] = nbformat.from_dict(parsed)
    return nbformat.from_dict(PARSED[key])


def name_and_language(path: Path) -> tuple[str, str]:
    """`("digits-classification", "zh")` for `digits-classification.zh.md`."""
    language = path.suffixes[-2].lstrip(".") if len(path.suffixes) > 1 else "en"
    return path.name.split(".")[0], language


def imported_modules(notebook: nbformat.NotebookNode) -> list[Path]:
    """The `snippets/` modules the code imports: they are published next to the notebook."""
    snippets = ROOT / "snippets"
    names = {
        match[0] or match[1]
        for cell in notebook.cells
        if cell.cell_type == "code"
        for match in IMPORT.findall(cell.source)
    }
    return sorted(snippets / f"{name}.py" for name in names if (snippets / f"{name}.py").is_file())


def cached(kind: str, name: str, key: str) -> Path:
    return CACHE / f"{name}.{kind}.{key[:32]}.json"


def load(path: Path) -> Any:
    """A cached value, or None (another build may be replacing it right now)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def store(path: Path, value: Any) -> None:
    """Write atomically and drop the entries this one replaces (same name and kind)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stem = path.name.rsplit(".", 2)[0]
    for old in path.parent.glob(f"{stem}.*.json"):
        old.unlink(missing_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(value), encoding="utf-8")
    os.replace(tmp, path)


class CellTimeout(Exception):
    """A notebook cell ran longer than the limit (EXECUTION_TIMEOUT)."""


def execute(
    notebook: nbformat.NotebookNode,
    modules: list[Path],
    kernel_name: str,
    allow_errors: bool,
    name: str | None = None,
    timeout: int | None = None,
) -> dict[str, Any]:
    """Run the notebook in a folder holding only its modules: its language and cell outputs.

    Args:
        notebook: the notebook; its cells get their outputs.
        modules: the `snippets/` modules it imports, copied next to it.
        kernel_name: the Jupyter kernel to run it with (empty: the notebook's kernelspec).
        allow_errors: whether a cell that raises is kept as output instead of failing.
        name: the notebook's name, for the error messages (`run` adds it when left out).
        timeout: how long one cell may run, in seconds (default: EXECUTION_TIMEOUT).

    Returns:
        The kernel's language_info and each code cell's execution count and outputs.

    Raises:
        CellTimeout: a cell ran longer than `timeout`; names the notebook, the cell and the limit.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    limit = EXECUTION_TIMEOUT if timeout is None else timeout
    running: dict[str, int] = {}

    def started(cell: nbformat.NotebookNode, cell_index: int, **kwargs: Any) -> None:
        running["index"] = cell_index

    with tempfile.TemporaryDirectory(prefix="notebook-") as folder:
        for module in modules:
            (Path(folder) / module.name).write_bytes(module.read_bytes())
        client = NotebookClient(
            notebook,
            kernel_name=kernel_name or notebook.metadata.kernelspec.name,
            allow_errors=allow_errors,
            timeout=limit,
            resources={"metadata": {"path": folder}},
            on_cell_start=started,
        )
        # The kernel's own stderr (e.g. a warning about its TCP transport) is not notebook
        # output: keep it out of the build log, and show it only if the kernel fails.
        with open(Path(folder) / "kernel-stderr.txt", "w+b") as stderr:
            try:
                client.execute(stderr=stderr)
            except CellExecutionError:
                raise
            except CellTimeoutError:
                index = running.get("index", 0)
                code = [i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"]
                first = (notebook.cells[index].source.strip().splitlines() or [""])[0]
                raise CellTimeout(
                    (f"notebook {name}: " if name else "")
                    + f"code cell {code.index(index) + 1} of {len(code)} "
                    f"(cell {index + 1} of {len(notebook.cells)}, starting {first[:60]!r}) "
                    f"ran longer than the limit of {limit} s per cell (NOTEBOOK_CELL_TIMEOUT)"
                ) from None
            except Exception as error:
                stderr.seek(0)
                raise RuntimeError(
                    f"the kernel failed: {error}\n{stderr.read().decode(errors='replace')}"
                ) from error
    return {
        "language_info": notebook.metadata.get("language_info", {}),
        "cells": [
            {"execution_count": cell.execution_count, "outputs": cell.outputs}
            for cell in notebook.cells
            if cell.cell_type == "code"
        ],
    }


def run_key(
    notebook: nbformat.NotebookNode,
    modules: list[Path],
    environment: str,
    kernel_name: str,
    allow_errors: bool,
) -> str:
    """What a run's outputs depend on. Markdown is left out: both languages share one run."""
    return digest(
        environment,
        json.dumps([cell.source for cell in notebook.cells if cell.cell_type == "code"]),
        json.dumps(notebook.metadata.get("kernelspec", {}), sort_keys=True),
        kernel_name,
        f"allow_errors={allow_errors}",
        *(module.name + "\n" + module.read_text(encoding="utf-8") for module in modules),
    )


def outputs(
    path: Path, notebook: nbformat.NotebookNode, modules: list[Path], options: dict[str, Any]
) -> Future[dict[str, Any]]:
    """The outputs of the notebook's code: cached, being computed, or started now.

    Notebooks run in worker threads (each in its own kernel process), so they run side by side
    and while MkDocs renders the other pages; a run is shared by every notebook with the
    same key, in both languages.
    """
    global ENVIRONMENT
    ENVIRONMENT = ENVIRONMENT or environment()
    kernel_name = options.get("kernel_name") or notebook.metadata.kernelspec.name
    allow_errors = bool(options.get("allow_errors"))
    key = run_key(notebook, modules, ENVIRONMENT, kernel_name, allow_errors)
    with RUNS_LOCK:
        if key not in RUNS:
            outputs_file = cached("outputs", path.name.split(".")[0], key)
            found = load(outputs_file)
            if found is not None:
                RUNS[key] = Future()
                RUNS[key].set_result(found)
            else:
                copy = nbformat.from_dict(notebook)
                RUNS[key] = start(
                    run, path.name, copy, modules, kernel_name, allow_errors, outputs_file
                )
        return RUNS[key]


def start(function: Any, *args: Any) -> Future[Any]:
    """Call function(*args) in a daemon thread, at most one per CPU at a time.

    Not a ThreadPoolExecutor: Python waits for its threads before exiting, so a build that
    failed on one notebook would still wait for all the others to finish.
    """
    future: Future[Any] = Future()

    def work() -> None:
        with SLOTS:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(function(*args))
            except BaseException as error:
                future.set_exception(error)

    threading.Thread(target=work, name="notebook", daemon=True).start()
    return future


def run(
    name: str,
    notebook: nbformat.NotebookNode,
    modules: list[Path],
    kernel_name: str,
    allow_errors: bool,
    outputs_file: Path,
) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        result = execute(notebook, modules, kernel_name, allow_errors)
    except CellTimeout as error:
        raise CellTimeout(f"notebook {name}: {error}") from None
    log.info("Executed notebook %s in %.1f s", name, time.perf_counter() - started)
    store(outputs_file, result)
    return result


def fill(notebook: nbformat.NotebookNode, result: dict[str, Any]) -> None:
    notebook.metadata["language_info"] = result["language_info"]
    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for cell, ran in zip(cells, result["cells"], strict=True):
        cell.execution_count = ran["execution_count"]
        cell.outputs = [nbformat.from_dict(output) for output in ran["outputs"]]


def on_files(files: Any, config: Any) -> Any:
    """Start every notebook that has no cached outputs, before any page is rendered."""
    if not OPTIONS["execute"]:
        return files
    for file in files:
        if is_notebook(file):
            path = Path(file.abs_src_path).resolve()
            notebook = read_notebook(path)
            outputs(path, notebook, imported_modules(notebook), OPTIONS)
    return files


def on_pre_page(page: Any, config: Any, files: Any) -> Any:
    """A notebook page renders as the converter renders its notebook, not as Markdown."""
    if is_notebook(page.file):
        source = page.file.abs_src_path

        def render_notebook(self: Any, config: Any, files: Any) -> None:
            self.content = render(source, **OPTIONS)
            self.toc = get_toc([])  # on_page_content builds it from the rendered headings

        page.render = types.MethodType(render_notebook, page)
    return page


def nbconvert(nb_path: str, **options: Any) -> str:
    """mkdocs-jupyter's converter, imported only when a page is not in the cache."""
    from mkdocs_jupyter.convert import nb2html

    return nb2html(nb_path, **options)


def render(nb_path: str, **options: Any) -> str:
    """mkdocs-jupyter's nb2html, with execution shared across languages and cached."""
    global ENVIRONMENT
    path = Path(nb_path).resolve()
    name, language = name_and_language(path)
    notebook = read_notebook(path)
    modules = imported_modules(notebook)
    if options.get("execute"):
        try:
            result = outputs(path, notebook, modules, options).result()
        except CellTimeout as error:
            from mkdocs.exceptions import PluginError

            raise PluginError(str(error)) from None
        fill(notebook, result)
    PUBLISHED[str(path)] = (notebook, modules)

    text = nbformat.writes(notebook)
    ENVIRONMENT = ENVIRONMENT or environment()
    page_key = digest(ENVIRONMENT, text, json.dumps(options, sort_keys=True, default=repr))
    page_file = cached(f"html-{language}", name, page_key)
    body = load(page_file)
    if body is not None:
        return body
    with tempfile.TemporaryDirectory(prefix="notebook-") as folder:
        executed = Path(folder) / f"{name}.ipynb"
        executed.write_text(text, encoding="utf-8")
        body = render.__wrapped__(str(executed), **{**options, "execute": False})
    body = clean(body)
    store(page_file, body)
    return body


# What render converts with: tests/test_notebook_cache_is_never_stale.py puts a fake one here.
render.__wrapped__ = nbconvert  # type: ignore[attr-defined]


def clean(body: str) -> str:
    """Explicit heading ids, no script that fetches from elsewhere or from an empty src."""
    body = LIST_STYLE.sub("", body)
    body = EXPLICIT_ID.sub(
        lambda m: (
            f'<h{m["level"]} id="{m["id"]}">{m["text"]}<a class="headerlink" '
            f'href="#{m["id"]}" title="Permanent link">¶</a></h{m["level"]}>'
        ),
        body,
    )

    def keep(script: re.Match[str]) -> str:
        attrs, text = script["attrs"], script["body"]
        if EMPTY_SRC.search(attrs) or FOREIGN_IMPORT.search(text):
            return ""
        if "text/x-mathjax-config" in attrs:
            return ""  # configures a MathJax that is never loaded
        return script[0]

    body = SCRIPT.sub(keep, body)
    # The copy button copies this hidden text as it stands; the HTML minifier (htmlmin, minify in
    # mkdocs.yml) keeps an element's whitespace only when it has a `pre` attribute.
    body = body.replace('<div class="clipboard-copy-txt"', '<div pre class="clipboard-copy-txt"')
    # A code cell scrolls sideways when a line is long: keyboard users must reach it too.
    return body.replace('<div class="highlight-ipynb', '<div tabindex="0" class="highlight-ipynb')


def on_page_content(content: str, page: Any, config: Any, files: Any) -> str:
    source = page.file.abs_src_path
    if source is None or str(Path(source).resolve()) not in PUBLISHED:
        return content
    where = page.file.src_uri
    tokens: list[dict[str, Any]] = []
    for match in HEADING.finditer(content):
        if match["cls"] != "headerlink":
            log.warning("%s: heading %r has no explicit { #id }", where, match["text"])
            continue
        name = re.sub(r"<[^>]+>", "", match["text"]).strip()
        tokens.append({"level": int(match["level"]), "id": match["id"], "name": name})
        if match["level"] == "1":
            page.title = html.unescape(name)
    page.toc = get_toc(nest(tokens))

    notebook, modules = PUBLISHED[str(Path(source).resolve())]
    published = {download_name(page), *(module.name for module in modules)}
    urls = {file.url for file in files}
    for match in HREF.finditer(content):
        href = html.unescape(match["href"])
        if not href or href.startswith("#") or re.match(r"^[a-z][a-z0-9+.-]*:|^//", href, re.I):
            continue
        relative = href.split("#")[0]
        target = posixpath.normpath(posixpath.join(page.url, relative))
        target += "/" if relative.endswith("/") else ""
        if target.startswith("../"):
            pass
        elif (
            posixpath.dirname(target) + "/" == page.url and posixpath.basename(target) in published
        ):
            continue
        elif target in urls:
            continue
        log.warning("%s: link %r leads to no page or file of the site", where, href)
    return content


def nest(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flat headings to the nested tokens `get_toc` expects."""
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for token in tokens:
        token = {**token, "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


def download_name(page: Any) -> str:
    return Path(page.file.abs_src_path).name.split(".")[0] + ".ipynb"


def on_post_page(output: str, page: Any, config: Any) -> str:
    source = page.file.abs_src_path
    if source is None:
        return output
    if str(Path(source).resolve()) not in PUBLISHED:
        if page.file.src_uri.startswith("notebooks/"):
            log.warning("%s was not rendered as a notebook", page.file.src_uri)
        return output
    notebook, modules = PUBLISHED[str(Path(source).resolve())]
    folder = Path(page.file.abs_dest_path).parent
    folder.mkdir(parents=True, exist_ok=True)
    (folder / download_name(page)).write_text(nbformat.writes(notebook), encoding="utf-8")
    for module in modules:
        (folder / module.name).write_bytes(module.read_bytes())
    return output
