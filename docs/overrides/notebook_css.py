"""The notebook pages' styles as one shared stylesheet, holding only what the pages use.

mkdocs-jupyter inlines about 575 KB of JupyterLab, Pygments and Mermaid CSS into every notebook
page (its template has no option to leave it out), almost all of it for JupyterLab widgets a
rendered notebook never has. `split_styles` takes the `<style>` blocks out of a page's content;
`prune` keeps, of their rules, those whose selectors match an element of the rendered pages
(in either palette), and of the custom properties (`--jp-…`), those the kept rules use.
The notebooks hook (`docs/overrides/notebook_styles.py`) publishes the result as one cacheable
stylesheet that every notebook page links. `copy_icons_to_css` leaves the copy buttons' icon,
an inline SVG repeated in every code cell, to notebooks.css.

Selectors are parsed by tinycss2 and matched by soupsieve (Beautiful Soup's CSS engine).
A selector soupsieve cannot evaluate is kept: a pruned rule must never be one a page needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import tinycss2

# Beautiful Soup and soupsieve are imported where the rules are matched, not here: every build
# loads this module, and only one whose notebook pages changed matches (about 0.1 s).
if TYPE_CHECKING:
    from bs4 import BeautifulSoup

STYLE = re.compile(r"<style(?:\s[^>]*)?>(?P<body>.*?)</style\s*>", re.I | re.S)
# States and parts a static page cannot show but a reader's pointer, focus or the browser can:
# a selector holding them is matched without them.
DYNAMIC = re.compile(
    r"::?-(?:webkit|moz|ms)-[\w-]+(?:\([^)]*\))?"
    r"|::?(?:before|after|first-line|first-letter|placeholder|selection|marker|backdrop)\b"
    r"|:(?:hover|focus-visible|focus-within|focus|active|visited|link|target|checked"
    r"|indeterminate|disabled|enabled)\b"
)
# Material's palette attribute: the built pages carry one scheme, the reader may pick the other.
PALETTE_ATTRIBUTE = "data-md-color-scheme"
PALETTES = ("default", "slate")
CUSTOM_PROPERTY_USE = re.compile(r"var\(\s*(--[\w-]+)")
# Bounds on hostile input: a notebook page's styles are about 600 KB.
MAX_CSS = 5 * 1024 * 1024


# mkdocs-jupyter's copy button carries its icon as an inline SVG, the same ~800 bytes in every
# code cell; notebooks.css draws it once, as a mask over the button's text colour.
COPY_ICON = re.compile(r'<svg\b[^>]*\bclass="clipboard-copy-icon"[^>]*>.*?</svg>', re.S)


def copy_icons_to_css(html: str) -> str:
    """Each copy button's inline SVG icon as an empty element that notebooks.css draws."""
    return COPY_ICON.sub('<span aria-hidden="true" class="clipboard-copy-icon"></span>', html)


def split_styles(html: str) -> tuple[str, list[str]]:
    """The HTML without its `<style>` blocks, and their contents in page order."""
    styles = [match["body"] for match in STYLE.finditer(html)]
    return STYLE.sub("", html), styles


def as_material_shows(soup: BeautifulSoup) -> None:
    """The page as Material's JavaScript changes it when it loads.

    It wraps each table of the content that has no class (a notebook's DataFrames have one)
    in `div.md-typeset__scrollwrap > div.md-typeset__table`, which mkdocs-jupyter styles.
    """
    for table in soup.select("article table:not([class])"):
        table.wrap(soup.new_tag("div", attrs={"class": "md-typeset__table"}))
        table.parent.wrap(soup.new_tag("div", attrs={"class": "md-typeset__scrollwrap"}))


class Matcher:
    """Which selectors match an element of the given pages, in either palette."""

    def __init__(self, pages: Iterable[str]) -> None:
        from bs4 import BeautifulSoup

        self.soups = [BeautifulSoup(page, "html.parser") for page in pages]
        if not self.soups:
            raise ValueError("no pages to match the notebook styles against")
        for soup in self.soups:
            as_material_shows(soup)
        # Cheap first test: a selector naming a class or id no page has matches nothing.
        self.classes = {
            c for soup in self.soups for tag in soup.find_all(class_=True) for c in tag["class"]
        }
        self.tags = {tag.name for soup in self.soups for tag in soup.find_all(True)}
        self.attributes = {
            name for soup in self.soups for tag in soup.find_all(True) for name in tag.attrs
        }
        self.ids = {tag["id"] for soup in self.soups for tag in soup.find_all(id=True)}
        self.memo: dict[str, bool] = {}

    def matches(self, selector: str) -> bool:
        selector = selector.strip()
        if selector not in self.memo:
            self.memo[selector] = self._matches(selector)
        return self.memo[selector]

    def _matches(self, selector: str) -> bool:
        static = DYNAMIC.sub("", selector).strip()
        # `a:hover > ::before` leaves `a >`: any element there.
        static = re.sub(r"[>+~]$", lambda m: m.group() + " *", static) or "*"
        # A class, id, element or attribute that no page has, outside :not(), :is() and the
        # like, matches nothing: no need to search.
        required = re.sub(r":[\w-]+\([^)]*\)", "", static)
        plain = re.sub(r"\[[^\]]*\]", "", required)
        if not (
            set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", plain)) <= self.classes
            and set(re.findall(r"#(-?[_a-zA-Z][\w-]*)", plain)) <= self.ids
            and set(re.findall(r"(?:^|[\s>+~])([a-zA-Z][\w-]*)", plain)) <= self.tags
            and set(re.findall(r"\[\s*([\w-]+)", required)) <= self.attributes
        ):
            return False
        import soupsieve

        try:
            compiled = soupsieve.compile(static)
        except (soupsieve.SelectorSyntaxError, ValueError, NotImplementedError):
            return True
        # Only a selector that names the palette attribute can match in one palette only.
        palettes = PALETTES if PALETTE_ATTRIBUTE in static else (None,)
        for soup in self.soups:
            body = soup.body
            for palette in palettes if body else (None,):
                if palette is not None:
                    body[PALETTE_ATTRIBUTE] = palette
                if compiled.select_one(soup) is not None:
                    return True
        return False


