"""Examples for the page of torch versions (docs/versions.md, docs/versions.zh.md).

The page's table is built from results/compat/*.json by docs/overrides/versions.py.

# --8<-- [start:compare-versions]
>>> import torch
>>> torch.__version__ >= "2.13"
True
>>> torch.__version__ >= (2, 13)
True
>>> torch.__version__ >= "2.9"
True
>>> str(torch.__version__) >= "2.9"
False

# --8<-- [end:compare-versions]
"""
