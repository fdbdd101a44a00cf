"""Renderers: one module per output format. Each returns a string or a rich renderable."""
