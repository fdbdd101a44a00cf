"""The header of a report meant to be shared: whom it is for, when it was issued, how fresh the catalogue is.

A printed or e-mailed plan outlives the run that made it: the reader needs to know whose plan it
is (or, without a name, what it was made from), the date of issue, and the dates the catalogue's
prices and facts were seen at their sources, since prices and exam rules change. The CLI gathers
the data (:class:`ReportHeader`); :func:`header_pairs` writes the labelled lines that the HTML and
Markdown reports show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ReportHeader:
    """What a shared report says about itself.

    Attributes:
        issued: The date of issue (the day the report was made).
        catalogue_seen: The oldest and newest dates a catalogue price or fact was seen at its source.
        data_dir: The organisation's catalogue folder (``--data-dir``), if one was used.
        title: The person or team named with ``--title`` (a team report falls back to its file's name).
        profile: The profile a personal plan was made from (its file name), or whose recorded courses a
            ``--level`` plan counted; None when no profile was used.
        assessed_on: The date of that profile's latest assessment.
        stated_level: The level was given with ``--level`` (the profile gave only its courses).
    """

    issued: date
    catalogue_seen: tuple[date, date] | None = None
    data_dir: str | None = None
    title: str | None = None
    profile: str | None = None
    assessed_on: date | None = None
    stated_level: bool = False


def catalogue_text(header: ReportHeader) -> str:
    """``prices and facts as seen on 2026-12-01`` (or between two dates), and whose catalogue it is."""
    seen = header.catalogue_seen
    if seen is None:
        text = "no dates recorded for its prices and facts"
    elif seen[0] == seen[1]:
        text = f"prices and facts as seen on {seen[0].isoformat()}"
    else:
        text = f"prices and facts as seen between {seen[0].isoformat()} and {seen[1].isoformat()}"
    where = f"the organisation's catalogue in {header.data_dir}" if header.data_dir else "the shipped catalogue"
    return f"{where}, {text}"


def made_from_text(header: ReportHeader, current_level: int) -> str:
    """What a personal plan was made from: the profile and its assessment date, or a stated level."""
    if header.profile is None:
        return f"a stated level ({current_level}), without an assessment"
    if header.stated_level:
        return f"a stated level ({current_level}), with the courses recorded in the profile {header.profile}"
    assessed = f", assessed on {header.assessed_on.isoformat()}" if header.assessed_on else ""
    return f"the profile {header.profile}{assessed}"


def subject_text(header: ReportHeader, current_level: int, target_level: int) -> str:
    """Whose plan it is (``for Ana Silva``), or without a name which plan (``(level 2 → 3)``)."""
    return f"for {header.title}" if header.title else f"(level {current_level} → {target_level})"


def header_pairs(header: ReportHeader, levels: tuple[int, int] | None = None) -> list[tuple[str, str]]:
    """The header as (label, text) pairs: for whom, made from (a personal plan), issued, catalogue.

    Args:
        header: The report's header data.
        levels: A personal plan's current and target level; None for a team report.
    """
    pairs: list[tuple[str, str]] = []
    if header.title:
        pairs.append(("Prepared for" if levels is not None else "Team", header.title))
    if levels is not None:
        pairs.append(("Made from", made_from_text(header, levels[0])))
    pairs.append(("Issued", header.issued.isoformat()))
    pairs.append(("Catalogue", catalogue_text(header)))
    return pairs
