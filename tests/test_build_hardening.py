"""Build-level hardening: a hostile description, jieba's cache, diagram markers, the licences.

- A `"` or `>` in a page's `description:` is escaped in the `<head>` (built in a scratch copy of
  the docs whose glossary pages carry such a description), and the build writes no jieba cache
  into the system temp folder (TMPDIR points at an empty folder during that build).
- An invalid diagram marker fails `mkdocs build --strict` with its file and line.
- Every built page states both licences in its footer, in its language.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, SoupStrainer

from tests.docs_layout import LANGUAGES, ROOT, Page, pages
from tests.scratch_project import CACHES, build, copy_project

# Under pytest-xdist, one worker builds the module's scratch copy, once.
pytestmark = pytest.mark.xdist_group("hostile-build")

HAN = re.compile(r"[\u4e00-\u9fff]")
HOSTILE = {
    "en": 'A "quoted" word, it\'s x > 0 & </head><script>alert(1)</script> stay text.',
    "zh": "带\"引号\"和'单引号'的描述，x > 0 & </head><script>alert(1)</script> 仍是文字。",
}


SUB_PATH_SITE_URL = "https://example-owner.github.io/lstm-docs/"


def set_description(path: Path, description: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(
        r"^description: .*$",
        "description: '" + description.replace("'", "''") + "'",
        text,
        count=1,
        flags=re.MULTILINE,
    )
    assert count == 1, f"{path} has no description line: update this test"
    path.write_text(new, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_build(site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A scratch copy whose glossary pages have hostile descriptions, built with an empty TMPDIR
    and a site_url with a path, as GitHub Pages serves a project site (/<repository>/)."""
    project = tmp_path_factory.mktemp("hostile")
    temp = tmp_path_factory.mktemp("tmpdir")
    # Without jieba's cache: the build must write a new one, into the project's .cache/.
    copy_project(project, caches=[name for name in CACHES if name != "jieba"])
    for language in LANGUAGES:
        source = project / Page("glossary").source(language).relative_to(ROOT)
        set_description(source, HOSTILE[language])
    result = build(
        project, TMPDIR=str(temp), TMP=str(temp), TEMP=str(temp), SITE_URL=SUB_PATH_SITE_URL
    )
    assert result.returncode == 0, result.stderr
    return project, temp


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_quote_or_bracket_in_a_description_does_not_break_the_head(
    site: Path, hostile_build: tuple[Path, Path], language: str
) -> None:
    project, _ = hostile_build
    built = Page("glossary").built(project / "out", language).read_text(encoding="utf-8")
    plain = Page("glossary").built(site, language).read_text(encoding="utf-8")
    soup, usual = BeautifulSoup(built, "html.parser"), BeautifulSoup(plain, "html.parser")
    (meta,) = soup.head.select('meta[name="description"]')
    assert meta["content"] == HOSTILE[language]
    # The head is whole: the same elements as on the page with its usual description, no
    # script injected, no text spilled into the body.
    assert [tag.name for tag in soup.head.find_all(True)] == [
        tag.name for tag in usual.head.find_all(True)
    ]
    assert len(soup.find_all("script")) == len(usual.find_all("script"))
    assert not [s for s in soup.find_all("script") if "alert(1)" in (s.string or "")]
    assert "alert(1)" not in soup.body.get_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_under_a_site_url_with_a_path_the_home_page_switches_language(
    hostile_build: tuple[Path, Path], language: str
) -> None:
    project, _ = hostile_build
    home = Page("index")
    built = home.built(project / "out", language)
    links = BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser").select(
        "a.md-select__link[hreflang]"
    )
    assert {a["hreflang"] for a in links} == set(LANGUAGES)
    for a in links:
        target = (built.parent / a["href"] / "index.html").resolve()
        assert target == home.built(project / "out", a["hreflang"]).resolve(), a["href"]


def test_the_build_writes_no_jieba_cache_into_the_temp_folder(
    hostile_build: tuple[Path, Path],
) -> None:
    project, temp = hostile_build
    assert not [p.name for p in temp.rglob("*") if "jieba" in p.name.lower()]
    assert (project / ".cache" / "jieba" / "jieba.cache").is_file()


def test_an_invalid_diagram_marker_fails_the_strict_build_with_file_and_line(
    site: Path, tmp_path: Path
) -> None:
    copy_project(tmp_path)
    path = "docs/output-vs-hn.zh.md"
    source = tmp_path / path
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    (index,) = [i for i, line in enumerate(lines) if line.startswith("<!-- lstm-diagram:")]
    lines[index] = lines[index].replace("lstm-diagram:", "lstm-diagrams:")
    lines.insert(index + 1, "\n<!-- lstm-diagram: packed lengths=2,20000 -->\n")
    source.write_text("".join(lines), encoding="utf-8")
    result = build(tmp_path)
    assert result.returncode != 0
    assert f"{path}:{index + 1}: " in result.stderr and "is not a diagram marker" in result.stderr
    assert f"{path}:{index + 3}: lengths='2,20000': '20000' is not a whole number" in (
        result.stderr
    )
    assert "expected" in result.stderr


def test_every_page_states_both_licences_in_its_footer(site: Path) -> None:
    for page in pages():
        for language in LANGUAGES:
            html = page.built(site, language).read_text("utf-8")
            soup = BeautifulSoup(html, "html.parser", parse_only=SoupStrainer("footer"))
            (footer,) = soup.select("footer .md-copyright__highlight")
            text = footer.get_text(" ", strip=True)
            assert "MIT" in text and "CC BY 4.0" in text, (page, language, text)
            assert bool(HAN.search(text)) == (language == "zh"), (page, language, text)
            links = {a.get_text(): a["href"] for a in footer.find_all("a")}
            assert links["MIT"] == "https://opensource.org/license/mit"
            assert links["CC BY 4.0"].startswith("https://creativecommons.org/licenses/by/4.0/")


def test_the_licence_and_the_security_policy_are_stated() -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Permission is hereby granted" in licence
    assert "Creative Commons Attribution 4.0 International" in licence
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "MIT" in readme and "CC BY 4.0" in readme and "SECURITY.md" in readme
    security = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    assert "Report a vulnerability" in security
