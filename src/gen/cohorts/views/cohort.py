"""One cohort: its learners with their status, attendance and internship, and the attendance as CSV."""

import csv
import io

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gen.accounts.models import Role
from gen.accounts.permissions import role_required
from gen.admissions.selection_exports import safe_text
from gen.cohorts.models import Attendance, Enrolment
from gen.cohorts.schedule import classroom_end
from gen.cohorts.selectors import (
    BY_NAME,
    access_cohort,
    cohort_learners,
    internship_alert_is_on,
    internship_alert_starts,
    learners_without_internship,
)
from gen.cohorts.views.common import board_links

Status = Enrolment.Status


def rate(attended: int, marked: int) -> float | None:
    return attended * 100 / marked if marked else None


@require_safe
@role_required(Role.ORGANISATION)
def cohort(request, pk: int):
    session = access_cohort(user=request.user, pk=pk)
    today = timezone.localdate()
    learners = cohort_learners(session)
    missing = set(learners_without_internship(session, today).values_list("pk", flat=True))
    rows = [
        (learner, next(iter(learner.current_internships), None), learner.pk in missing)
        for learner in learners
    ]
    return render(
        request,
        "cohorts/cohort.html",
        {
            "session": session,
            "rows": rows,
            "counts": {
                status: sum(learner.status == status for learner in learners) for status in Status.values
            },
            "attendance_rate": rate(
                sum(learner.half_days_attended for learner in learners),
                sum(learner.half_days_marked for learner in learners),
            ),
            "classroom_end": classroom_end(session),
            "alert_on": internship_alert_is_on(session, today),
            "alert_starts": internship_alert_starts(session),
            "alert_weeks": settings.COHORTS_INTERNSHIP_ALERT_WEEKS,
            "missing": len(missing),
            "breadcrumb_links": board_links(),
        },
    )


@require_safe
@role_required(Role.ORGANISATION)
def attendance_csv(request, pk: int):
    """Every half-day marked, one line each, as French spreadsheets open it (BOM, ';')."""
    session = access_cohort(user=request.user, pk=pk)
    marks = (
        Attendance.objects.filter(enrolment__session=session)
        .select_related("enrolment__candidate__user")
        .order_by(*(f"enrolment__{field}" for field in BY_NAME), "day", "half")
    )
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([_("Last name"), _("First name"), _("E-mail"), _("Day"), _("Half-day"), _("Attendance")])
    for mark in marks:
        user = mark.enrolment.candidate.user
        writer.writerow(
            [
                safe_text(user.last_name),
                safe_text(user.first_name),
                safe_text(user.email),
                mark.day.strftime("%d/%m/%Y"),
                mark.get_half_display(),
                mark.get_status_display(),
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"presences-{slugify(session.course.title)}-{slugify(session.name)}"
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
