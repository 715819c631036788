"""Reading cohorts, always through what the user may see: an organisation's members see the learners of
their own sessions (`sessions_selected_by`), and get a 404 for anyone else's."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, FloatField, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Cast, NullIf
from django.http import Http404

from gen.admissions.selectors import sessions_selected_by
from gen.catalogue.models import Session
from gen.cohorts.models import ATTENDED, AgreementStatus, Attendance, AttendanceStatus, Enrolment, Internship
from gen.cohorts.schedule import classroom_end

Status = Enrolment.Status
BY_NAME = ("candidate__user__last_name", "candidate__user__first_name", "pk")


def access_cohort(*, user, pk: int) -> Session:
    session = sessions_selected_by(user).select_related("course__organisation").filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def access_enrolment(*, user, pk: int) -> Enrolment:
    enrolment = (
        Enrolment.objects.filter(session__in=sessions_selected_by(user), pk=pk)
        .select_related("session__course__organisation", "candidate__user")
        .first()
    )
    if enrolment is None:
        raise Http404
    return enrolment


def attendance_annotations(path: str = "attendances__") -> dict:
    """Half-days marked, attended (present or late), late, absent excused and unexcused, and the
    attendance rate in percent (attended / marked; None before any half-day is marked), in SQL.
    `path` leads from the annotated model to its Attendance rows."""
    status = f"{path}status"

    def counting(*statuses) -> Count:
        return Count(status, filter=Q(**{f"{status}__in": statuses}))

    return {
        "half_days_marked": Count(status),
        "half_days_attended": counting(*ATTENDED),
        "half_days_late": counting(AttendanceStatus.LATE),
        "half_days_excused": counting(AttendanceStatus.EXCUSED),
        "half_days_unexcused": counting(AttendanceStatus.UNEXCUSED),
        "attendance_rate": Cast(counting(*ATTENDED), FloatField()) * 100 / NullIf(Count(status), 0),
    }


def roll_of(session: Session, day: datetime.date) -> QuerySet[Enrolment]:
    """The learners of the session on `day`: those still enrolled, and those who left or completed
    the course on that day or later."""
    return session.enrolments.filter(
        Q(status=Status.ENROLLED)
        | Q(status=Status.DROPPED_OUT, dropped_out_on__gte=day)
        | Q(status=Status.COMPLETED, completed_on__gte=day)
    )


def attendance_sheet(session: Session, day: datetime.date, half: int) -> tuple[list[Enrolment], dict]:
    """The roll of a half-day, by name, and the statuses already recorded ({enrolment id: status})."""
    learners = list(roll_of(session, day).select_related("candidate__user").order_by(*BY_NAME))
    marks = dict(
        Attendance.objects.filter(enrolment__session=session, day=day, half=half).values_list(
            "enrolment_id", "status"
        )
    )
    return learners, marks


# Internships ---------------------------------------------------------------------------------------


def internship_alert_starts(session: Session) -> datetime.date | None:
    """From when learners without a signed internship are pointed out: COHORTS_INTERNSHIP_ALERT_WEEKS
    before the classroom part ends. None for a course without internship."""
    if not session.course.hours_in_company:
        return None
    return classroom_end(session) - datetime.timedelta(weeks=settings.COHORTS_INTERNSHIP_ALERT_WEEKS)


def internship_alert_is_on(session: Session, today: datetime.date) -> bool:
    starts = internship_alert_starts(session)
    return starts is not None and starts <= today <= session.end_date


def _signed_internship() -> Exists:
    return Exists(
        Internship.objects.filter(enrolment=OuterRef("pk"), agreement_status=AgreementStatus.SIGNED)
    )


def learners_without_internship(session: Session, today: datetime.date) -> QuerySet[Enrolment]:
    """Learners still in the course with no signed internship, once the alert is on (else none)."""
    if not internship_alert_is_on(session, today):
        return Enrolment.objects.none()
    return session.enrolments.filter(status=Status.ENROLLED).exclude(_signed_internship())


def current_internship(enrolment: Enrolment) -> Internship | None:
    """The internship that is not cancelled (the database allows one), if any."""
    return enrolment.internships.exclude(agreement_status=AgreementStatus.CANCELLED).first()


# Pages ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CohortLine:
    session: Session
    enrolled: int
    dropped_out: int
    completed: int
    attendance_rate: float | None
    without_internship: int | None  # None: no alert for this session today


@dataclass(frozen=True)
class Board:
    running: list[CohortLine]
    upcoming: list[CohortLine]
    finished: list[CohortLine]


def cohorts_board(user, today: datetime.date) -> Board:
    """The user's sessions that have learners, running, upcoming and finished, in three queries."""
    sessions = list(
        sessions_selected_by(user)
        .filter(enrolments__isnull=False)
        .select_related("course")
        .annotate(
            enrolled=Count("enrolments", filter=Q(enrolments__status=Status.ENROLLED)),
            dropped_out=Count("enrolments", filter=Q(enrolments__status=Status.DROPPED_OUT)),
            completed=Count("enrolments", filter=Q(enrolments__status=Status.COMPLETED)),
        )
        .order_by("start_date", "pk")
    )
    rates = dict(
        Attendance.objects.filter(enrolment__session__in=sessions)
        .values("enrolment__session")
        .annotate(rate=attendance_annotations("")["attendance_rate"])
        .values_list("enrolment__session", "rate")
    )
    alerted = [session for session in sessions if internship_alert_is_on(session, today)]
    missing = dict(
        Enrolment.objects.filter(session__in=alerted, status=Status.ENROLLED)
        .exclude(_signed_internship())
        .values("session")
        .annotate(count=Count("pk"))
        .values_list("session", "count")
    )
    board = Board(running=[], upcoming=[], finished=[])
    for session in sessions:
        line = CohortLine(
            session=session,
            enrolled=session.enrolled,
            dropped_out=session.dropped_out,
            completed=session.completed,
            attendance_rate=rates.get(session.pk),
            without_internship=missing.get(session.pk, 0) if session in alerted else None,
        )
        if session.end_date < today:
            board.finished.insert(0, line)  # the latest first
        elif session.start_date > today:
            board.upcoming.append(line)
        else:
            board.running.append(line)
    return board


def cohort_learners(session: Session) -> list[Enrolment]:
    """The learners of a session by name, with their attendance counts and rate and their current
    internship (`current_internships`, a list of at most one), in two queries."""
    return list(
        session.enrolments.select_related("candidate__user")
        .annotate(**attendance_annotations())
        .prefetch_related(
            Prefetch(
                "internships",
                queryset=Internship.objects.exclude(agreement_status=AgreementStatus.CANCELLED),
                to_attr="current_internships",
            )
        )
        .order_by(*BY_NAME)
    )
