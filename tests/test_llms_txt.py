"""llms.txt per language and the Markdown copy of each page (tests/llms_txt.py).

The checks on the built site are functions that return what is wrong, so that each one is also
run on a site with a planted defect and seen to fail.
"""

from __future__ import annotations

import functools
import re
import shutil
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, SoupStrainer

from tests.docs_layout import (
    LANGUAGES,
    Page,
    code_cells,
    included_text,
    includes,
    pages,
)
from tests.llms_txt import (
    Entry,
    comment_text,
    copy_path,
    language_prefix,
    llms_txt,
    markdown_copy,
    resolve_includes,
    rewrite_link,
)

ENTRY = re.compile(r"^- \[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\)(?:: (?P<description>.+))?$")
LINK = re.compile(r"!?\[[^\]\n]*\]\((?P<target>[^)\s]+)")
HAN = re.compile(r"[\u4e00-\u9fff]")


def site_url(site: Path) -> str:
    """The address the site was built for: the English home page's canonical link."""
    html = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = html.select_one('link[rel="canonical"]')
    assert link is not None, "the home page has no canonical link"
    return link["href"]


@functools.lru_cache(maxsize=256)  # three tests ask for every page's
def built_h1(site: Path, doc: Page, language: str) -> str:
    text = doc.built(site, language).read_text(encoding="utf-8")
    html = BeautifulSoup(text, "html.parser", parse_only=SoupStrainer("article"))
    h1 = html.select_one("article h1")
    assert h1 is not None, doc.built(site, language)
    return h1.get_text(strip=True).rstrip("¶")


