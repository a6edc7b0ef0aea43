"""Measure the site and check its budgets; write the results to .ci/benchmark.md.

Run with `bash .ci/benchmark` (not part of the test run). Every timing and score is the
median of `--runs` runs (default 3):

- cold `mkdocs build --strict` (caches removed) and warm (caches kept), the warm one side by
  side with a bare Material build of the same Markdown (no hooks, theme overrides or plugins
  but search and mkdocs-static-i18n);
- every example once (`pytest snippets docs`), the test suite without the browser tests
  (`-m "not browser"`) and with them, alternated;
- bytes a browser loads per page, by kind (uncompressed, as Chromium decodes them, and gzipped
  as a static host serves them);
- Lighthouse (npm `lighthouse`, Debian's Chromium, offline) for the home page, the heaviest
  page, the API page, the explorer and the first notebook page in both languages, served
  locally with gzip like a real host, with the desktop and the mobile preset; and its best
  practices alone, with the mobile preset, for every page (one run each);
- text legible on a phone: the share of each page's text at 12 px or more at Lighthouse's
  phone viewport (Lighthouse 12's "legible font sizes" rule; Lighthouse 13 dropped that audit);
- the search index of each language and the one each page fetches.

Budgets: the warm build at most 1.3x the bare one; the suite without the browser tests at most
10x every example once; the browser tests at most 5 s per built page and language on average
(the suite with them minus the suite without, over pages x languages); the whole suite in at
most 300 s (on today's content). Lighthouse accessibility, best practices and SEO 100 and
performance >= 95 with the desktop preset; with the mobile preset, best practices 100 on every
page, and performance >= 95 and cumulative layout shift < 0.1 on the explorer and the notebook
page (on the other pages mobile performance is reported: its 4x CPU slowdown of this noisy
2-core machine moved the same pages between 89 and 98 from one benchmark to the next); no page,
notebook pages included, over 400 KB of HTML, CSS, JS, fonts and images (the search index, one
JSON file per language, reported apart); no search index over 350 KB, and every page fetches its
own language's only; all text legible on a phone; a meta description in its language on every
page.
Exits non-zero when a budget is missed.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from conftest import CHROMIUM_ARGS  # noqa: E402
from tests.docs_layout import LANGUAGES, Page, pages  # noqa: E402
from tests.test_browser_mobile import LEGIBLE_PX, PHONE, TEXT_SIZES  # noqa: E402

LIGHTHOUSE_VERSION = "13.5.0"
PAGE_BUDGET = 400 * 1024
KINDS = ("document", "stylesheet", "script", "font", "image", "other")
SEARCH_INDEX = "search/search_index.json"
# Each language's index lies under its root (docs/overrides/search_index.py).
INDEXES = {lang: ("" if lang == LANGUAGES[0] else f"{lang}/") + SEARCH_INDEX for lang in LANGUAGES}
INDEX_BUDGET = 350 * 1024
API_PAGE = "helpers/"
EXPLORER_PAGE = "explorer/"
# Cumulative layout shift allowed on the explorer and the notebook page (mobile preset).
MOBILE_BUDGET_CLS = 0.1
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# Timing budgets (issue 15), as ratios where they can be: pages keep being added.
WARM_BUILD_RATIO = 1.3  # warm `mkdocs build` / bare Material build of the same Markdown
SUITE_RATIO = 10  # suite without browser tests / `pytest snippets docs` (every example once)
BROWSER_PER_PAGE_S = 5  # browser tests' seconds per built page and language, on average
FULL_SUITE_S = 300  # the whole suite on today's content


def timed(command: list[str], **kwargs: object) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=ENV, check=True, capture_output=True, **kwargs)
    return time.perf_counter() - start


def timed_cpu(command: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system, the command and its children) of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(command)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def build(site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]


# A bare Material build of the same Markdown: mkdocs.yml without the hooks, the theme overrides
# and every plugin but Material's search and mkdocs-static-i18n (both languages); not strict,
# since links to what the hooks and plugins publish (downloads, notebooks) then lead nowhere.
BARE_BUILD = """
import sys
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils.yaml import get_yaml_loader

loader = get_yaml_loader()
loader.add_constructor("!relative", lambda loader, node: None)
with open("mkdocs.yml", encoding="utf-8") as file:
    raw = yaml.load(file, Loader=loader)
