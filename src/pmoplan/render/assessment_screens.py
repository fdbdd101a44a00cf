"""Terminal screens of the assessment and the profile: placement, gap chart, profile, history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmoplan.render.table import bullets

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from rich.console import RenderableType

    from pmoplan.assessment import AssessmentResult, Question
    from pmoplan.catalogue import Catalogue
    from pmoplan.models import Experience
    from pmoplan.profile import HistoryStep, Profile
    from pmoplan.team_opinions import RatingPair

MAX_COURSES_SHOWN = 3
HISTORY_COLUMNS = 6  # snapshots shown side by side in 'profile history'
NO_COURSE = "no specialist course at your level for this skill"
UNCONFIRMED = "Not saved yet: confirm or pick your level with --level N (1-4)."


def confirmation_text(result: AssessmentResult, cat: Catalogue) -> str:
    """What the interactive run shows before asking the person to confirm or pick a level."""
    lines = [
        "",
        f"Your answers suggest level {result.suggested_level}, {cat.level(result.suggested_level).name}, "
        f"but with {result.confidence} confidence:",
        *(f"  - {warning}" for warning in result.warnings),
        "Which level best describes the work you do today?",
    ]
    for level in cat.levels:
        titles = ", ".join(sorted(level.job_titles, key=len)[:3])  # the shortest read best in a list
        lines.append(f"  {level.number}  {level.name} (for example {titles})")
    return "\n".join(lines) + "\n"


def result_screen(result: AssessmentResult, *, plain: bool) -> list[RenderableType]:
    """The placement, the reasons, the deciding statements and the gap chart."""
    from rich.text import Text

    parts: list[RenderableType] = [
        Text(f"Placement: level {result.level}, {result.level_name} (confidence: {result.confidence})"),
    ]
    if result.needs_confirmation and not result.confirmed:
        parts.append(Text(UNCONFIRMED))
    parts += [Text(""), Text("Why"), bullets([("  -", reason) for reason in result.reasons])]
    if result.deciding:
        boundary = result.deciding[0].level
        parts += [Text(""), Text(f"Level {boundary} statements, which decided the placement ([x] = you agreed)")]
        parts.append(bullets([("  [x]" if s.agreed else "  [ ]", s.text) for s in result.deciding]))
    if result.experience is not None:
        parts += [Text(""), Text(_experience_line(result.experience))]
    parts += [Text(""), *_gap_chart(result, plain=plain)]
    return parts


def _experience_line(given: Experience) -> str:
    return (
        f"Experience: {_years(given.project_months)} in project-related roles, of which "
        f"{_years(given.programme_months)} in programme and {_years(given.portfolio_months)} in portfolio roles."
    )


def _years(months: int) -> str:
    years = months / 12
    shown = f"{years:.1f}".removesuffix(".0")
    return f"{shown} year" + ("" if shown == "1" else "s")


def _gap_chart(result: AssessmentResult, *, plain: bool) -> list[RenderableType]:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    level, following = result.level, result.next_level
    against = f"level {level}" + (f" and level {following}" if following else "")
    if not result.gaps:
        return [Text(f"No skill gaps against {against}.")]
    full, extra = ("#", "-") if plain else ("█", "░")
    legend = f"{full}{full} = 1 point short of level {level}"
    if following:
        legend += f"; {extra}{extra} = 1 more point short of level {following}"
    table = Table(
        title=Text(f"Skill gaps against {against}, largest first"),
        box=box.ASCII if plain else box.ROUNDED,
        title_justify="left",
    )
    table.add_column(Text("Skill"), overflow="fold", ratio=3)
    table.add_column(Text("You"), justify="right")
    table.add_column(Text(f"L{level}"), justify="right")
    if following:
        table.add_column(Text(f"L{following}"), justify="right")
    table.add_column(Text("Gap"), no_wrap=True, min_width=10)
    table.add_column(Text("Specialist courses"), overflow="fold", ratio=4)
    for gap in result.gaps:
        further = max(0, (gap.next_gap or 0) - gap.gap)
        bar = Text(full * 2 * gap.gap, style="red")
        bar.append(extra * 2 * further, style="yellow")
        cells = [Text(gap.name), Text(str(gap.rating)), Text(str(gap.expected))]
        if following:
            cells.append(Text(str(gap.next_expected)))
        shown = gap.courses[:MAX_COURSES_SHOWN]
        more = f" (+{len(gap.courses) - len(shown)} more)" if len(gap.courses) > len(shown) else ""
        cells += [bar, Text("\n".join(shown) + more if shown else NO_COURSE)]
        table.add_row(*cells)
    return [table, Text(legend)]


def profile_screen(found: Profile, cat: Catalogue, path: Path, *, plain: bool) -> list[RenderableType]:
    """The latest assessment, its gaps and the completed courses."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from pmoplan.profile import latest_snapshot

    latest = latest_snapshot(found)
    parts: list[RenderableType] = [Text(f"Profile: {path}")]
    if latest is None:
        parts.append(Text("No assessment yet; run 'pmoplan assess'."))
    else:
        name = cat.level(latest.level).name
        parts.append(
            Text(
                f"Latest assessment: {latest.taken_on.isoformat()}, level {latest.level}, {name} "
                f"(confidence: {latest.confidence}); {len(found.snapshots)} snapshot(s) in all"
            )
        )
        if latest.confirmed:
            suggested = latest.suggested_level
            picked = (
                "confirmed" if suggested in (None, latest.level) else f"chosen (the statements suggested {suggested})"
            )
            parts.append(Text(f"Level {latest.level} was {picked} by you."))
        if latest.experience is not None:
            parts.append(Text(_experience_line(latest.experience)))
        names = {s.id: f"{s.name} ({s.id})" for s in cat.skills}  # the id too: commands take it
        gaps = sorted(latest.gaps.items(), key=lambda item: -item[1])
        table = Table(title=Text("Skill gaps"), box=box.ASCII if plain else box.ROUNDED, title_justify="left")
        table.add_column(Text("Skill"), overflow="fold")
        table.add_column(Text("Rating"), justify="right")
        table.add_column(Text("Gap"), justify="right")
        for skill, points in gaps:
            table.add_row(Text(names.get(skill, skill)), Text(str(latest.ratings.get(skill, ""))), Text(str(points)))
        parts += [Text(""), table if gaps else Text("No skill gaps.")]
        parts += _manager_view(found, latest.ratings, cat, plain=plain)
    if found.completed:
        done_table = Table(
            title=Text("Completed courses"), box=box.ASCII if plain else box.ROUNDED, title_justify="left"
        )
        done_table.add_column(Text("Course"), overflow="fold")
        done_table.add_column(Text("Completed"))
        for record in found.completed:
            when = record.completed_on.isoformat() if record.completed_on else "date unknown"
            done_table.add_row(Text(record.course_id), Text(when))
        parts += [Text(""), done_table]
    else:
        parts += [Text(""), Text("No completed courses recorded; use 'pmoplan done ID'.")]
    return parts


