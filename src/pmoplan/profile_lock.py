"""An advisory lock around every read-modify-write of a profile.

Two ``pmoplan done`` runs at once used to both read the same profile, each add its course and
each replace the file, so only the last course survived. Every writer now takes an exclusive
``flock`` on a sidecar file (``.profile.yaml.lock`` next to the real file, symlinks followed)
before it reads and holds it until the new file has replaced the old one. Writers therefore
run one after the other and none is lost. A writer that cannot get the lock within
:data:`LOCK_TIMEOUT` seconds stops with a clear message and changes nothing.

The sidecar is never deleted: removing a lock file while another process waits on it would let
two processes hold "the" lock at once. Readers (``plan --profile``, ``profile show``) take no
lock; they see either the old or the new file, never a half, because writes are atomic. On a
file system that does not support ``flock`` at all (some network mounts) pmoplan works unlocked
rather than refusing to save.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Iterator
from pathlib import Path

from pmoplan.errors import OutputError

LOCK_TIMEOUT = 10.0  # seconds; a profile write takes milliseconds, so 10 s means something is stuck
_POLL = 0.02
_NO_LOCKING = {getattr(errno, name) for name in ("ENOLCK", "ENOTSUP", "EOPNOTSUPP") if hasattr(errno, name)}


def lock_path_for(path: Path) -> Path:
    """The sidecar lock file of the profile at ``path`` (next to the file a symlink points to)."""
    target = Path(os.path.realpath(path))
    return target.parent / f".{target.name}.lock"


@contextlib.contextmanager
def profile_lock(path: Path, *, timeout: float | None = None) -> Iterator[None]:
    """Hold an exclusive advisory lock for the profile at ``path`` for the ``with`` block.

    The folder must exist. Raises :class:`OutputError` when the lock file cannot be opened or
    another process holds the lock for longer than ``timeout`` seconds.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no flock; os.replace is still atomic there
        yield
        return

    wait = LOCK_TIMEOUT if timeout is None else timeout
    lock_file = lock_path_for(path)
    try:
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError as error:
        raise OutputError(
            f"{path}: cannot create the lock file {lock_file}: {error.strerror}; nothing was saved"
        ) from None
    try:
        _acquire(fd, path, wait)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):  # closing the file releases it anyway
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, path: Path, wait: float) -> None:
    import fcntl

    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as error:
            if error.errno in _NO_LOCKING:
                return  # a file system without flock (some network mounts): work as before, unlocked
            if error.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise OutputError(f"{path}: cannot lock the profile: {error.strerror}; nothing was saved") from None
        if time.monotonic() >= deadline:
            raise OutputError(
                f"{path}: another pmoplan has been changing this profile for over {wait:g} s; "
                "nothing was saved, try again when it has finished"
            )
        time.sleep(_POLL)
