"""The notebook pages' styles: one shared stylesheet of the rules they use, nothing inline.

mkdocs-jupyter inlines about 575 KB of CSS into every notebook page; docs/overrides/
notebook_styles.py takes it out and publishes what the pages use (rules: notebook_css.py).
The browser test proves the pruning loses nothing a reader sees: every element of each
notebook page, in both palettes and both languages, computes the same style as it does with
all of mkdocs-jupyter's CSS added back.
"""

from __future__ import annotations

import base64
import importlib.util
import json
from pathlib import Path

import nbformat
import pytest

from tests.docs_layout import DOCS, LANGUAGES, Page, notebook_pages

_spec = importlib.util.spec_from_file_location(
    "notebook_css_under_test", DOCS / "overrides" / "notebook_css.py"
)
notebook_css = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(notebook_css)

_spec = importlib.util.spec_from_file_location(
    "notebook_images_under_test", DOCS / "overrides" / "notebook_images.py"
)
notebook_images = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(notebook_images)

STYLESHEET = "assets/stylesheets/jupyterlab.css"
PAGE = """<html><body data-md-color-scheme="default"><div class="jupyter-wrapper">
<div class="jp-Cell jp-CodeCell"><div class="jp-InputPrompt">In [1]:</div>
<pre>x</pre></div></div></body></html>"""


def prune(css: str, page: str = PAGE) -> str:
    return notebook_css.prune([css], [page])


def test_split_styles_takes_every_style_block_out() -> None:
    html, styles = notebook_css.split_styles(
        '<p>a</p><style type="text/css">p{color:red}</style><STYLE>\nb{x:y}</style ><p>b</p>'
    )
    assert html == "<p>a</p><p>b</p>"
    assert styles == ["p{color:red}", "\nb{x:y}"]


def test_prune_keeps_the_rules_that_match_and_only_those() -> None:
    kept = prune(
        ".jp-InputPrompt{color:blue}.jp-Toolbar{color:red}"
        ".jupyter-wrapper .jp-CodeCell pre{margin:0}.jp-Dialog pre{margin:1px}"
    )
    assert ".jp-InputPrompt{color:blue}" in kept
    assert ".jupyter-wrapper .jp-CodeCell pre{margin:0}" in kept
    assert "jp-Toolbar" not in kept and "jp-Dialog" not in kept


def test_prune_keeps_the_matching_selectors_of_a_list() -> None:
    assert prune(".jp-Toolbar,.jp-InputPrompt,.lm-Widget{color:blue}") == (
        ".jp-InputPrompt{color:blue}\n"
    )


def test_states_and_parts_a_reader_can_bring_about_are_kept() -> None:
    kept = prune(
        ".jp-InputPrompt:hover{color:red}.jp-CodeCell pre::selection{color:blue}"
        ".jp-Toolbar:hover{color:green}.jp-InputPrompt::before{content:'>'}"
    )
    assert ".jp-InputPrompt:hover{color:red}" in kept
    assert "::selection" in kept and "::before" in kept
    assert "jp-Toolbar" not in kept


def test_rules_for_the_other_palette_are_kept() -> None:
    kept = prune(
        "[data-md-color-scheme=slate] .jp-InputPrompt{color:white}"
        "[data-md-color-scheme=other] .jp-InputPrompt{color:red}"
    )
    assert "[data-md-color-scheme=slate] .jp-InputPrompt{color:white}" in kept
    assert "other" not in kept


def test_only_the_custom_properties_in_use_are_kept() -> None:
    kept = prune(
        ".jupyter-wrapper{--a:var(--b);--b:1px;--c:2px;--unused:3px}"
        ".jp-InputPrompt{margin:var(--a);padding:var(--c)}"
    )
    assert ".jupyter-wrapper{--a:var(--b);--b:1px;--c:2px}" in kept
    assert "--unused" not in kept


def test_media_rules_and_keyframes_are_kept_only_when_used() -> None:
    kept = prune(
        "@media (max-width:760px){.jp-InputPrompt{display:none}.jp-Toolbar{color:red}}"
        "@media print{.jp-Toolbar{display:none}}"
        "@keyframes spin{to{rotate:1turn}}@keyframes blink{to{opacity:0}}"
        ".jp-InputPrompt{animation:spin 1s}"
    )
    assert "@media (max-width:760px){.jp-InputPrompt{display:none}}" in kept
    assert "print" not in kept and "jp-Toolbar" not in kept
    assert "@keyframes spin" in kept and "blink" not in kept


def test_tables_are_matched_as_material_wraps_them() -> None:
    page = PAGE.replace("<pre>x</pre>", "<article><table><tr><td>1</td></tr></table></article>")
    kept = prune(".jupyter-wrapper .md-typeset__scrollwrap{margin:0}", page)
    assert kept == ".jupyter-wrapper .md-typeset__scrollwrap{margin:0}\n"


def test_a_selector_that_cannot_be_evaluated_is_kept() -> None:
    assert ".jp-InputPrompt:has-slotted{a:b}" in prune(".jp-InputPrompt:has-slotted{a:b}")