def no_snapshots() -> RenderableType:
    """What to show for a profile with no assessment yet."""
    from rich.text import Text

    return Text("No assessment yet; run 'pmoplan assess'.")


def history_screen(steps: list[HistoryStep], cat: Catalogue, *, plain: bool) -> list[RenderableType]:
    """Placement and gaps across snapshots, with the change since the first one shown."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    style = box.ASCII if plain else box.ROUNDED
    placements = Table(title=Text("Placement by assessment"), box=style, title_justify="left")
    for column in ("Date", "Level", "Change", "Confidence"):
        placements.add_column(Text(column))
    for step in steps:
        change = "first" if step.level_change is None else _signed(step.level_change)
        placements.add_row(Text(step.taken_on.isoformat()), Text(str(step.level)), Text(change), Text(step.confidence))
    shown = steps[-HISTORY_COLUMNS:]
    title = "Skill gaps (points) by assessment"
    if len(shown) < len(steps):
        title += f", last {len(shown)} of {len(steps)}"
    gaps = Table(title=Text(title), box=style, title_justify="left")
    gaps.add_column(Text("Skill"), overflow="fold")
    for step in shown:
        gaps.add_column(Text(step.taken_on.isoformat()), justify="right")
    gaps.add_column(Text("Change"), justify="right")
    skills = [s for s in cat.skills if any(s.id in step.gaps for step in shown)]
    for skill in skills:
        values = [step.gaps.get(skill.id, 0) for step in shown]
        change = _signed(values[-1] - values[0]) if len(values) > 1 else ""
        gaps.add_row(Text(skill.name), *(Text(str(v)) for v in values), Text(change))
    return [placements, Text(""), gaps if skills else Text("No skill gaps in any assessment.")]


def _signed(number: int) -> str:
    return f"+{number}" if number > 0 else str(number)


# --- a manager's ratings -------------------------------------------------------------------


def manager_intro(person: str, ratings: int) -> str:
    """What a manager sees before rating ``person``."""
    return (
        f"Your ratings of {person}: {ratings} skills, each 0 to 5. They are kept in {person}'s profile beside "
        f"{person}'s own assessment; plans use yours where both exist.\n"
        f"Each scale is written as {person} would describe their own work: pick the line that fits the work you "
        "see today.\nType b to go back one question; Ctrl-C stops without changing the profile.\n"
    )


def manager_question(question: Question, person: str) -> Question:
    """``question`` worded for a manager rating ``person`` ("your planning" becomes "Alex's planning")."""
    from dataclasses import replace

    text = question.text.replace(" your ", f" {person}'s ", 1)
    return replace(question, text=text)


def manager_prompt(person: str) -> Callable[[Question], str]:
    """The prompt for each of a manager's ratings."""
    return lambda _question: f"Your rating of {person} [0-5, b = back] "


