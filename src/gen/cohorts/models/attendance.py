"""Attendance by half-day: one small row per learner and half-day whose roll was taken.

Every marked half-day is stored, "present" included: a half-day without a row was not marked yet, which
is not the same as present; the attendance rate is then a plain ratio of rows, and taking the roll is
one INSERT … ON CONFLICT UPDATE. To keep a million learners × 160 half-days affordable, the row has no
surrogate id (its primary key is the enrolment, the day and the half, which is also the uniqueness
rule, and its index serves the foreign key) and small integers for the half and the status: 44 bytes
of table and 32 of index a row on PostgreSQL (measured), some 12 GB for 160 million rows.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Half(models.IntegerChoices):
    MORNING = 1, _("Morning")
    AFTERNOON = 2, _("Afternoon")


class AttendanceStatus(models.IntegerChoices):
    PRESENT = 1, pgettext_lazy("attendance", "Present")
    LATE = 2, pgettext_lazy("attendance", "Late")
    EXCUSED = 3, pgettext_lazy("attendance", "Absent, excused")
    UNEXCUSED = 4, pgettext_lazy("attendance", "Absent, unexcused")


# Statuses that count as attending in the attendance rate (late learners were there).
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class Attendance(models.Model):
    pk = models.CompositePrimaryKey("enrolment", "day", "half")
    # No index of its own: the primary key's index starts with it.
    enrolment = models.ForeignKey(
        "cohorts.Enrolment", on_delete=models.CASCADE, related_name="attendances", db_index=False
    )
    day = models.DateField(_("day"))
    half = models.SmallIntegerField(_("half-day"), choices=Half.choices)
    status = models.SmallIntegerField(_("attendance"), choices=AttendanceStatus.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.CheckConstraint(condition=Q(half__in=Half.values), name="attendance_half_known"),
            models.CheckConstraint(
                condition=Q(status__in=AttendanceStatus.values), name="attendance_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.day} {self.get_half_display()}: {self.get_status_display()}"
