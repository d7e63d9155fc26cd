"""Workflows: steps that cross domains, above every domain and below the edges.

A domain never imports a domain above it in the layer order (see ``[tool.importlinter]`` in
pyproject.toml); when one step must touch several domains, it lives here and says so.
"""
