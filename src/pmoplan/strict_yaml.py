"""Strict, position-aware YAML reading.

PyYAML's ``safe_load`` silently keeps the last of two duplicate keys, expands aliases without
limit, turns ``yes`` into ``True`` and ``0123`` into ``83``, and forgets where each value came
from. This module instead walks the event stream of the libyaml (C) parser and builds plain
Python values itself, so that it can:

* reject duplicate keys, anchors, aliases, merge keys, explicit tags and multiple documents;
* resolve plain scalars by YAML 1.2 core rules only (``yes``, ``on``, ``0123``, ``2026-02-30``
  stay text, and strict models then refuse them where a number or date is wanted);
* remember the 1-based line and column of every key and value, so that validation errors can
  name ``file:line:col``.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmoplan.errors import InputError, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
# Nesting deeper than this is never a real catalogue; libyaml stops at 1000 anyway.
MAX_DEPTH = 100

PathKey = tuple[str | int, ...]
Position = tuple[int, int]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


@dataclass
class Located:
    """A parsed document: plain Python values and the position of each key and value."""

    value: Any
    file: str
    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)

    def position(self, path: PathKey, *, key: bool = False) -> Position | None:
        """Position of the value (or key) at ``path``, or of its nearest located parent."""
        if key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return None

    def problem(self, path: PathKey, message: str, *, key: bool = False) -> Problem:
        """A :class:`Problem` located at ``path`` in this document."""
        pos = self.position(path, key=key)
        line, col = pos if pos else (None, None)
        return Problem(self.file, message, line, col, format_path(path))


def format_path(path: PathKey) -> str:
    """Render ``('courses', 2, 'days')`` as ``courses[2].days``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _position_of_offset(data: bytes, offset: int) -> Position:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def missing_reason(path: Path, default: str) -> str:
    """Why ``path`` cannot be found: a symlink loop, a broken symlink, or ``default``."""
    if not os.path.islink(path):
        return default
    try:
        os.stat(path)
    except FileNotFoundError:
        return f"broken symbolic link (to {os.readlink(path)})"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "too many levels of symbolic links"
        return error.strerror or default
    return default


