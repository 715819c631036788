"""What a figure is about: a period, and a scope (region, métier, organisation, course).

The same filters apply to the session figures (the dashboards) and to the records themselves (the
definitions' rows, which the tests and the benchmark compare with the figures).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from gen.catalogue.models import Course
from gen.stats.indicators import Anchor, Population


@dataclass(frozen=True)
class Filters:
    # Both inclusive; None for an open end.
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    region_code: str = ""
    # A ROME code (M1805) or the start of one: a domain (M18) or a large domain (M).
    job_code: str = ""
    organisation_id: int | None = None
    course_id: int | None = None

    @property
    def has_period(self) -> bool:
        return self.period_start is not None or self.period_end is not None

    def period_q(self, date_field: str) -> Q | None:
        """The rows whose `date_field` falls in the period; None without a period."""
        if not self.has_period:
            return None
        q = Q()
        if self.period_start is not None:
            q &= Q(**{f"{date_field}__gte": self.period_start})
        if self.period_end is not None:
            q &= Q(**{f"{date_field}__lte": self.period_end})
        return q

    def figures_q(self) -> Q:
        """The session figures in scope (gen.stats.models.SessionFigures)."""
        q = Q()
        if self.region_code:
            q &= Q(region__code=self.region_code)
        if self.job_code:
            q &= Q(course_id__in=courses_of_job(self.job_code))
        if self.organisation_id is not None:
            q &= Q(organisation_id=self.organisation_id)
        if self.course_id is not None:
            q &= Q(course_id=self.course_id)
        return q

    def rows(self, rows: QuerySet, population: Population) -> QuerySet:
        """The records of `population` in the period and the scope (the direct reading of a definition)."""
        prefix = f"{population.session_path}__" if population.session_path else ""
        q = Q()
        if self.region_code:
            q &= Q(**{f"{prefix}course__commune__departement__region__code": self.region_code})
        if self.job_code:
            q &= Q(**{f"{prefix}course_id__in": courses_of_job(self.job_code)})
        if self.organisation_id is not None:
            q &= Q(**{f"{prefix}course__organisation_id": self.organisation_id})
        if self.course_id is not None:
            q &= Q(**{f"{prefix}course_id": self.course_id})
        date_field = "start_date" if population.anchor is Anchor.START else "end_date"
        period = self.period_q(f"{prefix}{date_field}")
        return rows.filter(q if period is None else q & period)


def courses_of_job(job_code: str) -> QuerySet:
    """The ids of the courses leading to a métier whose ROME code starts with `job_code` (a subquery, so
    that a course with two matching métiers counts once)."""
    return Course.jobs.through.objects.filter(job__code__startswith=job_code).values("course_id")