theme = {key: value for key, value in raw["theme"].items() if key != "custom_dir"}
plugins = [p for p in raw["plugins"] if isinstance(p, dict) and next(iter(p)) in BARE_PLUGINS]
config = dict(hooks=[], plugins=plugins, theme=theme, site_dir=sys.argv[1], strict=False)
build(load_config("mkdocs.yml", **config))
"""
BARE_PLUGINS = ("search", "i18n")


def bare_build(site: Path) -> list[str]:
    code = f"BARE_PLUGINS = {BARE_PLUGINS!r}\n{BARE_BUILD}"
    return [sys.executable, "-c", code, str(site)]


def median_of(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def build_times(runs: int) -> dict[str, tuple[float, float]]:
    """Cold and warm builds, and the warm build side by side with a bare Material build."""
    with tempfile.TemporaryDirectory() as tmp:
        cold = []
        for _ in range(runs):
            shutil.rmtree(ROOT / ".cache", ignore_errors=True)
            cold.append(timed_cpu(build(Path(tmp) / "site")))
        warm, bare = [], []
        timed_cpu(bare_build(Path(tmp) / "bare"))  # imports and jieba's cache, like the warm one
        for _ in range(runs):  # alternated, so that a busy spell hits both
            warm.append(timed_cpu(build(Path(tmp) / "site")))
            bare.append(timed_cpu(bare_build(Path(tmp) / "bare")))
    return {
        "cold build": median_of(cold),
        "warm build": median_of(warm),
        "bare Material build (same Markdown)": median_of(bare),
    }


def suite_times(runs: int, browser: bool) -> dict[str, tuple[float, float]]:
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    times = {
        "every example once (`pytest snippets docs`)": [],
        "test suite without browser tests": [],
    }
    if browser:
        times["test suite with browser tests"] = []
    for _ in range(runs):  # alternated, so that a busy spell hits all of them
        times["every example once (`pytest snippets docs`)"].append(
            timed_cpu([*pytest, "-n", "0", "snippets", "docs"])  # one process: the fastest
        )
        times["test suite without browser tests"].append(timed_cpu([*pytest, "-m", "not browser"]))
        if browser:
            times["test suite with browser tests"].append(timed_cpu(pytest))
    return {name: median_of(values) for name, values in times.items()}


def page_languages() -> int:
    return len(pages()) * len(LANGUAGES)


def timing_budgets(timings: dict[str, tuple[float, float]]) -> tuple[list[str], list[str]]:
    """Report lines on the timing budgets (ratios of wall-clock medians), and those missed."""
    lines = ["", "Timing budgets (ratios, so that they hold as pages are added):", ""]
    failures: list[str] = []

    def check(what: str, value: float, budget: float, unit: str = "×") -> None:
        met = value <= budget
        lines.append(
            f"- {what}: {value:.2f}{unit} (budget {budget}{unit}){'' if met else ' MISSED'}"
        )
        if not met:
            failures.append(f"{what}: {value:.2f}{unit} > {budget}{unit}")

    wall = {name: w for name, (w, _) in timings.items()}
    if "bare Material build (same Markdown)" in wall:
        check(
            "warm build / bare Material build",
            wall["warm build"] / wall["bare Material build (same Markdown)"],
            WARM_BUILD_RATIO,
        )
    examples = wall.get("every example once (`pytest snippets docs`)")
    if examples and "test suite without browser tests" in wall:
        check(
            "suite without browser tests / every example once",
            wall["test suite without browser tests"] / examples,
            SUITE_RATIO,
        )
    if "test suite with browser tests" in wall:
        browser = wall["test suite with browser tests"] - wall["test suite without browser tests"]
        check(
            f"browser tests per built page and language ({page_languages()})",
            browser / page_languages(),
            BROWSER_PER_PAGE_S,
            " s",
        )
        check("whole suite", wall["test suite with browser tests"], FULL_SUITE_S, " s")
    return lines, failures


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it (as GitHub Pages does)."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        compressible = path.suffix in (".html", ".css", ".js", ".json", ".xml", ".svg")
        if not (
            compressible and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def is_notebook(doc: Page) -> bool:
    return doc.stem.startswith("notebooks/")


def kind_of(response) -> str:  # type: ignore[no-untyped-def]
    # Chromium types the search worker's importScripts and the favicon as "other".
    kind = response.request.resource_type
    if kind != "other":
        return kind if kind in KINDS else "other"
    suffix = Path(urlsplit(response.url).path).suffix
    return {".js": "script", ".png": "image", ".svg": "image", ".ico": "image"}.get(suffix, "other")


def page_weights(base: str) -> dict[str, dict[str, int]]:
    """Bytes per kind for each page, plus "search index" and "gzipped" (the budgeted kinds)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
    from playwright.sync_api import sync_playwright

    weights: dict[str, dict[str, int]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
        )
        for doc in pages():
            for language in LANGUAGES:
                url = doc.url if language == "en" else f"zh/{doc.url}"
                context = browser.new_context()
                tab = context.new_page()
                responses: list = []
                tab.on("response", lambda response, seen=responses: seen.append(response))
                # Material fetches the search index as the page loads, which can outlast
                # networkidle on a busy machine: wait for it (a page that fetches none is
                # reported below).
                try:
                    with tab.expect_response(lambda r: r.url.endswith(SEARCH_INDEX)):
                        tab.goto(base + url, wait_until="networkidle")
                except PlaywrightTimeoutError:
                    pass
                sizes: dict[str, int] = defaultdict(int)
                for response in responses:
                    try:
                        body = response.body()
                    except Exception:  # redirects and aborted requests have no body
                        continue
                    if response.url.endswith(SEARCH_INDEX):
                        sizes["search index"] += len(body)
                        sizes[f"index {urlsplit(response.url).path}"] += 1
                        continue
                    sizes[kind_of(response)] += len(body)
                    sizes["gzipped"] += len(gzip.compress(body))
                weights["/" + url] = dict(sizes)
                context.close()
        browser.close()
    return weights