def read_text(path: Path, display: str, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 (or BOM-marked UTF-16) text file, refusing anything a person did not mean.

    Raises :class:`InputError` for a missing, unreadable, special, oversized or mis-encoded
    file, and for control characters, each with the position where one can be given. The file
    is recorded as an input of the run (see :mod:`pmoplan.inputs`), read or not.
    """
    from pmoplan import inputs

    inputs.record(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError([Problem(display, "is a directory, expected a file")])
        if not stat.S_ISREG(info.st_mode):
            raise InputError([Problem(display, "is not a regular file")])
        if info.st_size > max_bytes:
            size = f"{info.st_size / 1024 / 1024:.1f} MB"
            raise InputError([Problem(display, f"{size} exceeds the limit of {max_bytes // 1024 // 1024} MB")])
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(display, missing_reason(path, "no such file"))]) from None
    except PermissionError:
        raise InputError([Problem(display, "permission denied")]) from None
    except OSError as error:
        reason = "too many levels of symbolic links" if error.errno == errno.ELOOP else error.strerror
        raise InputError([Problem(display, reason or str(error))]) from None
    return decode_text(data, display)


def decode_text(data: bytes, display: str) -> str:
    """Decode file bytes as UTF-8 (BOM optional) or BOM-marked UTF-16, NFC-normalised; refuse control characters."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError([Problem(display, "not valid UTF-16; save the file as UTF-8")]) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line, col = _position_of_offset(data, error.start)
            byte = data[error.start]
            message = f"not valid UTF-8 (byte 0x{byte:02X}); save the file as UTF-8"
            raise InputError([Problem(display, message, line, col)]) from None
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        message = f"control character U+{ord(bad.group()):04X} is not allowed"
        raise InputError([Problem(display, message, line, col)])
    # One spelling per text: 'José' typed as 'e' + U+0301 is the same id, name or key as 'José'
    # with U+00E9, so duplicate checks and lookups see them as one.
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def load_yaml_file(path: Path, display: str | None = None) -> Located:
    """Read and parse one YAML file strictly; see :func:`parse_yaml`."""
    name = display or str(path)
    return parse_yaml(read_text(path, name), name)


def parse_yaml(text: str, display: str) -> Located:
    """Parse one YAML document strictly into plain values with positions.

    Raises :class:`InputError` (never a PyYAML, ``ValueError`` or ``RecursionError``) with the
    line and column of the first problem.
    """
    import yaml

    try:
        events = list(yaml.parse(text, Loader=yaml.CSafeLoader))
    except yaml.MarkedYAMLError as error:
        raise InputError([_problem_from_yaml(error, display, text)]) from None
    except yaml.YAMLError as error:
        raise InputError([Problem(display, str(error).splitlines()[0])]) from None
    return _Composer(display).compose(events)


def _problem_from_yaml(error: Any, display: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    problem = str(error.problem or error.context or "invalid YAML")
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    if mark is not None:
        # libyaml words this "found character that cannot start any token": look at the line.
        lines = text.splitlines()
        current = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in current[: len(current) - len(current.lstrip())]:
            problem = "tab characters are not allowed for indentation; use spaces"
    return Problem(display, problem, line, col)


def _display_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def resolve_plain_scalar(text: str) -> Any:
    """Resolve an unquoted scalar by YAML 1.2 core-schema rules (no 1.1 booleans, octals, dates)."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        number = float(text)
        # 1e400 overflows to infinity, which no field means and JSON cannot hold: keep the text,
        # so that a number field refuses it with the value as written.
        return number if math.isfinite(number) else text
    return text


class _Composer:
    """Builds values from parser events with an explicit stack (no recursion limit to hit)."""

    def __init__(self, display: str) -> None:
        self.located = Located(value=None, file=display)
        self.documents = 0

    def fail(self, event: Any, message: str) -> InputError:
        mark = event.start_mark
        return InputError([Problem(self.located.file, message, mark.line + 1, mark.column + 1)])

    def compose(self, events: list[Any]) -> Located:
        import yaml

        # Each frame: [container, path, pending key or None, key positions seen].
        stack: list[list[Any]] = []
        root_set = False
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise self.fail(event, "more than one YAML document ('---'); only one is allowed")
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, yaml.AliasEvent):
                raise self.fail(event, "anchors and aliases are not allowed")
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                continue
            self._check_node(event)
            if isinstance(event, yaml.ScalarEvent) and stack and isinstance(stack[-1][0], dict):
                frame = stack[-1]
                if frame[2] is None:
                    self._take_key(event, frame)
                    continue
            path = self._next_path(stack, event)
            value = self._new_value(event)
            pos = (event.start_mark.line + 1, event.start_mark.column + 1)
            self.located.values[path] = pos
            if not stack:
                if root_set:
                    raise self.fail(event, "more than one top-level value")
                self.located.value = value
                root_set = True
            else:
                self._attach(stack[-1], value)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise self.fail(event, f"nesting deeper than {MAX_DEPTH} levels")
                stack.append([value, path, None, {}])
        return self.located

    def _check_node(self, event: Any) -> None:
        if getattr(event, "anchor", None):
            raise self.fail(event, "anchors and aliases are not allowed")
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", True)
        explicit = tag is not None and not (implicit is True or (isinstance(implicit, tuple) and any(implicit)))
        if explicit and tag is not None:
            raise self.fail(event, f"tag '{_display_tag(tag)}' is not allowed")

    def _take_key(self, event: Any, frame: list[Any]) -> None:
        key = _nfc(event.value)
        if key == "<<" and not event.style:
            raise self.fail(event, "merge keys ('<<') are not allowed")
        pos = (event.start_mark.line + 1, event.start_mark.column + 1)
        seen: dict[str, Position] = frame[3]
        if key in seen:
            raise self.fail(event, f"duplicate key '{key}' (first at line {seen[key][0]})")
        seen[key] = pos
        frame[2] = key
        self.located.keys[(*frame[1], key)] = pos

    def _next_path(self, stack: list[list[Any]], event: Any) -> PathKey:
        if not stack:
            return ()
        container, path, pending, _ = stack[-1]
        if isinstance(container, dict):
            if pending is None:
                raise self.fail(event, "mapping keys must be plain text, not lists or mappings")
            return (*path, pending)
        return (*path, len(container))

    def _new_value(self, event: Any) -> Any:
        import yaml

        if isinstance(event, yaml.MappingStartEvent):
            return {}
        if isinstance(event, yaml.SequenceStartEvent):
            return []
        if not event.style and event.implicit[0]:
            try:
                return resolve_plain_scalar(event.value)
            except ValueError:
                raise self.fail(event, "number is too long") from None
        # Quoted text can spell a character with escapes ("Jose\u0301"): normalise after parsing too.
        return _nfc(event.value)

    @staticmethod
    def _attach(frame: list[Any], value: Any) -> None:
        container = frame[0]
        if isinstance(container, dict):
            container[frame[2]] = value
            frame[2] = None
        else:
            container.append(value)
