"""Every built page carries a Content-Security-Policy that allows its own origin and the hashes
of exactly the inline scripts and styles it has (docs/overrides/csp.py). Chromium enforces it in
every browser test (conftest.py's `page` fixture fails a test on any violation)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from tests.docs_layout import DOCS

_spec = importlib.util.spec_from_file_location("csp_hook", DOCS / "overrides" / "csp.py")
csp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(csp)

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="(?P<policy>[^"]*)">')
PAGE = (
    "<!doctype html><html><head><meta charset=utf-8><script>var a=1</script>"
    '<script id=__config type=application/json>{"a":1}</script><script src=x.js></script>'
    "<style>p{color:red}</style></head><body><p>x</p></body></html>"
)


def directive(policy: str, name: str) -> list[str]:
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    raise AssertionError(f"no {name} in {policy!r}")


def test_policy_allows_exactly_the_inline_code_that_runs() -> None:
    policy = csp.policy(PAGE)
    assert directive(policy, "script-src") == ["'self'", csp.sha256("var a=1")]
    assert directive(policy, "style-src") == ["'self'", csp.sha256("p{color:red}")]
    assert directive(policy, "default-src") == ["'self'"]
    assert directive(policy, "object-src") == ["'none'"]
    # The CSP spec's own example: sha256 of "alert('Hello, world.');".
    assert csp.sha256("alert('Hello, world.');") == (
        "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    )


def test_policy_comes_first_in_head() -> None:
    html = csp.add_policy(PAGE)
    head = html.split("<head>", 1)[1]
    assert head.startswith('<meta http-equiv="Content-Security-Policy"')


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<html><head></head><body><p style="color:red">x</p></body></html>', "style attribute"),
        ('<html><head></head><body><a onclick="go()">x</a></body></html>', "event handler"),
        ("<html><body>no head</body></html>", "no <head>"),
        (csp.add_policy(PAGE), "already has"),
    ],
)
def test_pages_a_hash_cannot_protect_are_refused(html: str, expected: str) -> None:
    with pytest.raises(ValueError, match=expected):
        csp.add_policy(html)


def built_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_built_page_has_the_policy_of_its_final_html(site: Path) -> None:
    checked = 0
    for path in built_pages(site):
        html = path.read_text(encoding="utf-8")
        metas = META.findall(html)
        assert len(metas) == 1, f"{path.relative_to(site)}: {len(metas)} policies"
        without = META.sub("", html, count=1)
        assert metas[0] == csp.policy(without), path.relative_to(site)
        assert html.index("<head>") + len("<head>") == html.index("<meta http-equiv"), path
        checked += 1
    assert checked >= 30 and (site / "404.html") in built_pages(site)
