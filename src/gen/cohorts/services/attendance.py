"""Taking the roll of a half-day for a whole cohort at once."""

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from gen.catalogue.models import Session
from gen.cohorts.models import Attendance, AttendanceStatus, Half
from gen.cohorts.selectors import roll_of


def attendance_record_bulk(
    *, session: Session, day: datetime.date, half: int, marks: Mapping[int, int]
) -> int:
    """Record the status of each learner ({enrolment id: status}) for a half-day of the session, in one
    statement: marking the same half-day again updates the rows. Returns the number of rows written.

    The rows carry no author, to stay small (see models.attendance)."""
    if half not in Half.values:
        raise ValidationError({"half": _("Choose the morning or the afternoon.")})
    if day > timezone.localdate():
        raise ValidationError({"day": _("Attendance cannot be recorded for a day to come.")})
    if not session.start_date <= day <= session.end_date:
        raise ValidationError(
            {
                "day": _("Choose a day of the session, from %(start)s to %(end)s.")
                % {
                    "start": session.start_date.strftime("%d/%m/%Y"),
                    "end": session.end_date.strftime("%d/%m/%Y"),
                }
            }
        )
    if any(status not in AttendanceStatus.values for status in marks.values()):
        raise ValidationError(_("Choose a status among those offered for each learner."))
    strangers = set(marks) - set(roll_of(session, day).values_list("pk", flat=True))
    if strangers:
        raise ValidationError(_("Some of these learners are not in the cohort on that day: reload the page."))
    rows = [Attendance(enrolment_id=pk, day=day, half=half, status=status) for pk, status in marks.items()]
    Attendance.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["enrolment", "day", "half"], update_fields=["status"]
    )
    return len(rows)
