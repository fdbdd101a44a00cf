"""Stable, documented JSON: every document carries a ``schema_version``."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_VERSION = 1


def to_json(document: dict[str, Any]) -> str:
    """Serialise a JSON document (already containing ``schema_version``) deterministically.

    ``Infinity`` and ``NaN`` are not JSON: inputs are checked to be finite, so a non-finite
    number here is a bug and raises :class:`ValueError` rather than writing invalid JSON.
    """
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