def legible_text(base: str) -> dict[str, float]:
    """The share of each page's text (in characters) at 12 px or more, on a phone."""
    from playwright.sync_api import sync_playwright

    shares: dict[str, float] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
        )
        context = browser.new_context(**PHONE)
        tab = context.new_page()
        for doc in pages():
            for language in LANGUAGES:
                url = doc.url if language == "en" else f"{language}/{doc.url}"
                tab.goto(base + url)
                texts = tab.evaluate(TEXT_SIZES)
                legible = sum(t["chars"] for t in texts if t["px"] >= LEGIBLE_PX)
                shares["/" + url] = legible / sum(t["chars"] for t in texts)
        browser.close()
    return shares


def search_indexes(site: Path, weights: dict[str, dict[str, int]]) -> tuple[list[str], list[str]]:
    """Report lines on each language's search index, and the budgets it misses."""
    failures: list[str] = []
    lines = [
        "",
        "Search index, one per language (each page fetches its own language's, once per "
        "browser cache; uncompressed, budget 350 KB):",
        "",
    ]
    roots = {lang: "/" + path.removesuffix(SEARCH_INDEX) for lang, path in INDEXES.items()}

    def language_of(path: str) -> str:
        return max(
            (lang for lang in roots if path.startswith(roots[lang])),
            key=lambda lang: len(roots[lang]),
        )

    for language, index_path in INDEXES.items():
        index = (site / index_path).read_bytes()
        prefix = roots[language]
        own = [p for p in weights if language_of(p) == language]
        fetching = sum(weights[p].get(f"index /{index_path}", 0) == 1 for p in own)
        lines.append(
            f"- {language}: `{index_path}` {kb(len(index))}, "
            f"{kb(len(gzip.compress(index)))} gzipped; fetched by {fetching} of the "
            f"{len(own)} pages under `{prefix}`"
        )
        if len(index) > INDEX_BUDGET:
            failures.append(f"{index_path} is {kb(len(index))} > {kb(INDEX_BUDGET)}")
        if fetching != len(own):
            failures.append(f"{len(own) - fetching} pages under {prefix} miss {index_path}")
        for page in own:
            others = [
                k for k in weights[page] if k.startswith("index ") and k[6:] != "/" + index_path
            ]
            if others:
                failures.append(f"{page} fetches {others}")
    return lines, failures


def lighthouse_binary(tools: Path) -> Path:
    """Lighthouse, installed into `tools` by npm the first time."""
    binary = tools / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(tools),
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            check=True,
        )
    return binary


def lighthouse_report(url: str, categories: str, tools: Path, *, desktop: bool) -> dict:
    """One Lighthouse run of `url` on Debian's Chromium: its JSON report."""
    out = tools / "report.json"
    command = [
        str(lighthouse_binary(tools)),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        f"--only-categories={categories}",
    ]
    if desktop:
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**ENV, "CHROME_PATH": shutil.which("chromium")})
    return json.loads(out.read_text())


