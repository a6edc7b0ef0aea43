"""MkDocs hook: pure work cached across builds, keyed by its input, in `.cache/`.

A warm build repeated work whose result only depends on inputs that rarely change (cProfile of
a warm build, 2026-11-30):

- minifying each page's HTML (the `minify` plugin, htmlmin): most pages are byte for byte the
  same from one build to the next. The plugin's own `_minify_html_page` is wrapped: the same
  input, under the same htmlmin and plugin versions and options, reads the earlier result
  (`.cache/minify/`);
- pruning the notebooks' stylesheet (notebook_styles.py, through `memo`): keyed by the
  notebook pages, their styles and the pruning code (`.cache/jupyterlab-css/`);
- compiling Jinja templates (Material's, `docs/overrides/`' and mkdocstrings'): each
  environment gets Jinja's own `FileSystemBytecodeCache` (`.cache/jinja/`), which keys a
  template by its name and source.

A missing or unreadable entry is a miss. Each folder keeps the `MAX_ENTRIES` files used last,
so the cache cannot grow without bound (`mkdocs serve` rebuilds on every edit); `.ci/run`
deletes `.cache/` anyway.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache

MAX_ENTRIES = 500
VERSIONS = "|".join(
    f"{name}=={importlib.metadata.version(name)}" for name in ("mkdocs-minify-plugin", "htmlmin2")
)


def memo(folder: Path, key: str, compute: Callable[[], str | None]) -> str | None:
    """`compute()`'s text, read from `folder` when an earlier build stored it under `key`.

    `key` must hold everything the result depends on (input, options, code and library
    versions). A missing or unreadable entry is a miss; a `None` result is not stored.
    """
    entry = folder / f"{hashlib.sha256(key.encode()).hexdigest()}.txt"
    try:
        result = entry.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        result = compute()
        if result is None:
            return None
        folder.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
        tmp.write_text(result, encoding="utf-8")
        os.replace(tmp, entry)
    else:
        os.utime(entry)  # used now: trim() keeps the entries used last
    return result


def cached(minify: Callable[[str], str | None], folder: Path, options: str) -> Callable:
    """`minify` with a disk cache in `folder`, keyed on its input, `options` and VERSIONS."""

    def minify_cached(output: str) -> str | None:
        return memo(folder, f"{VERSIONS}\n{options}\n{output}", lambda: minify(output))

    minify_cached.__wrapped__ = minify
    return minify_cached


def bytecode_cache(folder: Path) -> FileSystemBytecodeCache:
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


def trim(folder: Path, keep: int = MAX_ENTRIES) -> None:
    """Delete all but the `keep` files used last."""
    entries = []
    for entry in folder.glob("*"):
        try:
            entries.append((entry.stat().st_mtime, entry))
        except FileNotFoundError:  # another build trimmed it
            pass
    for _, entry in sorted(entries, reverse=True)[keep:]:
        entry.unlink(missing_ok=True)


def cache_of(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent / ".cache"


def on_config(config: Any) -> Any:
    cache = cache_of(config)
    minify = config.plugins.get("minify")
    if minify is not None and not hasattr(minify._minify_html_page, "__wrapped__"):
        options = json.dumps(dict(minify.config), sort_keys=True, default=str)
        minify._minify_html_page = cached(minify._minify_html_page, cache / "minify", options)
    # mkdocstrings makes its handlers (each with its own Jinja environment) on first use.
    handlers = getattr(config.plugins.get("mkdocstrings"), "_handlers", None)
    if handlers is not None and not hasattr(handlers.get_handler, "__wrapped__"):
        get_handler = handlers.get_handler

        def get_handler_cached(*args: Any, **kwargs: Any) -> Any:
            handler = get_handler(*args, **kwargs)
            if handler.env.bytecode_cache is None:
                handler.env.bytecode_cache = bytecode_cache(cache / "jinja")
            return handler

        get_handler_cached.__wrapped__ = get_handler
        handlers.get_handler = get_handler_cached
    return config


def on_env(env: Any, config: Any, **kwargs: Any) -> Any:
    env.bytecode_cache = bytecode_cache(cache_of(config) / "jinja")
    return env


def on_post_build(config: Any) -> None:
    for name in ("minify", "jinja", "jupyterlab-css"):
        trim(cache_of(config) / name)
