r"""One sanitiser for text that reaches a terminal: data can show itself, never steer the terminal.

Text from files and the command line (a profile's file name, a team id written with YAML
escapes, a catalogue's ``source`` URL) may hold control characters. Printed raw, ``ESC ] 52``
writes the user's clipboard, ``ESC ] 8`` makes a hidden link, ``ESC [ 2 J`` clears the screen
and U+202E (right-to-left override) makes the rest of a line read backwards. This module turns
every C0 and C1 control character (and DEL) and every undecodable byte of a non-UTF-8 file name
into a visible escape such as ``\x1b``, which also
defuses every escape sequence, since each one starts with a control character. Text with bidi
controls is wrapped in FSI … PDI (U+2068 … U+2069), which per the Unicode bidi algorithm ends
every embedding and override opened inside it, so it cannot reorder what follows.

The console classes in :mod:`pmoplan.cli.options` pass everything they print through
:func:`terminal_safe`; error lines use :func:`one_line`.
"""

from __future__ import annotations

import os
import re

# C0 controls except TAB and LF (rich lays those out itself), DEL, and C1 controls.
# Lone surrogates stand for the bytes of a file name that is not UTF-8 (os.fsdecode).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# Bidi embeddings, overrides, isolates and marks (UAX #9).
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
FSI = "\u2068"
PDI = "\u2069"
MIN_WIDTH = 20  # the narrowest width text is laid out for (see sane_width)
FALLBACK_WIDTH = 80
MAX_ERROR_CHARS = 1000  # an error line longer than this is not read, only scrolled past


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\n":
        return " "
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # the undecodable byte itself, as 'ls -b' would show it
        return f"\\x{code - 0xDC00:02x}"
    if code > 0xFF:
        return f"\\u{code:04x}"
    return f"\\x{code:02x}"


def has_unsafe(text: str) -> bool:
    """Whether ``text`` holds a control character or a bidi control."""
    return bool(_CONTROL_ONE_LINE.search(text) or _BIDI.search(text))


def terminal_safe(text: str) -> str:
    """``text`` with control characters made visible and bidi controls isolated (newlines and tabs kept)."""
    if _CONTROL.search(text):
        text = _CONTROL.sub(_visible, text)
    return isolate_bidi(text)


def isolate_bidi(text: str) -> str:
    """Wrap text holding bidi controls in FSI … PDI so its direction cannot leak past its end."""
    if not _BIDI.search(text):
        return text
    return "\n".join(f"{FSI}{line}{PDI}" if _BIDI.search(line) else line for line in text.split("\n"))


def one_line(text: str, limit: int = MAX_ERROR_CHARS) -> str:
    """``text`` as one safe line of at most ``limit`` characters (newlines become spaces)."""
    if _CONTROL_ONE_LINE.search(text):
        text = _CONTROL_ONE_LINE.sub(_visible, text)
    if len(text) > limit:
        cut = len(text) - limit
        text = f"{text[:limit]}… ({cut} more characters)"
    return isolate_bidi(text)


def unsafe_characters(text: str) -> list[str]:
    """The distinct control and bidi characters in ``text`` as ``U+XXXX``, in order of appearance."""
    found = [m.group() for m in _CONTROL_ONE_LINE.finditer(text)] + [m.group() for m in _BIDI.finditer(text)]
    return list(dict.fromkeys(f"U+{ord(char):04X}" for char in found if char not in "\n\t"))


def _key(item: object, index: int) -> str:
    """A list item's id when it has one (``courses[pmo-finance]``), else its index."""
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return str(item["id"])
    return str(index)


def find_unsafe(value: object, path: str = "") -> list[tuple[str, list[str]]]:
    """Every string in a nested structure of dicts, lists and tuples that holds unsafe characters.

    Returns ``(dotted path, code points)`` pairs, such as ``("courses[pmo-x].title", ["U+202E"])``;
    list items with an ``id`` are named by it, others by their index.
    """
    if isinstance(value, str):
        found = unsafe_characters(value)
        return [(path, found)] if found else []
    if isinstance(value, dict):
        return [hit for key, item in value.items() for hit in find_unsafe(item, f"{path}.{key}" if path else str(key))]
    if isinstance(value, list | tuple):
        return [hit for index, item in enumerate(value) for hit in find_unsafe(item, f"{path}[{_key(item, index)}]")]
    return []


def sane_width() -> int | None:
    """A width to force when ``COLUMNS`` is unusable; ``None`` to let rich decide."""
    columns = os.environ.get("COLUMNS")
    if columns is None:
        return None
    text = columns.strip()
    if text.isdigit() and int(text) >= MIN_WIDTH:
        return None
    try:
        real = os.get_terminal_size(1).columns
    except (OSError, ValueError):
        real = 0
    return real if real >= MIN_WIDTH else FALLBACK_WIDTH
