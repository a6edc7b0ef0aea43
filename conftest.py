"""One root conftest: sybil runs every example in snippets/ and docs/, and nothing passes silently.

Stock sybil executes only fences whose info string is exactly ``python``: ``pycon``, ``py`` or
``python title="x"`` would be skipped without a word. Here every fence is lexed, whatever its
info string, and classified:

- a Python fence (``python``, ``py``, ``pycon``, with or without attributes) runs: as a doctest
  when it starts with ``>>>``, as code otherwise;
- a fence that only includes snippet sections (``--8<-- "snippets/x.py:name"``) checks that each
  section exists; its code is tested where it lives, in ``snippets/``;
- any other fence that looks like Python fails, unless a ``<!-- skip: next "reason" -->``
  comment right before it skips it with a visible reason.
"""

from __future__ import annotations

import doctest
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sybil import Document, Example, Region, Sybil
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.evaluators.python import PythonEvaluator
from sybil.integration.pytest import SybilItem
from sybil.parsers.abstract import DocTestStringParser
from sybil.parsers.markdown import SkipParser
from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer
from sybil.parsers.rest import DocTestParser

from tests.docs_layout import (
    INCLUDE_LINE,
    NOTEBOOKS,
    PYTHON_LANGUAGES,
    ROOT,
    fence_language,
    sections,
)
from tests.site_build import SharedBuild, check_site_dir, run_folder

pytest_plugins = ["pytester"]

# Property tests: a fast profile for every run, `--hypothesis-profile=thorough` for 1000 examples.
settings.register_profile("fast", max_examples=30, deadline=None, print_blob=True)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("fast")
DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

PYTHON_LOOKING = re.compile(
    r"^\s*(>>>|import \w|from [\w.]+ import |def \w+\(|class \w+[(:]|print\()", re.MULTILINE
)


def check_include(example: Example) -> None:
    for line in example.parsed:
        match = INCLUDE_LINE.match(line)
        target = ROOT / match["path"]
        if not target.is_file():
            raise AssertionError(f"included file {match['path']!r} does not exist")
        section = match["section"]
        if section is not None and section not in sections(target):
            raise AssertionError(f"{match['path']} has no section {section!r}")


def reject_unexecuted(example: Example) -> None:
    language, _ = example.parsed
    raise AssertionError(
        f"this ```{language or '(no language)'} fence looks like Python but is not executed: "
        'use ```python or ```pycon, or put <!-- skip: next "why" --> right before it'
    )


class FenceParser:
    """Classifies every fenced block in a Markdown document (see the module docstring)."""

    def __init__(self) -> None:
        self.lexer = RawFencedCodeBlockLexer(
            info_pattern=re.compile(r"(?P<info>[^\n]*)$\n", re.MULTILINE)
        )
        self.doctests = DocTestStringParser(DocTestEvaluator(DOCTEST_FLAGS))
        self.code = PythonEvaluator()

    def __call__(self, document: Document) -> Iterable[Region]:
        for region in self.lexer(document):
            info, source = region.lexemes["info"], region.lexemes["source"]
            language = fence_language(info)
            lines = [line for line in source.splitlines() if line.strip()]
            includes = [line for line in lines if INCLUDE_LINE.match(line)]
            if includes:
                if len(includes) != len(lines):
                    raise ValueError(
                        f"{document.path}, line {document.line_column(region.start)}: "
                        "a fence either includes snippet sections or holds code, not both"
                    )
                region.parsed, region.evaluator = includes, check_include
                yield region
            elif language in PYTHON_LANGUAGES:
                if source.lstrip().startswith(">>>"):
                    yield from self._doctest_regions(document, region, source)
                elif language == "pycon":
                    raise ValueError(
                        f"{document.path}, line {document.line_column(region.start)}: "
                        "a pycon fence must start with '>>>'"
                    )
                else:
                    region.parsed, region.evaluator = source, self.code
                    yield region
            elif PYTHON_LOOKING.search(source):
                region.parsed, region.evaluator = (language, source), reject_unexecuted
                yield region

    def _doctest_regions(self, document: Document, region: Region, source) -> Iterable[Region]:
        found = False
        for doctest_region in self.doctests(source, document.path):
            doctest_region.adjust(region, source)
            found = True
            yield doctest_region
        if not found:
            raise ValueError(f"{document.path}: a doctest fence with no examples")


