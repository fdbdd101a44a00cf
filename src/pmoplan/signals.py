"""SIGTERM and SIGHUP end a run the way Ctrl-C does: through the ``finally`` blocks.

Python's default for SIGTERM and SIGHUP is to die on the spot, so a write in progress left its
temp file (holding profile data) behind; Ctrl-C raises :class:`KeyboardInterrupt`, which runs
the clean-up. While a command runs, both signals raise :class:`Terminated` instead, so the temp
file is removed, the old file is kept, and the run ends with one line and exit 128 + signal.
A signal that was ignored when pmoplan started (``nohup``) stays ignored.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType
from typing import Any

HANDLED = ("SIGTERM", "SIGHUP")


class Terminated(BaseException):  # noqa: N818 - like KeyboardInterrupt, not an error of the user
    """Raised in the main thread when the process receives SIGTERM or SIGHUP."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)

    @property
    def exit_code(self) -> int:
        """The shell convention for death by a signal: 128 + its number."""
        return 128 + self.signum


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


@contextlib.contextmanager
def terminate_like_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise :class:`Terminated`; the old handlers come back after."""
    previous: dict[int, Any] = {}
    for name in HANDLED:
        number = getattr(signal, name, None)
        if number is None:  # Windows has no SIGHUP
            continue
        try:
            current = signal.getsignal(number)
            if current is signal.SIG_IGN:
                continue
            previous[number] = signal.signal(number, _raise_terminated)
        except ValueError:  # not the main thread: leave signals alone
            continue
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