def _serialize(tokens: list) -> str:
    return tinycss2.serialize(tokens).strip()


def _declarations(content: list) -> list[tuple[str, str]]:
    """(name, "name:value") of each declaration, in order."""
    kept = []
    for item in tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True):
        if item.type != "declaration":
            continue
        value = _serialize(item.value) + (" !important" if item.important else "")
        kept.append(
            (item.name if item.name.startswith("--") else item.lower_name, f"{item.name}:{value}")
        )
    return kept


def _rules(nodes: list, matcher: Matcher) -> list:
    """The kept rules: ("rule", selectors, declarations) and ("at", prelude, rules or text)."""
    kept: list = []
    for node in nodes:
        if node.type == "qualified-rule":
            selectors = [s.strip() for s in _serialize(node.prelude).split(",")]
            # A comma inside :is()/:not() must not split the list: keep such a rule whole.
            if any(s.count("(") != s.count(")") for s in selectors):
                selectors = (
                    [_serialize(node.prelude)] if matcher.matches(_serialize(node.prelude)) else []
                )
            else:
                selectors = [s for s in selectors if s and matcher.matches(s)]
            declarations = _declarations(node.content or [])
            if selectors and declarations:
                kept.append(("rule", selectors, declarations))
        elif node.type == "at-rule":
            keyword = node.lower_at_keyword
            if keyword in ("media", "supports", "layer", "container") and node.content is not None:
                inner = _rules(
                    tinycss2.parse_blocks_contents(
                        node.content, skip_whitespace=True, skip_comments=True
                    ),
                    matcher,
                )
                if inner:
                    kept.append(("at", f"@{node.at_keyword} {_serialize(node.prelude)}", inner))
            elif keyword.endswith("keyframes"):
                kept.append(("keyframes", _serialize(node.prelude), tinycss2.serialize([node])))
            elif keyword in ("charset",):
                continue
            else:
                kept.append(("other", "", tinycss2.serialize([node]).strip()))
    return kept


def _walk_declarations(rules: list) -> Iterable[tuple[str, str]]:
    for rule in rules:
        if rule[0] == "rule":
            yield from rule[2]
        elif rule[0] == "at":
            yield from _walk_declarations(rule[2])


def _used_properties(rules: list) -> set[str]:
    """The custom properties the kept rules use, directly or through another property."""
    defined: dict[str, list[str]] = {}
    used: set[str] = set()
    for name, text in _walk_declarations(rules):
        if name.startswith("--"):
            defined.setdefault(name, []).append(text)
        else:
            used.update(CUSTOM_PROPERTY_USE.findall(text))
    pending = list(used)
    while pending:
        for text in defined.get(pending.pop(), []):
            for name in CUSTOM_PROPERTY_USE.findall(text):
                if name not in used:
                    used.add(name)
                    pending.append(name)
    return used


def _write(rules: list, used: set[str], animations: str) -> list[str]:
    out = []
    for rule in rules:
        if rule[0] == "rule":
            body = [t for n, t in rule[2] if not n.startswith("--") or n in used]
            if body:
                out.append(",".join(rule[1]) + "{" + ";".join(body) + "}")
        elif rule[0] == "at":
            inner = _write(rule[2], used, animations)
            if inner:
                out.append(rule[1] + "{" + "".join(inner) + "}")
        elif rule[0] == "keyframes":
            if re.search(rf"(?<![\w-]){re.escape(rule[1])}(?![\w-])", animations):
                out.append(rule[2])
        else:
            out.append(rule[2])
    return out


def prune(styles: Iterable[str], pages: Iterable[str]) -> str:
    """One stylesheet from the styles, holding only the rules that match something in the pages.

    Args:
        styles: stylesheets, in cascade order (identical ones are taken once).
        pages: the HTML of every page that will link the stylesheet.

    Returns:
        The kept rules in their original order, and the custom properties and keyframes
        that they use.

    Raises:
        ValueError: no pages, or more CSS than any notebook carries (MAX_CSS).
    """
    unique = list(dict.fromkeys(styles))
    if sum(len(css) for css in unique) > MAX_CSS:
        raise ValueError(f"more than {MAX_CSS} characters of notebook styles: not a notebook's")
    matcher = Matcher(pages)
    rules = _rules(
        tinycss2.parse_stylesheet("\n".join(unique), skip_whitespace=True, skip_comments=True),
        matcher,
    )
    used = _used_properties(rules)
    animations = " ".join(text for name, text in _walk_declarations(rules) if "animation" in name)
    return "\n".join(_write(rules, used, animations)) + "\n"
