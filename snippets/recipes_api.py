"""The "Recipes API" page (docs/recipes-api.md, .zh.md): it renders the recipes' objects.

The page includes each recipe's `recipe` section from its own module and renders the
objects defined there with mkdocstrings; it has no code of its own.
"""
