"""Atomic file writes: a file is either fully replaced or left byte-for-byte as it was.

Temp file in the same folder, write everything, flush, fsync, then ``os.replace``. A symlink
stays a symlink (its target is replaced); an existing file keeps its permission bits; a new file
gets ``new_file_mode`` (or the umask default). On any failure, Ctrl-C included, the temp file
is removed and the old file is untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from pmoplan.errors import OutputError

# A temp file this old cannot belong to a write still in progress (a write takes milliseconds).
STALE_AFTER = 3600.0


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(
    path: Path, data: str | bytes | Iterable[str], *, new_file_mode: int | None = None, clean_stale: bool = False
) -> None:
    """Replace ``path`` with ``data`` atomically; raise :class:`OutputError` on failure.

    ``data`` is text, bytes, or text in pieces: a large report, written into the temp file as it is
    produced. An error while producing it, of any kind, removes the temp file and leaves ``path`` as
    it was, so a serialisation error can never leave a half-written file. After a successful replace,
    temp files of this target left by a killed run are removed: all of them when ``clean_stale`` (the
    caller holds the target's lock, so no other writer can own one), otherwise those older than
    :data:`STALE_AFTER`.
    """
    pieces: Iterable[bytes]
    if isinstance(data, str | bytes):
        pieces = (data.encode("utf-8") if isinstance(data, str) else data,)
    else:
        pieces = (piece.encode("utf-8") for piece in data)
    target = Path(os.path.realpath(path))  # follow symlinks: replace the file, keep the link
    shown = str(path)
    try:
        existing = target.stat()
    except FileNotFoundError:
        existing = None
    except OSError as error:
        raise OutputError(f"{shown}: cannot write: {error.strerror}") from None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise OutputError(f"{shown}: is a directory")
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        # Never swap a device, FIFO or socket (think /dev/null as root) for a regular file.
        raise OutputError(f"{shown}: is not a regular file; nothing was written")
    if existing is not None:
        mode = stat.S_IMODE(existing.st_mode)
    elif new_file_mode is not None:
        mode = new_file_mode
    else:
        mode = 0o666 & ~_current_umask()
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{shown}: folder {folder} does not exist")
    temp_name: str | None = None
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces:
                handle.write(piece)  # a Python file object loops until every byte is written
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
        temp_name = None
        _fsync_folder(folder)
        remove_stale_temps(target, max_age=0.0 if clean_stale else STALE_AFTER)
    except OSError as error:
        raise OutputError(f"{shown}: cannot write: {_reason(error)}; nothing was changed") from None
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def temp_pattern(target: Path) -> re.Pattern[str]:
    """The names ``tempfile.mkstemp`` gives this module's temp files for ``target``."""
    return re.compile(rf"\.{re.escape(target.name)}\.[A-Za-z0-9_]{{8}}\.tmp")


def remove_stale_temps(target: Path, *, max_age: float) -> list[Path]:
    """Remove temp files of ``target`` older than ``max_age`` seconds; return the ones removed.

    Only names this module creates are touched, and only regular files; errors are ignored
    (another run may remove the same file first).
    """
    pattern = temp_pattern(target)
    removed: list[Path] = []
    now = time.time()
    try:
        names = os.listdir(target.parent)
    except OSError:
        return removed
    for name in names:
        if not pattern.fullmatch(name):
            continue
        candidate = target.parent / name
        with contextlib.suppress(OSError):
            info = candidate.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime >= max_age:
                candidate.unlink()
                removed.append(candidate)
    return removed


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "no space left on device"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return error.strerror or str(error)


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); harmless where folders cannot be opened."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_output(path: Path, data: str | bytes, *, force: bool, inputs: tuple[Path, ...] = ()) -> None:
    """Write an export file: refuse to overwrite without ``force`` or to clobber an input file.

    Commands write through :func:`pmoplan.cli.output.emit`; this stays for callers written before
    it, and refuses every input the run recorded (:mod:`pmoplan.inputs`) besides ``inputs``.
    """
    from pmoplan import inputs as run_inputs
    from pmoplan.errors import UsageProblem

    resolved = Path(os.path.realpath(path))
    for source in (*inputs, *run_inputs.current()):
        if Path(os.path.realpath(source)) == resolved:
            raise UsageProblem(f"{path}: is one of the input files; choose another --output")
    if resolved.exists() and not resolved.is_dir() and not force:
        raise OutputError(f"{path}: already exists; use --force to replace it")
    atomic_write(path, data)
