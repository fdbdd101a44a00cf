"""The only rich Console pmoplan prints with: every piece of text goes through the sanitiser.

Renderers build tables and grids from data with ``Text(...)``; rich passes control characters
in such text straight to the terminal. :class:`SafeConsole` cleans each segment of text as it
is written (:func:`pmoplan.safe_text.terminal_safe`), after layout and before the escape codes
of rich's own styles are added, so colours still work and data can never add escape codes of
its own. A style link (OSC 8) whose URL holds a control character is dropped.

The width comes from ``COLUMNS`` as usual, but a value below :data:`MIN_WIDTH` or not a number
(``COLUMNS=0`` used to print nothing at all) falls back to the terminal's real width or 80.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.segment import Segment

from pmoplan.safe_text import FALLBACK_WIDTH as FALLBACK_WIDTH  # re-exported with the width rules
from pmoplan.safe_text import MIN_WIDTH as MIN_WIDTH
from pmoplan.safe_text import has_unsafe, terminal_safe
from pmoplan.safe_text import sane_width as sane_width


class SafeConsole(Console):
    """A rich Console whose output cannot carry escape sequences or bidi overrides from data."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(_clean(segment) for segment in buffer)


def _clean(segment: Segment) -> Segment:
    text, style, control = segment
    if control:
        return segment  # rich's own cursor and screen codes, never data
    if style is not None and style.link and has_unsafe(style.link):
        style = style.clear_meta_and_links()
    return Segment(terminal_safe(text), style, control)


def safe_console(**options: Any) -> SafeConsole:
    """A :class:`SafeConsole` with ``options``; a sane width unless one is given."""
    if options.get("width") is None and options.get("file") is None:
        width = sane_width()
        if width is not None:
            options["width"] = width
    return SafeConsole(**options)