def lighthouse(base: str, paths: list[str], runs: int, tools: Path) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    for path in paths:
        for preset in ("desktop", "mobile"):
            scores: dict[str, list[float]] = defaultdict(list)
            for _ in range(runs):
                report = lighthouse_report(
                    base + path.lstrip("/"),
                    "performance,accessibility,best-practices,seo",
                    tools,
                    desktop=preset == "desktop",
                )
                for name, category in report["categories"].items():
                    scores[name].append(round(category["score"] * 100))
                scores["cls"].append(report["audits"]["cumulative-layout-shift"]["numericValue"])
            results[f"{path} ({preset})"] = {k: statistics.median(v) for k, v in scores.items()}
    return results


def mobile_best_practices(base: str, paths: list[str], tools: Path) -> dict[str, list[str]]:
    """Each page's failing best-practice audits with the mobile preset (one run: they do not
    depend on timing), by page: an empty list when it scores 100."""
    failing: dict[str, list[str]] = {}
    for path in paths:
        report = lighthouse_report(base + path.lstrip("/"), "best-practices", tools, desktop=False)
        audits = report["audits"]
        failing[path] = [
            ref["id"]
            for ref in report["categories"]["best-practices"]["auditRefs"]
            if ref["weight"]
            and audits[ref["id"]]["scoreDisplayMode"] in ("binary", "numeric")
            and audits[ref["id"]]["score"] < 1
        ]
    return failing


def descriptions(site: Path) -> list[str]:
    missing = []
    for doc in pages():
        for language in LANGUAGES:
            built = doc.built(site, language)
            meta = BeautifulSoup(built.read_text("utf-8"), "html.parser").select_one(
                'meta[name="description"]'
            )
            content = meta["content"] if meta else ""
            han = any("\u4e00" <= ch <= "\u9fff" for ch in content)
            if not content or han != (language == "zh"):
                missing.append(f"{language}:{doc}")
    return missing


def previous_rows() -> list[str]:
    """Lines of the last .ci/benchmark.md, with the last suite timings (fixed when stale)."""
    old = ROOT / ".ci" / "benchmark.md"
    lines = old.read_text(encoding="utf-8").splitlines() if old.exists() else []
    return [line.replace(" (last full run, --skip-suite)", "") for line in lines]


