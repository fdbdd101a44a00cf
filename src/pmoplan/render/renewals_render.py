"""Renewal status and the CPD log as text: the only place where renewal reason records become sentences."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmoplan.render.listing import Listing

if TYPE_CHECKING:
    from pmoplan.catalogue import Catalogue
    from pmoplan.plan_models import Credits
    from pmoplan.renewals import CertificateStatus, KeptStatus, Reason, RenewalReport, Route

COLUMNS = ["Certificate", "Status", "Renew by", "Days left", "Credits", "Next action", "Why"]
CSV_COLUMNS = [
    "course_id",
    "title",
    "scheme",
    "status",
    "renew_by",
    "days_left",
    "unit",
    "required",
    "logged",
    "planned",
    "remaining",
    "route",
    "next_action",
    "why",
]


def _number(value: object) -> str:
    if not isinstance(value, (int, float)):
        return "unknown"
    return f"{value:g}"


def _title(catalogue: Catalogue, course_id: object) -> str:
    text = str(course_id)
    return catalogue.course(text).title if catalogue.has_course(text) else text


def say(reason: Reason, catalogue: Catalogue) -> str:
    """One reason record as a sentence."""
    v = reason.values
    code = reason.code
    if code == "transition-rule":
        cutoff, renew_by = v["awarded_on_or_before"], v["renew_by"]
        return f"awarded on or before {cutoff}: the transition rule's renew-by date {renew_by} applies"
    if code == "suite-renewed":
        return f"renewed by the suite exam {v['by_course']} on {v['on']}"
    if code == "cpd-year-missed":
        return _missed_years([reason])
    if code == "window-closed":
        return f"too late: the deadline {v['deadline']} has passed"
    if code == "requirement-assumed":
        planned_for = _number(v["required"])
        return (
            f"this certificate's requirement is not confirmed: planned for {planned_for}; check with the awarding body"
        )
    if code == "requirement-unknown":
        return "the credits this certificate needs are not confirmed"
    if code == "cpd-credits":
        return (
            f"{_number(v['logged'])} logged + {_number(v['planned'])} from planned courses of "
            f"{_number(v['required'])} {v['unit']}s; {_number(v['remaining'])} still to find"
        )
    if code == "planned-before-renew-by":
        return f"{v['course_id']} on {v['on']} renews the whole suite at no extra cost"
    if code == "move-before-renew-by":
        return f"move {v['course_id']} from {v['from']} to before {v['to']}: it renews the whole suite at no extra cost"
    if code == "suspended":
        return f"PMI suspension: PDUs can still be earned and the credential renewed until {v['until']}"
    if code == "reapply":
        return "expired after the suspension year: apply and sit the exam again"
    if code == "no-feasible-route":
        return "no feasible route"
    return code


def next_action(status: CertificateStatus, catalogue: Catalogue) -> str:
    """What to do next for this certificate, from its chosen route."""
    route = next((r for r in status.routes if r.kind == status.route and r.feasible), None)
    if route is None:
        return "none found"
    return _route_action(route, status, catalogue)


def _route_action(route: Route, status: CertificateStatus, catalogue: Catalogue) -> str:
    if route.kind == "suite-exam":
        return f"sit {route.course_id} by {status.renew_by.isoformat()} (renews the suite)"
    if route.kind == "cpd":
        credits = status.credits
        deadline = (status.suspended_until or status.renew_by).isoformat()
        unit = f"{credits.unit}s" if credits else "credits"
        remaining = _number(credits.remaining) if credits else "the"
        if credits and credits.periods:
            each = _number(credits.periods[0].required)
            return f"log CPD: {remaining} more {unit} by {deadline}, at least {each} in each year"
        return f"earn {remaining} more {unit} by {deadline}, then pay the renewal fee"
    if route.kind == "re-exam":
        return f"re-sit the {status.course_id} exam (or sit another suite exam) before {status.renew_by.isoformat()}"
    return f"re-sit the {status.course_id} exam to restore it, if you still need it"


def why(status: CertificateStatus, catalogue: Catalogue) -> str:
    """Why this route: the certificate's reasons, the chosen route's, and why cheaper ones were refused."""
    parts = [say(r, catalogue) for r in status.reasons]
    for route in status.routes:
        if route.kind == status.route or not route.feasible:
            missed = [r for r in route.reasons if r.code == "cpd-year-missed"]
            parts.extend(say(r, catalogue) for r in route.reasons if r.code != "cpd-year-missed")
            if missed:
                parts.append(_missed_years(missed))
    if status.route == "cpd" and status.credits is not None:
        short = [f"{c.name} {_number(c.remaining)}" for c in status.credits.categories if c.remaining > 0]
        if short:
            parts.append("still needed by category: " + ", ".join(short))
    return "; ".join(parts)


def _missed_years(missed: list[Reason]) -> str:
    years = ", ".join(
        f"{_number(r.values['logged'])} of {_number(r.values['required'])} in the year to {r.values['end']}"
        for r in missed
    )
    return f"CPD not possible: {years} (every year before the renew-by date needs its points)"


def credits_text(credits: Credits | None) -> str:
    """``logged + planned / required unit``, or a dash when the scheme counts no credits."""
    if credits is None:
        return "-"
    return f"{_number(credits.logged)}+{_number(credits.planned)}/{_number(credits.required)} {credits.unit}s"


def renewals_listing(report: RenewalReport, catalogue: Catalogue) -> Listing:
    """The renewal status as a listing (table view); urgent first, as the report is ordered."""
    rows = [
        [
            s.course_id,
            s.status,
            s.renew_by.isoformat(),
            str(s.days_left),
            credits_text(s.credits),
            next_action(s, catalogue),
            why(s, catalogue),
        ]
        for s in report.certificates
    ]
    notes = [f"As of {report.as_of.isoformat()}. Credits: logged+planned/required in the current cycle."]
    for course_id in report.undated:
        notes.append(f"{course_id} has no completion date, so it is not tracked: 'pmoplan done {course_id} --date D'.")
    notes.extend(kept_text(kept) for kept in report.kept)
    if not rows and not report.undated and not report.kept:
        notes.append("No certificate with a renewal rule is recorded; add one with 'pmoplan done ID --date D'.")
    return Listing("Renewals", COLUMNS, rows, notes, no_wrap=("Certificate", "Renew by"), optional=("Why",))


def kept_text(kept: KeptStatus) -> str:
    """How a certificate with no renew-by date is kept, and what was logged in the last 12 months."""
    per_year = f"at least {_number(kept.per_year)} {kept.unit}s" if kept.per_year is not None else "CPD"
    fee = f" and pay the yearly fee ({kept.fee_currency} {_number(kept.fee)})" if kept.fee is not None else ""
    return (
        f"{kept.course_id} has no renew-by date: keep it with {per_year} of CPD every year ({kept.scheme}){fee}; "
        f"{_number(kept.logged)} {kept.unit}s logged in the last 12 months."
    )


def renewals_csv_rows(report: RenewalReport, catalogue: Catalogue) -> list[list[str]]:
    """One CSV row per certificate, with the credit numbers in their own columns."""
    rows = []
    for s in report.certificates:
        c = s.credits
        rows.append(
            [
                s.course_id,
                s.title,
                s.scheme,
                s.status,
                s.renew_by.isoformat(),
                str(s.days_left),
                c.unit if c else "",
                _number(c.required) if c else "",
                _number(c.logged) if c else "",
                _number(c.planned) if c else "",
                _number(c.remaining) if c else "",
                s.route or "",
                next_action(s, catalogue),
                why(s, catalogue),
            ]
        )
    return rows