def test_hostile_input_is_refused_with_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no pages"):
        notebook_css.prune(["p{color:red}"], [])
    with pytest.raises(ValueError, match="notebook styles"):
        notebook_css.prune(["p{color:red}" * (notebook_css.MAX_CSS // 10)], [PAGE])


def test_copy_button_icons_become_one_css_icon() -> None:
    html = (
        '<clipboard-copy aria-label="Copy to Clipboard"><svg aria-hidden="true" '
        'class="clipboard-copy-icon" height="20" viewbox="0 0 16 16"><path d="M0 6"></path>'
        "</svg></clipboard-copy>"
    )
    assert notebook_css.copy_icons_to_css(html) == (
        '<clipboard-copy aria-label="Copy to Clipboard">'
        '<span aria-hidden="true" class="clipboard-copy-icon"></span></clipboard-copy>'
    )
    css = (DOCS / "assets" / "stylesheets" / "notebooks.css").read_text(encoding="utf-8")
    assert ".clipboard-copy-icon {" in css and "mask: url(" in css


def png(width: int, height: int) -> bytes:
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + b"\x08\x06\x00\x00\x00"
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + header + b"rest"


def test_embedded_plots_become_lazy_files_with_their_size() -> None:
    data = png(1090, 390)
    html, files = notebook_images.extract_images(
        '<div><img alt="plot" class="" src="data:image/png;base64,'
        + base64.b64encode(data).decode()
        + '"></div>'
    )
    ((name, saved),) = files.items()
    assert saved == data and name.startswith("output-") and name.endswith(".png")
    assert html == (
        f'<div><img alt="plot" class="" src="{name}" width="1090" height="390" loading="lazy">'
        "</div>"
    )


@pytest.mark.parametrize(
    "payload, error",
    [
        ("AAAAA", "not valid base64"),
        (base64.b64encode(b"GIF89a" + bytes(30)).decode(), "not a PNG"),
        ("A" * (notebook_images.MAX_IMAGE * 2), "over"),
    ],
)
def test_an_embedded_png_that_is_none_is_refused(payload: str, error: str) -> None:
    with pytest.raises(ValueError, match=error):
        notebook_images.extract_images(f'<img src="data:image/png;base64,{payload}">')


@pytest.mark.parametrize("page", notebook_pages(), ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_notebook_pages_link_the_shared_stylesheet_and_inline_no_style(
    site: Path, page: Page, language: str
) -> None:
    html = page.built(site, language).read_text(encoding="utf-8")
    assert "<style" not in html
    depth = page.url.count("/") + (language != "en")
    assert f"href={'../' * depth}{STYLESHEET}>" in html
    # mkdocs-jupyter inlines about 590 KB of CSS; the pages use under 20 KB of it.
    assert (site / STYLESHEET).stat().st_size < 20 * 1024


def original_styles(tmp_path: Path) -> str:
    """All the CSS mkdocs-jupyter puts into a notebook page, as its own renderer writes it."""
    from mkdocs_jupyter.convert import nb2html

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    path = tmp_path / "empty.ipynb"
    path.write_text(nbformat.writes(notebook), encoding="utf-8")
    _, styles = notebook_css.split_styles(nb2html(str(path)))
    assert sum(map(len, styles)) > 500_000, "mkdocs-jupyter no longer inlines its CSS"
    return "\n".join(styles)


# The computed style of every element of the notebook, and of its ::before and ::after.
STYLES = """() => {
  const props = ["color", "background-color", "font-family", "font-size", "font-weight",
    "font-style", "line-height", "display", "position", "white-space", "overflow-x",
    "margin-top", "margin-right", "margin-bottom", "margin-left", "padding-top",
    "padding-right", "padding-bottom", "padding-left", "border-top-width", "border-top-style",
    "border-top-color", "border-bottom-width", "border-bottom-style", "border-left-width",
    "border-left-color", "text-align", "vertical-align", "width", "max-width", "height",
    "opacity", "visibility", "flex-direction", "box-shadow", "border-collapse", "content"];
  const out = [];
  const els = document.querySelectorAll(".jupyter-wrapper, .jupyter-wrapper *");
  els.forEach((el, i) => {
    for (const part of [null, "::before", "::after"]) {
      const style = getComputedStyle(el, part);
      const name = el.tagName.toLowerCase() + "." + [...el.classList].join(".") + (part || "");
      const values = props.map((p) => p + ":" + style.getPropertyValue(p));
      out.push(i + " " + name + " " + values.join(";"));
    }
  });
  return out;
}"""


@pytest.mark.parametrize("page", notebook_pages(), ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_notebooks_look_as_with_all_of_mkdocs_jupyters_css(
    browser, site_url: str, tmp_path: Path, page: Page, language: str, scheme: str
) -> None:
    full = original_styles(tmp_path)
    # The page's policy refuses the inline CSS this test adds back: that is what it compares to.
    context = browser.new_context(base_url=site_url, bypass_csp=True)
    try:
        tab = context.new_page()
        tab.goto(page.url if language == "en" else f"{language}/{page.url}")
        if scheme == "slate":
            tab.locator("form[data-md-component=palette] label:visible").click()
        assert tab.evaluate("document.body.dataset.mdColorScheme") == scheme
        shared = tab.evaluate(STYLES)
        assert len(shared) > 1000
        # All of it, where mkdocs-jupyter put it: after Material's CSS, before the site's own
        # notebook colours (notebooks.css), which were made to override it.
        tab.evaluate(
            """(css) => {
              const style = document.createElement("style");
              style.textContent = css;
              const link = document.querySelector("link[href$='stylesheets/notebooks.css']");
              link.parentNode.insertBefore(style, link);
            }""",
            full,
        )
        everything = tab.evaluate(STYLES)
    finally:
        context.close()
    differences = [(a, b) for a, b in zip(shared, everything, strict=True) if a != b]
    assert not differences, json.dumps(differences[:3], indent=1)
