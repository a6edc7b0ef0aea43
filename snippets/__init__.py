"""Code shown on the documentation pages: one module per page, named after it.

`docs/output-vs-hn.md` includes sections of `snippets/output_vs_hn.py`, and so does
`docs/output-vs-hn.zh.md`. The tests run exactly this code.
"""
