"""MkDocs hooks: the torch version stamp, and glossary terms as whole words for Chinese search."""

import re
from importlib.metadata import version
from pathlib import Path
from typing import Any

import jieba

GLOSSARY = Path(__file__).resolve().parents[2] / "snippets" / "glossary.py"


def glossary_terms() -> list[str]:
    """The Chinese column of the glossary table (snippets/glossary.py, section `terms`)."""
    text = GLOSSARY.read_text(encoding="utf-8")
    table = text.split("[start:terms]", 1)[1].split("[end:terms]", 1)[0]
    rows = [line.split("|")[2] for line in table.splitlines() if line.startswith("| ")][1:]
    terms = (term.strip() for cell in rows for term in re.split(r"[,/()\uff08\uff09\u3001]", cell))
    return [term for term in terms if term]


def on_config(config: Any) -> Any:
    # The torch installed next to the build, the one the tests run; never typed by hand.
    # (Reading its metadata avoids a second of `import torch` on every build.)
    config.extra["torch_version"] = version("torch")
    # The search plugin segments Chinese with jieba at build time; a reader types a term whole
    # (变长序列), so jieba must keep each glossary term as one word.
    for term in glossary_terms():
        jieba.add_word(term)
    return config
