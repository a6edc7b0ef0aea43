"""MkDocs hook: the notebook pages' styles as one shared stylesheet, not inline on every page.

It takes the `<style>` blocks mkdocs-jupyter puts in each notebook page's content, and after the
build writes `JUPYTERLAB_CSS` (hooks.py's PAGE_ASSETS links it on every notebook page): their
rules that match something in the built notebook pages, of either language (the rules:
docs/overrides/notebook_css.py). Runs after notebooks.py, before csp.py: the pages then carry
no inline style for the policy to allow.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import sys
import time
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.notebook_styles")

JUPYTERLAB_CSS = "assets/stylesheets/jupyterlab.css"
MARKER = 'class="jupyter-wrapper"'
# What notebook_css.py parses and matches the rules with: a new version may keep other rules.
MATCHING_LIBRARIES = ("tinycss2", "soupsieve", "beautifulsoup4")


def _sibling(name: str) -> Any:
    # A module of this folder loaded from its file, once for both languages' builds: this hook
    # must not depend on hook order or on sys.path.
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module
    return sys.modules[name]


def _build_cache() -> Any:
    return _sibling("build_cache")  # its `memo`


def _logic() -> Any:
    # It holds what every notebook page has shown so far.
    module = _sibling("notebook_css")
    if not hasattr(module, "STYLES"):
        module.STYLES, module.PAGES, module.LAST = {}, {}, (None, "")
    return module


def on_startup(command: str, dirty: bool) -> None:
    # Once per `mkdocs build` or `mkdocs serve`, before both languages' builds.
    _logic().STYLES.clear()
    _logic().PAGES.clear()
    _logic().LAST = (None, "")


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    if MARKER not in html:
        return html
    logic = _logic()
    html, styles = logic.split_styles(logic.copy_icons_to_css(html))
    logic.STYLES[page.file.abs_dest_path] = styles
    return html


@event_priority(-100)
def on_post_page(output: str, page: Any, **kwargs: Any) -> str:
    logic = _logic()
    if page.file.abs_dest_path in logic.STYLES:
        logic.PAGES[page.file.abs_dest_path] = output
    return output


# After mkdocs-static-i18n's (-100), which builds the other languages inside the English
# build's on_post_build.
@event_priority(-101)
def on_post_build(config: Any) -> None:
    logic = _logic()
    if not logic.PAGES:
        return
    styles = [css for page in logic.STYLES.values() for css in page]
    # Both languages' builds end here, into the same folder (the Chinese one's site_dir is the
    # root too), the Chinese one first, when every page of both languages is rendered: it
    # prunes, the English one reuses that.
    key = hash((*styles, *logic.PAGES.items()))
    if logic.LAST[0] != key:
        started = time.perf_counter()
        # Pruning is the slowest step of a warm build (about 2 s) and its inputs rarely
        # change: cached on disk by them, by the rules' code and by the libraries that match.
        disk_key = "\n".join(
            [
                Path(logic.__file__).read_text(encoding="utf-8"),
                *(f"{name}=={importlib.metadata.version(name)}" for name in MATCHING_LIBRARIES),
                *styles,
                *logic.PAGES.values(),
            ]
        )
        folder = Path(config.config_file_path).resolve().parent / ".cache" / "jupyterlab-css"
        css = _build_cache().memo(
            folder, disk_key, lambda: logic.prune(styles, logic.PAGES.values())
        )
        logic.LAST = (key, css)
        log.info(
            "%s: %d KB of the notebooks' %d KB of inline CSS, in %.1f s",
            JUPYTERLAB_CSS,
            len(logic.LAST[1]) // 1024,
            len("".join(dict.fromkeys(styles))) // 1024,
            time.perf_counter() - started,
        )
    target = Path(config.site_dir) / JUPYTERLAB_CSS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(logic.LAST[1], encoding="utf-8")
