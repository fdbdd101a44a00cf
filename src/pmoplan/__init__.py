"""pmoplan: a command-line career planner for PMO practitioners, managers and L&D teams."""

__version__ = "0.1.0"
