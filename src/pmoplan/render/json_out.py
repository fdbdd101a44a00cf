"""Stable, documented JSON: every document carries a ``schema_version``."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_VERSION = 1


def to_json(document: dict[str, Any]) -> str:
    """Serialise a JSON document (already containing ``schema_version``) deterministically."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
