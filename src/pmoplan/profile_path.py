"""Where the profile lives by default, without importing the profile's models.

``pmoplan plan --level N`` only needs to know whether a profile exists; most runs have none, and
importing :mod:`pmoplan.profile` (the assessment and profile models) just to find that out costs
more than the plan's own rendering.
"""

from __future__ import annotations

from pathlib import Path

PROFILE_FILE = "profile.yaml"


def default_profile_path() -> Path:
    """``profile.yaml`` in the user data folder (``$XDG_DATA_HOME/pmoplan`` on Linux)."""
    from platformdirs import user_data_path

    return user_data_path("pmoplan") / PROFILE_FILE
