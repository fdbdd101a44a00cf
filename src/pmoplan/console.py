"""The console script ``pmoplan`` (and ``python -m pmoplan``): the command line, with the cycle collector off.

Start-up makes some hundred pydantic classes and tens of thousands of small objects, and no garbage
cycles: the cycle collector would only walk them again and again (about 7% of ``pmoplan plan``'s
instructions, counted with callgrind), and once more as the interpreter exits (another 5%). So the
collector is off from the first import, and what the run made is frozen before the exit. Work that
grows with the user's input turns it back on (``team plan``, in :mod:`pmoplan.cli.team_commands`).
Tests call :func:`pmoplan.cli.main` or the application directly, with the collector untouched.
"""

import gc


def main() -> None:
    """Run ``pmoplan`` with the cycle collector off; freeze what the run made before the interpreter exits."""
    gc.disable()
    try:
        from pmoplan.cli import main as run

        run()
    finally:
        gc.freeze()
