"""A session ("promotion"): one cohort of a course, with its dates, place and capacity."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

DEFAULT_CAPACITY = 24


class Session(models.Model):
    course = models.ForeignKey("catalogue.Course", on_delete=models.CASCADE, related_name="sessions")
    name = models.CharField(_("name"), max_length=120)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    capacity = models.PositiveSmallIntegerField(_("places"), default=DEFAULT_CAPACITY)
    # Places already given; admissions raise it under a row lock, the database caps it.
    places_taken = models.PositiveSmallIntegerField(_("places taken"), default=0)
    application_opens_on = models.DateField(_("applications open on"))
    application_closes_on = models.DateField(_("applications close on"))

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["course", "start_date"], name="session_course_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(application_closes_on__gte=F("application_opens_on")),
                name="session_application_window_ordered",
            ),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="session_capacity_positive"),
            models.CheckConstraint(
                condition=Q(places_taken__lte=F("capacity")), name="session_places_taken_within_capacity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} – {self.name}"

    @property
    def places_left(self) -> int:
        return self.capacity - self.places_taken

    def is_open_for_applications(self, on_date) -> bool:
        return self.application_opens_on <= on_date <= self.application_closes_on
