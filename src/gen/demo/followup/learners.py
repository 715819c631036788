"""The demo's learners as the follow-up step walks them: the enrolments of every demo session that has
started, cohort by cohort, with what the step needs of the session, its course and its organisation.
What happens to them is recorded here first, and written afterwards (writer.py)."""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.utils import timezone

from gen.accounts.models import Membership, Role
from gen.catalogue.models import Course, JobTitle, Session
from gen.cohorts.models import Enrolment
from gen.cohorts.schedule import classroom_end
from gen.demo.context import DemoContext, demo_organisations

Status = Enrolment.Status


class Learner:
    """One enrolment: where the learner stands by the demo's now, and what became of them since."""

    __slots__ = (
        "pk",
        "cohort",
        "first_name",
        "last_name",
        "enrolled_on",
        "status",
        "left_on",
        "reason",
        "comment",
        "left_recorded_at",
        "actor",
        "certification",
        "absence",
        "internships",
    )

    def __init__(self, pk: int, cohort: "Cohort", first_name: str, last_name: str, enrolled_on):
        self.pk = pk
        self.cohort = cohort
        self.first_name = first_name
        self.last_name = last_name
        self.enrolled_on: datetime.date = enrolled_on
        self.status = Status.ENROLLED
        # The day the learner dropped out or completed the course, and when the organisation recorded it.
        self.left_on: datetime.date | None = None
        self.reason = self.comment = ""
        self.left_recorded_at: datetime.datetime | None = None
        self.actor: int | None = None
        self.certification: bool | None = None
        # Share of the days the learner misses (attendance.py).
        self.absence = 0.0
        self.internships: list = []

    @property
    def has_left(self) -> bool:
        return self.status != Status.ENROLLED

    @property
    def hired_by_host(self):
        """The host company that hired the learner after the internship, if one did."""
        return next((internship.company for internship in self.internships if internship.hired), None)


@dataclass(eq=False)
class Cohort:
    session: Session
    region_code: str
    # The organisation's members, who record what happens (its administrator first).
    actors: tuple[int, ...]
    # (title, ROME job id) of the course's métiers: what learners are trained for.
    job_titles: list[tuple[str, int]]
    learners: list[Learner] = field(default_factory=list)
    # When the organisation recorded the completion of the course (sessions that have ended).
    completion_recorded_at: datetime.datetime | None = None
    has_attendance: bool = False

    @property
    def start(self) -> datetime.date:
        return self.session.start_date

    @property
    def end(self) -> datetime.date:
        return self.session.end_date

    @cached_property
    def classroom_end(self) -> datetime.date:
        return classroom_end(self.session)

    @property
    def organisation_id(self) -> int:
        return self.session.course.organisation_id

    @property
    def includes_internship(self) -> bool:
        """Whether the course spends hours in a company (almost all do)."""
        return bool(self.session.course.hours_in_company)

    @property
    def leads_to_certification(self) -> bool:
        return bool(self.session.course.rncp_code)

    def is_running(self, today: datetime.date) -> bool:
        return self.start <= today <= self.end


def load_cohorts(ctx: DemoContext) -> list[Cohort]:
    """The cohorts of the demo sessions that have started, with their learners, in a stable order."""
    sessions = Session.objects.filter(
        course__organisation__in=demo_organisations(), start_date__lte=ctx.today
    ).filter(pk__in=Enrolment.objects.values("session"))
    cohorts = {
        session.pk: Cohort(
            session=session,
            region_code=session.course.commune.departement.region.code,
            actors=(),
            job_titles=[],
        )
        for session in sessions.select_related("course__commune__departement__region").order_by("pk")
    }
    actors = _members({cohort.organisation_id for cohort in cohorts.values()})
    titles = _job_titles({cohort.session.course_id for cohort in cohorts.values()})
    for cohort in cohorts.values():
        cohort.actors = actors.get(cohort.organisation_id, ())
        cohort.job_titles = titles.get(cohort.session.course_id, [])
    for pk, session_id, first_name, last_name, enrolled_at in (
        Enrolment.objects.filter(session__in=cohorts.keys())
        .order_by("session_id", "pk")
        .values_list(
            "pk", "session_id", "candidate__user__first_name", "candidate__user__last_name", "enrolled_at"
        )
    ):
        cohort = cohorts[session_id]
        cohort.learners.append(Learner(pk, cohort, first_name, last_name, timezone.localdate(enrolled_at)))
    return list(cohorts.values())


def _members(organisation_ids: set[int]) -> dict[int, tuple[int, ...]]:
    members: dict[int, list[int]] = {}
    for organisation_id, user_id in (
        Membership.objects.filter(organisation_id__in=organisation_ids, role=Role.ORGANISATION)
        .order_by("-is_admin", "user__email")
        .values_list("organisation_id", "user_id")
    ):
        members.setdefault(organisation_id, []).append(user_id)
    return {pk: tuple(users) for pk, users in members.items()}


def _job_titles(course_ids: set[int]) -> dict[int, list[tuple[str, int]]]:
    """The ROME job titles (appellations) of each course's métiers."""
    jobs: dict[int, list[int]] = {}
    for course_id, job_id in (
        Course.jobs.through.objects.filter(course_id__in=course_ids)
        .order_by("course_id", "job_id")
        .values_list("course_id", "job_id")
    ):
        jobs.setdefault(course_id, []).append(job_id)
    titles: dict[int, list[tuple[str, int]]] = {}
    for job_id, title in (
        JobTitle.objects.filter(job_id__in={pk for pks in jobs.values() for pk in pks})
        .order_by("job_id", "title")
        .values_list("job_id", "title")
    ):
        titles.setdefault(job_id, []).append((title, job_id))
    return {
        course_id: [title for pk in pks for title in titles.get(pk, [])] for course_id, pks in jobs.items()
    }
