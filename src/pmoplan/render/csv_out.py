"""Excel-safe CSV for the renderers.

The rules live in :mod:`pmoplan.csv_safety` (shared with the engine's price sheet); this module
adds the CSV of a :class:`Listing`.
"""

from __future__ import annotations

from pmoplan.csv_safety import BOM, FORMULA_TRIGGERS, neutralise, neutralise_text, to_csv
from pmoplan.render.listing import Listing

__all__ = ["BOM", "FORMULA_TRIGGERS", "listing_csv", "neutralise", "neutralise_text", "to_csv"]


def listing_csv(listing: Listing) -> str:
    """CSV of a :class:`Listing`."""
    return to_csv(listing.columns, listing.rows)
