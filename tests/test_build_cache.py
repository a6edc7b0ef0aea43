"""docs/overrides/build_cache.py: a cached page is what the minify plugin itself would write.

The site built with warm caches is byte for byte the site built with none (checked by hand on
2026-11-30); here the wrapper is checked on its own: a hit never calls the plugin, a changed
input or changed options miss, an unreadable entry is a miss, and trimming keeps the newest.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

from tests.docs_layout import DOCS


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_cache", DOCS / "overrides/build_cache.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Minify:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, html: str) -> str:
        self.calls += 1
        return " ".join(html.split())


def test_a_hit_returns_the_plugins_result_without_calling_it(tmp_path: Path) -> None:
    hook, minify = load_hook(), Minify()
    cached = hook.cached(minify, tmp_path, "options")
    page = "<p>\n  a   b\n</p>"
    assert cached(page) == minify(page) == "<p> a b </p>"
    calls = minify.calls
    assert cached(page) == "<p> a b </p>" and minify.calls == calls


def test_changed_input_or_options_miss(tmp_path: Path) -> None:
    hook, minify = load_hook(), Minify()
    hook.cached(minify, tmp_path, "options")("<p>a</p>")
    assert hook.cached(minify, tmp_path, "options")("<p>b</p>") == "<p>b</p>"
    hook.cached(minify, tmp_path, "other options")("<p>a</p>")
    assert minify.calls == 3


def test_an_unreadable_entry_is_a_miss(tmp_path: Path) -> None:
    hook, minify = load_hook(), Minify()
    cached = hook.cached(minify, tmp_path, "options")
    cached("<p>a</p>")
    (entry,) = tmp_path.iterdir()
    entry.write_bytes(b"\xff\xfe not utf-8")
    assert cached("<p>a</p>") == "<p>a</p>" and minify.calls == 2


def test_trim_keeps_the_entries_used_last(tmp_path: Path) -> None:
    hook = load_hook()
    for age in range(5):
        entry = tmp_path / f"{age}.html"
        entry.write_text("x", encoding="utf-8")
        os.utime(entry, (1000 - age, 1000 - age))
    hook.trim(tmp_path, keep=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0.html", "1.html"]


def test_memo_computes_once_per_key_and_stores_no_none(tmp_path: Path) -> None:
    hook, calls = load_hook(), []

    def compute(value: str | None) -> str | None:
        calls.append(value)
        return value

    assert hook.memo(tmp_path, "a", lambda: compute("css")) == "css"
    assert hook.memo(tmp_path, "a", lambda: compute("other")) == "css"
    assert hook.memo(tmp_path, "b", lambda: compute("other")) == "other"
    assert hook.memo(tmp_path, "c", lambda: compute(None)) is None
    assert hook.memo(tmp_path, "c", lambda: compute("late")) == "late"
    assert calls == ["css", "other", None, "late"]