def kb(n: float) -> str:
    return f"{n / 1024:.0f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--skip-suite",
        action="store_true",
        help="skip the test suite timings (~50 min); keep those of the last full run, labelled",
    )
    parser.add_argument(
        "--skip-browser",
        action="store_true",
        help="time the suite without the browser tests only (and every example once)",
    )
    parser.add_argument(
        "--timings-only",
        action="store_true",
        help="measure the timings only and print them; .ci/benchmark.md is left as it is",
    )
    args = parser.parse_args()
    tools = ROOT / ".cache" / "benchmark-tools"
    tools.mkdir(parents=True, exist_ok=True)

    lines = [
        "# Benchmark",
        "",
        f"Written by `bash .ci/benchmark` on {time.strftime('%Y-%m-%d')}; medians of "
        f"{args.runs} runs on this machine ({os.cpu_count()} cores).",
        "",
        "## Timings",
        "",
        "Wall-clock medians, and the CPU time (user + system, children included) of the same "
        "runs: this machine is often shared, and CPU time moves less with the load. The "
        "budgets compare wall-clock medians of runs alternated in the same benchmark.",
        "",
        "| what | median | CPU |",
        "|---|---|---|",
    ]
    timings = build_times(args.runs)
    if not args.skip_suite:
        timings |= suite_times(args.runs, browser=not args.skip_browser)
    carried = [row for row in previous_rows() if row.startswith("| test suite")]
    lines += [f"| {name} | {wall:.1f} s | {cpu:.1f} s |" for name, (wall, cpu) in timings.items()]
    if args.skip_suite:
        lines += [row.replace(" |", " (last full run, --skip-suite) |", 1) for row in carried]
    budget_lines, failures = timing_budgets(timings)
    lines += budget_lines
    if args.timings_only:
        print("\n".join(lines))
        return 1 if failures else 0

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        server, base = serve(site)
        subprocess.run(
            build(site), cwd=ROOT, env={**ENV, "SITE_URL": base}, check=True, capture_output=True
        )
        weights = page_weights(base)
        missing = descriptions(site)
        if missing:
            failures.append(f"meta description missing or in the wrong language: {missing}")

        lines += [
            "",
            "## Bytes loaded per page (uncompressed)",
            "",
            "The budget counts every kind in the table: the page and the stylesheets, scripts "
            "(the search worker included), fonts and images it loads. Gzipped is what a static "
            "host sends for the same files. The search index, one file per language, is "
            "listed under the table.",
            "",
            "| page | " + " | ".join(KINDS) + " | total | gzipped |",
            "|---" * (len(KINDS) + 3) + "|",
        ]
        notebook_paths = {
            "/" + (d.url if lang == "en" else f"zh/{d.url}")
            for d in pages()
            if is_notebook(d)
            for lang in LANGUAGES
        }

        def total(path: str) -> int:
            return sum(weights[path].get(k, 0) for k in KINDS)

        # Notebook pages are held to the same budget; they stay listed after the others.
        for path in sorted(weights, key=lambda p: (p in notebook_paths, -total(p))):
            sizes = weights[path]
            flag = " (notebook)" if path in notebook_paths else ""
            lines.append(
                f"| `{path}`{flag} | "
                + " | ".join(kb(sizes.get(k, 0)) for k in KINDS)
                + f" | {kb(total(path))} | {kb(sizes.get('gzipped', 0))} |"
            )
            if total(path) > PAGE_BUDGET:
                failures.append(f"{path} loads {kb(total(path))} > {kb(PAGE_BUDGET)}")
        index_lines, index_failures = search_indexes(site, weights)
        lines += index_lines
        failures += index_failures

        shares = legible_text(base)
        lines += [
            "",
            f"Text legible on a phone (at least {LEGIBLE_PX} px, {PHONE['viewport']['width']} px "
            f"wide): {min(shares.values()):.0%} on the page with the least "
            f"(`{min(shares, key=shares.get)}`).",
        ]
        failures += [
            f"{p}: {share:.1%} of its text legible on a phone"
            for p, share in shares.items()
            if share < 1
        ]

        regular = {p: s for p, s in weights.items() if p not in notebook_paths}
        heaviest_en = max((p for p in regular if not p.startswith("/zh/")), key=total)
        heaviest_zh = max((p for p in regular if p.startswith("/zh/")), key=total)
        notebook = "/" + next(d for d in pages() if is_notebook(d)).url
        held = [f"/{EXPLORER_PAGE}", f"/zh/{EXPLORER_PAGE}", notebook, f"/zh{notebook}"]
        audited = ["/", "/zh/", heaviest_en, heaviest_zh, f"/{API_PAGE}", f"/zh/{API_PAGE}"]
        scores = lighthouse(base, list(dict.fromkeys(audited + held)), args.runs, tools)
        practices = mobile_best_practices(base, sorted(weights), tools)
        server.shutdown()

    categories = ("performance", "accessibility", "best-practices", "seo")
    lines += [
        "",
        "## Lighthouse (local server with gzip)",
        "",
        "The performance budget applies to the desktop preset, and to the mobile preset "
        "(Lighthouse's default: a simulated mid-range phone on a slow 4G network, its CPU 4x "
        "slower than this already slow machine) on the explorer and the notebook page, with a "
        f"cumulative layout shift under {MOBILE_BUDGET_CLS}; on the other pages mobile "
        "performance is reported. Every other category is checked with both presets.",
        "",
        "| page | " + " | ".join(categories) + " | layout shift |",
        "|---" * 6 + "|",
    ]
    for page, result in scores.items():
        lines.append(
            f"| `{page}` | "
            + " | ".join(f"{result[c]:.0f}" for c in categories)
            + f" | {result['cls']:.3f} |"
        )
        path, preset = page.rsplit(" (", 1)
        mobile_held = preset == "mobile)" and path in held
        for category in categories:
            floor = 95 if category == "performance" else 100
            if category == "performance" and preset == "mobile)" and not mobile_held:
                continue
            if result[category] < floor:
                failures.append(f"Lighthouse {category} {result[category]} < {floor} on {page}")
        if mobile_held and result["cls"] >= MOBILE_BUDGET_CLS:
            failures.append(f"layout shift {result['cls']:.3f} >= {MOBILE_BUDGET_CLS} on {page}")
    below = {page: ids for page, ids in practices.items() if ids}
    lines += [
        "",
        f"Best practices with the mobile preset, every page (one run each): 100 on "
        f"{len(practices) - len(below)} of {len(practices)} pages"
        + "".join(f"; `{page}` fails {', '.join(ids)}" for page, ids in below.items())
        + ".",
    ]
    failures += [
        f"Lighthouse mobile best practices on {page}: {ids}" for page, ids in below.items()
    ]

    lines += ["", "## Budgets", ""]
    lines += [f"- missed: {f}" for f in failures] or ["- all met"]
    (ROOT / ".ci" / "benchmark.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
