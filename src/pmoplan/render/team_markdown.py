"""A team report as GitHub-flavoured Markdown."""

from __future__ import annotations

from pmoplan.render.report_header import ReportHeader, header_pairs
from pmoplan.render.team_sections import footnotes, heading, listings
from pmoplan.team import TeamReport


def team_to_markdown(report: TeamReport, header: ReportHeader | None = None) -> str:
    """The report as GitHub-flavoured Markdown; ``header`` adds the team's name and the report's dates."""
    from pmoplan.render.markdown import escape_cell, listing_markdown

    parts = [f"# {escape_cell(heading(report))}\n"]
    if header is not None:
        parts.append("  \n".join(f"{label}: {escape_cell(text)}" for label, text in header_pairs(header)) + "\n")
    for listing in listings(report):
        if listing.rows:
            parts.append(listing_markdown(listing))
        else:
            parts.append(
                f"## {escape_cell(listing.title)}\n\n" + "".join(f"- {escape_cell(n)}\n" for n in listing.notes)
            )
    parts.append("\n".join(f"_{escape_cell(note)}_" for note in footnotes(report)) + "\n")
    return "\n".join(parts)
