"""A Content-Security-Policy for every page, as a `<meta>` tag (GitHub Pages sends no headers).

Only the site's own origin may serve scripts, styles, images, fonts, workers and fetches. The
inline scripts and styles a page carries (Material's bootstrap script, the notebooks' styles)
are allowed by their SHA-256 hashes, computed from the final HTML: the hook runs after the HTML
is minified, so a hash is never typed and never stale.

`mkdocs serve` injects its own live-reload script after this hook, so the policy is added to
built pages only.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# An inline <script> (no src) that the browser runs: JSON data blocks are not scripts.
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.I | re.S)
INLINE_STYLE = re.compile(r"<style(?:\s[^>]*)?>(?P<body>.*?)</style\s*>", re.I | re.S)
NOT_RUN = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)
SRC = re.compile(r"\bsrc\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"""<[a-z][^>]*\sstyle\s*=""", re.I)
EVENT_HANDLER = re.compile(r"""<[a-z][^>]*\son[a-z]+\s*=""", re.I)
HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)
EXISTING = re.compile(r"""<meta[^>]+http-equiv\s*=\s*["']?content-security-policy""", re.I)


def sha256(text: str) -> str:
    """A CSP hash source for an inline script or style, e.g. `'sha256-…'`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(html: str) -> str:
    """The policy for one page: its own origin, plus the hashes of its inline scripts and styles.

    Raises:
        ValueError: If the page has an inline `style="…"` attribute or an `on…=` event handler
            attribute, which a hash cannot allow.
    """
    for pattern, what in ((STYLE_ATTRIBUTE, "style attribute"), (EVENT_HANDLER, "event handler")):
        found = pattern.search(html)
        if found:
            raise ValueError(
                f"an inline {what} cannot be allowed by a hash; move it to a stylesheet or a "
                f"script file: {found.group()[:80]!r}"
            )
    scripts = [
        sha256(m["body"])
        for m in INLINE_SCRIPT.finditer(html)
        if not SRC.search(m["attrs"]) and not NOT_RUN.search(m["attrs"])
    ]
    styles = [sha256(m["body"]) for m in INLINE_STYLE.finditer(html)]
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *dict.fromkeys(scripts)],
        "style-src": ["'self'", *dict.fromkeys(styles)],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def add_policy(html: str) -> str:
    """The page with its policy as the first element of `<head>`, before any script or style.

    Raises:
        ValueError: If the page has no `<head>`, already has a policy, or has inline code that
            a hash cannot allow.
    """
    if EXISTING.search(html):
        raise ValueError("the page already has a Content-Security-Policy")
    head = HEAD.search(html)
    if head is None:
        raise ValueError("the page has no <head> to put its Content-Security-Policy in")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[: head.end()] + meta + html[head.end() :]


SERVING = False


def on_startup(command: str, **kwargs: Any) -> None:
    global SERVING
    SERVING = command == "serve"


# After every other plugin's on_post_page (minify's included): the hashes are of the final HTML.
@event_priority(-50)
def on_post_page(output: str, page: Any, **kwargs: Any) -> str:
    if SERVING:
        return output
    try:
        return add_policy(output)
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


# Pages rendered from a template alone (404.html) get the same policy; sitemap.xml is not HTML.
@event_priority(-50)
def on_post_template(output_content: str, template_name: str, **kwargs: Any) -> str:
    if SERVING or not template_name.endswith(".html"):
        return output_content
    try:
        return add_policy(output_content)
    except ValueError as error:
        raise PluginError(f"{template_name}: {error}") from None