def comparison_table(
    pairs: list[RatingPair], cat: Catalogue, *, plain: bool, title: str = "Own and manager's ratings"
) -> RenderableType:
    """Both views of each skill side by side; differences of 2 or more points are marked."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    names = {s.id: s.name for s in cat.skills}
    table = Table(title=Text(title), box=box.ASCII if plain else box.ROUNDED, title_justify="left")
    table.add_column(Text("Skill"), overflow="fold")
    for column in ("Own", "Manager", "Difference"):
        table.add_column(Text(column), justify="right")
    table.add_column(Text("2+ apart"))
    for pair in pairs:
        difference = pair.difference
        table.add_row(
            Text(names.get(pair.skill, pair.skill)),
            Text("-" if pair.self_rating is None else str(pair.self_rating)),
            Text("-" if pair.manager_rating is None else str(pair.manager_rating)),
            Text("" if difference is None else f"{difference:+d}" if difference else "0"),
            Text("yes: talk it over", style="bold") if pair.marked else Text(""),
        )
    return table


def _manager_view(found: Profile, own: dict[str, int], cat: Catalogue, *, plain: bool) -> list[RenderableType]:
    """The profile's own ratings beside the manager's latest, with what plans use; [] when unreviewed."""
    from rich.text import Text

    from pmoplan.profile import latest_manager_review, latest_snapshot
    from pmoplan.team_opinions import compare_ratings, review_is_stale

    review = latest_manager_review(found)
    if review is None:
        return []
    pairs = compare_ratings(cat, own, review.ratings)
    marked = sum(1 for pair in pairs if pair.marked)
    latest = latest_snapshot(found)
    older = (
        f" That is before your latest self-assessment ({latest.taken_on.isoformat()}): ask your manager for a "
        "fresh review."
        if latest is not None and review_is_stale(review.taken_on, latest.taken_on)
        else ""
    )
    lines = [
        f"Your manager rated your skills on {review.taken_on.isoformat()}.{older} 'pmoplan plan --profile' plans "
        "from the manager's view; add --view self to plan from your own.",
        f"{marked} skill(s) 2 or more points apart: worth a conversation before any course is booked."
        if marked
        else "Your own and your manager's ratings agree within 1 point on every skill.",
    ]
    return [Text(""), comparison_table(pairs, cat, plain=plain), *(Text(line) for line in lines)]


def manager_result_screen(
    person: str, level: int, pairs: list[RatingPair], gaps: dict[str, int], cat: Catalogue, *, plain: bool
) -> list[RenderableType]:
    """What a manager sees after rating ``person``: both views and the gaps a plan will use."""
    from rich.text import Text

    marked = sum(1 for pair in pairs if pair.marked)
    names = {s.id: s.name for s in cat.skills}
    short = sorted(((skill, points) for skill, points in gaps.items() if points > 0), key=lambda item: -item[1])
    towards = min(level + 1, 4)
    parts: list[RenderableType] = [
        Text(f"{person}: level {level}, {cat.level(level).name} (their own placement)"),
        Text(""),
        comparison_table(pairs, cat, plain=plain, title=f"{person}'s own ratings and yours"),
    ]
    if marked:
        parts.append(Text(f"{marked} skill(s) 2 or more points apart: talk them over before booking courses."))
    gap_text = ", ".join(f"{names.get(skill, skill)} {points}" for skill, points in short) or "none"
    parts.append(Text(f"Gaps from your ratings against level {towards} (what plans use): {gap_text}."))
    return parts