pytest_collect_file = (
    # Notebook pages are not run here: the strict build executes them (a failing cell fails
    # it), and tests/test_notebooks.py checks their outputs on the built pages.
    Sybil(
        parsers=[SkipParser(), FenceParser()],
        path="docs",
        patterns=["*.md"],
        excludes=[f"{NOTEBOOKS.name}/*.md"],
        name="docs",
    )
    + Sybil(
        parsers=[DocTestParser(optionflags=DOCTEST_FLAGS)],
        path="snippets",
        patterns=["*.py"],
        # Examples that need CUDA: tests/test_gpu.py runs them, marked `cuda`.
        excludes=["*_cuda.py"],
        name="snippets",
    )
).pytest()


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        # `-m "not browser"` runs everything that does not need Chromium.
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        # A document's examples share one namespace, in order: one xdist worker runs them all.
        if isinstance(item, SybilItem):
            item.add_marker(pytest.mark.xdist_group(str(item.path.relative_to(ROOT))))
    # Tests marked `cuda` run where CUDA is; elsewhere they skip, and -ra lists them and why.
    cuda_items = [item for item in items if item.get_closest_marker("cuda")]
    if cuda_items:
        import torch

        if not torch.cuda.is_available():
            reason = "needs CUDA: torch.cuda.is_available() is False here (`bash .ci/gpu` on a GPU)"
            for item in cuda_items:
                item.add_marker(pytest.mark.skip(reason=reason))


BUILD = pytest.StashKey["SharedBuild"]()


def pytest_configure(config: pytest.Config) -> None:
    # Refused before any xdist worker starts: a worker's error would come back unreadable.
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        check_site_dir()


def pytest_collection_finish(session: pytest.Session) -> None:
    # The site build starts now, beside the first tests, if any collected test reads the site.
    if any("site" in getattr(item, "fixturenames", ()) for item in session.items):
        shared_build(session.config).start()


def shared_build(config: pytest.Config) -> SharedBuild:
    if BUILD not in config.stash:
        # The hook above has no fixture: this is the factory behind `tmp_path_factory`.
        factory: pytest.TempPathFactory = config._tmp_path_factory
        config.stash[BUILD] = SharedBuild(
            run_folder(factory.getbasetemp()), lambda: factory.mktemp("site")
        )
    return config.stash[BUILD]


@pytest.fixture(scope="session")
def site(request: pytest.FixtureRequest) -> Path:
    """The site built once per test run by `mkdocs build --strict`, both languages, into
    SITE_DIR when set (tests/site_build.py), shared by every xdist worker."""
    out, returncode, stderr = shared_build(request.config).result()
    assert returncode == 0, f"mkdocs build --strict failed:\n{stderr}"
    assert "WARNING" not in stderr, stderr
    return out


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """The built site served over HTTP on a free local port."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            # A tab that moves on before a file has arrived closes the connection: no failure
            # of the site, and the traceback socketserver prints would only clutter the run.
            if not isinstance(sys.exc_info()[1], ConnectionError):
                super().handle_error(request, client_address)

    handler = functools.partial(Quiet, directory=str(site))
    server = Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_executable() -> str | None:
    """Debian's Chromium, under either of its names."""
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (never `playwright install`).

    Without Chromium the browser tests skip locally and fail in CI (CI=true).
    """
    executable = chromium_executable()
    if executable is None:
        message = "Chromium not found: `sudo apt-get install chromium fonts-noto-cjk` installs it"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site_url: str) -> Iterator[object]:
    """A tab on the built site; the test fails if the page's Content-Security-Policy blocks
    anything."""
    context = browser.new_context(
        base_url=site_url, permissions=["clipboard-read", "clipboard-write"]
    )
    violations: list[str] = []
    context.expose_binding("__cspViolation", lambda source, text: violations.append(text))
    context.add_init_script(CSP_LISTENER)
    tab = context.new_page()
    yield tab
    context.close()
    assert not violations, f"Content-Security-Policy violations: {violations}"


# Reports every violation of the page's Content-Security-Policy (docs/overrides/csp.py).
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) =>
  window.__cspViolation(
    `${e.effectiveDirective} blocked ${e.blockedURI || "inline code"}` +
      ` at ${e.sourceFile}:${e.lineNumber}`
  )
);
"""
