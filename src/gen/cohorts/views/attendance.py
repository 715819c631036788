"""Taking the roll: a half-day of a cohort, one row per learner, everyone present unless marked
otherwise, saved in one POST."""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from gen.accounts.models import Role
from gen.accounts.permissions import role_required
from gen.catalogue.models import Session
from gen.cohorts.forms.attendance import AttendanceGridForm, HalfDayForm
from gen.cohorts.models import AttendanceStatus, Half
from gen.cohorts.selectors import access_cohort, attendance_sheet
from gen.cohorts.services.attendance import attendance_record_bulk
from gen.cohorts.views.common import cohort_links
from gen.core.forms import add_service_errors

SATURDAY = 5


def weekday_after(day: datetime.date, step: int) -> datetime.date:
    """The next (step 1) or previous (step -1) day from Monday to Friday."""
    day += datetime.timedelta(days=step)
    while day.weekday() >= SATURDAY:
        day += datetime.timedelta(days=step)
    return day


def half_day_url(session: Session, day: datetime.date, half: int) -> str:
    query = urlencode({"jour": day.isoformat(), "demi": half})
    return f"{reverse('cohorts:attendance', kwargs={'pk': session.pk})}?{query}"


def nearby_days(session: Session, day: datetime.date) -> dict:
    """Links to the previous and next weekdays of the session that can be marked (not to come)."""
    before, after = weekday_after(day, -1), weekday_after(day, 1)
    last = min(session.end_date, timezone.localdate())
    return {
        "previous_day": before if before >= session.start_date else None,
        "next_day": after if after <= last else None,
    }


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ORGANISATION)
def attendance(request, pk: int):
    session = access_cohort(user=request.user, pk=pk)
    if request.method == "POST":
        half_day = HalfDayForm(request.POST, session=session)
    else:
        half_day = HalfDayForm.now_for(session, request.GET or None)
    context = {"session": session, "half_day": half_day, "breadcrumb_links": cohort_links(session)}
    if not half_day.is_valid():
        if request.method == "POST":
            messages.error(
                request, " ".join(error for errors in half_day.errors.values() for error in errors)
            )
            return redirect("cohorts:attendance", pk=session.pk)
        return render(request, "cohorts/attendance.html", context)
    day, half = half_day.cleaned_data["jour"], half_day.cleaned_data["demi"]
    learners, marks = attendance_sheet(session, day, half)
    grid = AttendanceGridForm(
        request.POST if request.method == "POST" else None, learners=learners, marks=marks
    )
    if request.method == "POST" and grid.is_valid():
        try:
            saved = attendance_record_bulk(session=session, day=day, half=half, marks=grid.marks())
        except ValidationError as error:
            add_service_errors(grid, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Attendance saved for %(count)d learner.",
                    "Attendance saved for %(count)d learners.",
                    saved,
                )
                % {"count": saved},
            )
            return redirect(half_day_url(session, day, half))
    context |= {
        "day": day,
        "half": Half(half),
        "grid": grid,
        "statuses": AttendanceStatus.choices,
        "already_marked": bool(marks),
        "other_half_url": half_day_url(
            session, day, Half.AFTERNOON if half == Half.MORNING else Half.MORNING
        ),
        **{
            f"{name}_url": half_day_url(session, value, half) if value else None
            for name, value in nearby_days(session, day).items()
        },
    }
    return render(request, "cohorts/attendance.html", context)