def listed(site: Path, language: str) -> list[dict[str, str]]:
    """The entries of a language's llms.txt, each with the site path its URL points to."""
    base = site_url(site)
    entries = []
    text = (site / language_prefix(language) / "llms.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if match := ENTRY.match(line):
            url = match["url"]
            path = url.removeprefix(base) if url.startswith(base) else url
            entries.append({**match.groupdict(), "path": path})
    return entries


def llms_txt_problems(site: Path, language: str) -> list[str]:
    """What is wrong with a language's llms.txt: its form, the pages it lists, their titles."""
    text = (site / language_prefix(language) / "llms.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    problems = []
    if not (lines[0].startswith("# ") and lines[2].startswith("> ") and "## " in text):
        problems.append("not an H1, a blockquote, then H2 sections")
    entries = listed(site, language)
    paths = [entry["path"] for entry in entries]
    expected = {copy_path(doc.stem, language): doc for doc in pages()}
    problems += [f"missing {path}" for path in sorted(set(expected) - set(paths))]
    problems += [f"not a page of {language}: {path}" for path in sorted(set(paths) - set(expected))]
    problems += [
        f"listed twice: {path}" for path in sorted({p for p in paths if paths.count(p) > 1})
    ]
    for entry in entries:
        doc = expected.get(entry["path"])
        if doc is None:
            continue
        if not (site / entry["path"]).is_file():
            problems.append(f"{entry['url']}: no such copy")
        if entry["title"] != built_h1(site, doc, language):
            problems.append(f"{entry['path']}: title {entry['title']!r} is not the page's H1")
        if not entry["description"]:
            problems.append(f"{entry['path']}: no description")
    return problems


def copy_problems(site: Path, doc: Page, language: str) -> list[str]:
    """What is wrong with a page's copy: leftovers, missing code, H1, description, dead links."""
    path = site / copy_path(doc.stem, language)
    if not path.is_file():
        return [f"{path.relative_to(site)}: missing"]
    text = path.read_text(encoding="utf-8")
    problems = []
    for leftover in ("--8<--", "<!--", "\n::: "):
        if leftover in text:
            problems.append(f"{doc} ({language}): {leftover.strip()!r} left in the copy")

    def flat(block: str) -> str:
        return "\n".join(line.strip() for line in block.strip().splitlines())

    flat_text = flat(text)
    source = doc.source(language)
    code = (
        code_cells(source)
        if doc.is_notebook
        else [textwrap.dedent(included_text(*include)) for include in includes(source)]
    )
    problems += [
        f"{doc} ({language}): lacks {block.strip()[:60]!r}"
        for block in code
        if flat(block) not in flat_text
    ]
    h1 = text.splitlines()[0]
    if re.sub(r"\s*\{[^}]*\}$", "", h1.removeprefix("# ")) != built_h1(site, doc, language):
        problems.append(f"{doc} ({language}): H1 {h1!r} is not the page's")
    description = text.splitlines()[2]
    if not description.startswith("> ") or (language == "zh") != bool(HAN.search(description)):
        problems.append(f"{doc} ({language}): description {description!r} not in {language}")
    for target in LINK.findall(text):
        if urlsplit(target).scheme or target.startswith("#"):
            continue
        linked = (path.parent / urlsplit(target).path).resolve()
        if linked.is_dir():
            linked = linked / "index.html"
        if not linked.is_file():
            problems.append(f"{doc} ({language}): dead link {target}")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_llms_txt_lists_every_page_of_its_language_with_its_h1_and_description(
    site: Path, language: str
) -> None:
    assert llms_txt_problems(site, language) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("doc", pages(), ids=str)
def test_each_copy_shows_the_page_code_resolved_and_its_links_work(
    site: Path, doc: Page, language: str
) -> None:
    assert copy_problems(site, doc, language) == []


def test_the_chinese_llms_txt_is_chinese(site: Path) -> None:
    text = (site / "zh" / "llms.txt").read_text(encoding="utf-8")
    assert text.startswith("# PyTorch LSTM 详解\n")
    assert "## 实用配方" in text and "## 可运行的笔记本" in text


def planted(site: Path, tmp_path: Path) -> Path:
    """A copy of the built site's llms.txt files, Markdown copies and pages, to break."""
    out = tmp_path / "site"
    shutil.copytree(site, out, ignore=shutil.ignore_patterns("*.js", "*.css", "*.ipynb", "*.json"))
    return out


def test_a_page_missing_from_llms_txt_is_caught(site: Path, tmp_path: Path) -> None:
    broken = planted(site, tmp_path)
    llms = broken / "zh" / "llms.txt"
    text = llms.read_text(encoding="utf-8")
    llms.write_text(re.sub(r"^- \[.*/zh/output-vs-hn\.md\).*\n", "", text, flags=re.M), "utf-8")
    assert llms_txt_problems(broken, "zh") == ["missing zh/output-vs-hn.md"]


def test_an_unresolved_include_in_a_copy_is_caught(site: Path, tmp_path: Path) -> None:
    broken = planted(site, tmp_path)
    doc = Page("output-vs-hn")
    copy = broken / copy_path(doc.stem, "en")
    section = included_text("snippets/output_vs_hn.py", "one-layer").strip()
    text = copy.read_text(encoding="utf-8")
    assert section in text
    copy.write_text(
        text.replace(section, '--8<-- "snippets/output_vs_hn.py:one-layer"'), encoding="utf-8"
    )
    problems = copy_problems(broken, doc, "en")
    assert any("'--8<--' left" in p for p in problems) and any("lacks" in p for p in problems)


def test_a_dead_link_or_an_english_description_in_a_chinese_copy_is_caught(
    site: Path, tmp_path: Path
) -> None:
    broken = planted(site, tmp_path)
    doc = Page("bidirectional")
    copy = broken / copy_path(doc.stem, "zh")
    lines = copy.read_text(encoding="utf-8").splitlines()
    lines[2] = "> Where the forward and backward directions end up."
    lines.append("[gone](nowhere.md)")
    copy.write_text("\n".join(lines), encoding="utf-8")
    problems = copy_problems(broken, doc, "zh")
    assert any("description" in p for p in problems) and any("dead link" in p for p in problems)


# ---------------------------------------------------------------------------------------------
# The pieces, without a build
# ---------------------------------------------------------------------------------------------


def test_includes_resolve_to_the_section_at_the_include_indent() -> None:
    section = textwrap.dedent(included_text("snippets/output_vs_hn.py", "one-layer")).strip()
    markdown = '- item\n\n    ```pycon\n    --8<-- "snippets/output_vs_hn.py:one-layer"\n    ```\n'
    resolved = resolve_includes(markdown, "x.md")
    assert textwrap.indent(section, "    ") in resolved and "--8<--" not in resolved


@pytest.mark.parametrize("include", ["snippets/output_vs_hn.py:nope", "snippets/nope.py"])
def test_an_include_of_nothing_is_an_error_naming_it(include: str) -> None:
    with pytest.raises(ValueError, match=f'x.md: cannot include --8<-- "{include}"'):
        resolve_includes(f'--8<-- "{include}"\n', "x.md")


def test_a_stray_include_marker_is_an_error() -> None:
    with pytest.raises(ValueError, match="not an include"):
        resolve_includes('--8<-- "snippets/output_vs_hn.py:one-layer" trailing\n', "x.md")


@pytest.mark.parametrize(
    ("comment", "language", "expected"),
    [
        ('<!-- skip: next "why" -->', "en", None),
        ("<!-- gpu-record -->", "zh", re.compile(r"^\*GPU 示例")),
        (
            "<!-- lstm-diagram: grid mode=lstm num_layers=2 bidirectional=0 batch_first=1 "
            "seq_len=5 hidden_size=8 -->",
            "en",
            re.compile(r"^\*Which hidden states .*\* Diagram of nn\.LSTM"),
        ),
    ],
)
def test_comments_become_words_or_go(comment: str, language: str, expected: object) -> None:
    text = comment_text(comment, language)
    assert text == expected if expected is None else expected.search(text), text


@pytest.mark.parametrize("comment", ["<!-- known-issues -->", "<!-- lstm-diagrams: grid -->"])
def test_an_unknown_comment_is_an_error_not_dropped(comment: str) -> None:
    with pytest.raises(ValueError, match="unexpected HTML comment"):
        comment_text(comment, "en")


@pytest.mark.parametrize(
    ("target", "source", "url", "language", "notebook", "expected"),
    [
        (
            "bidirectional.md#x",
            "output-vs-hn.md",
            "zh/output-vs-hn/",
            "zh",
            False,
            "bidirectional.md#x",
        ),
        ("../../helpers/", "notebooks/a.md", "zh/notebooks/a/", "zh", True, "../helpers.md"),
        ("../../", "notebooks/a.md", "notebooks/a/", "en", True, "../index.md"),
        ("../b/", "notebooks/a.md", "notebooks/a/", "en", True, "b.md"),
        ("a.ipynb", "notebooks/a.md", "zh/notebooks/a/", "zh", True, "a/a.ipynb"),
        ("?mode=gru", "explorer.md", "explorer/", "en", False, "explorer/?mode=gru"),
        ("https://x.org/a.md", "index.md", "", "en", False, "https://x.org/a.md"),
        ("#anchor", "index.md", "", "en", False, "#anchor"),
    ],
)
def test_links_point_to_the_copies(
    target: str, source: str, url: str, language: str, notebook: bool, expected: str
) -> None:
    where = {"source": source, "url": url, "language": language, "notebook": notebook}
    assert rewrite_link(target, **where) == expected


def test_an_api_block_becomes_signatures_and_docstrings() -> None:
    copy = markdown_copy(
        "# API\n\n::: snippets.helpers\n    options:\n      heading_level: 3\n\nAfter.\n",
        src_uri="x.md",
        description="d",
        notebook=False,
    )
    assert "### `final_hidden`\n\n```python\ndef final_hidden(h_n: torch.Tensor, *," in copy
    assert ":::" not in copy and "heading_level" not in copy and copy.endswith("After.\n")


def test_an_edited_module_is_read_anew(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The package is loaded once per build, yet `mkdocs serve` must show an edit.
    import tests.llms_txt as llms_txt

    monkeypatch.setattr(llms_txt, "DOCS", tmp_path / "docs")
    module = tmp_path / "pkg_llms_edit" / "__init__.py"
    module.parent.mkdir()
    module.write_text('def f(a):\n    """Old."""\n', encoding="utf-8")
    assert "Old." in llms_txt.api_text("pkg_llms_edit.f")
    module.write_text('def f(a, b):\n    """New, and longer."""\n', encoding="utf-8")
    text = llms_txt.api_text("pkg_llms_edit.f")
    assert "def f(a, b)" in text and "New, and longer." in text


@pytest.mark.parametrize(
    ("site_url", "url"),
    [("https://x.github.io/lstm/", "https://x.github.io/lstm/zh/a.md"), (None, "a.md")],
)
def test_llms_txt_has_the_convention_form_and_absolute_or_relative_links(
    site_url: str | None, url: str
) -> None:
    text = llms_txt(
        "站点",
        "Two\nlines.",
        [("页面", [Entry("甲", "zh/a.md", "描述。")]), ("空", [])],
        language="zh",
        site_url=site_url,
    )
    assert text == f"# 站点\n\n> Two lines.\n\n## 页面\n\n- [甲]({url}): 描述。\n"
