"""Reads of the follow-up pages, always through what the user may see: an organisation's members see
the learners of its own sessions (gen.admissions.selectors.sessions_selected_by), others get a 404."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from gen.admissions.selectors import sessions_selected_by
from gen.catalogue.models import Session
from gen.cohorts.models import Enrolment
from gen.outcomes.models import Milestone, Outcome, Survey, SurveyStatus
from gen.outcomes.schedule import milestones_of
from gen.outcomes.services.surveys import SEND_WINDOW

LEFT = [Enrolment.Status.COMPLETED, Enrolment.Status.DROPPED_OUT]


def enrolments_followed_by(user) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(session__in=sessions_selected_by(user))


def access_session(*, user, pk: int) -> Session:
    session = sessions_selected_by(user).select_related("course__organisation").filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def access_enrolment(*, user, pk: int) -> Enrolment:
    enrolment = (
        enrolments_followed_by(user)
        .select_related("candidate__user", "session__course__organisation")
        .filter(pk=pk)
        .first()
    )
    if enrolment is None:
        raise Http404
    return enrolment


def open_surveys(now: datetime.datetime, *, path: str = "") -> Q:
    """Surveys sent, unanswered, whose link still runs: left out of the response rate until they close
    (gen.outcomes.definitions). `path` leads from the rows queried to their surveys."""
    prefix = f"{path}__" if path else ""
    return Q(
        **{
            f"{prefix}sent_at__isnull": False,
            f"{prefix}answered_at__isnull": True,
            f"{prefix}expires_at__gt": now,
        }
    )


def response_percent(*, answered: int, sent: int, still_open: int) -> int | None:
    closed = sent - still_open
    return round(100 * answered / closed) if closed else None


def sessions_followed_by(user) -> QuerySet[Session]:
    """The user's sessions that have learners, latest first, with the learners who left and the surveys
    sent, answered, still open and closed (the response rate's denominator)."""
    return (
        sessions_selected_by(user)
        .filter(enrolments__isnull=False)
        .select_related("course")
        .annotate(
            learners=Count("enrolments", distinct=True),
            learners_left=Count("enrolments", filter=Q(enrolments__status__in=LEFT), distinct=True),
            surveys_sent=Count("enrolments__surveys", filter=Q(enrolments__surveys__sent_at__isnull=False)),
            surveys_answered=Count(
                "enrolments__surveys", filter=Q(enrolments__surveys__answered_at__isnull=False)
            ),
            surveys_open=Count(
                "enrolments__surveys", filter=open_surveys(timezone.now(), path="enrolments__surveys")
            ),
        )
        .annotate(surveys_closed=F("surveys_sent") - F("surveys_open"))
        .order_by("-end_date", "course__title", "name")
    )


def survey_status(survey: Survey | None, now: datetime.datetime) -> str | None:
    if survey is None:
        return None
    if survey.answered_at is not None:
        return SurveyStatus.ANSWERED
    if survey.sent_at is None:
        too_late = survey.due_on < timezone.localdate(now) - SEND_WINDOW
        return SurveyStatus.NOT_SENT if too_late else SurveyStatus.PLANNED
    if survey.expires_at <= now:
        return SurveyStatus.EXPIRED
    return SurveyStatus.REMINDED if survey.reminded_at else SurveyStatus.SENT


@dataclass(frozen=True)
class Cell:
    """One learner at one milestone: when it falls, their survey and the outcome that counts."""

    milestone: str
    due_on: datetime.date | None
    survey: Survey | None
    status: str | None
    outcome: Outcome | None


@dataclass(frozen=True)
class LearnerRow:
    enrolment: Enrolment
    cells: list[Cell]


def follow_up_of(session: Session, now: datetime.datetime | None = None) -> list[LearnerRow]:
    """Every learner of the session with each milestone (three queries, whatever the cohort's size)."""
    now = now or timezone.now()
    enrolments = (
        session.enrolments.select_related("candidate__user")
        .prefetch_related(
            "surveys",
            Prefetch("outcomes", queryset=Outcome.objects.filter(is_current=True), to_attr="current"),
        )
        .order_by("candidate__user__last_name", "candidate__user__first_name", "pk")
    )
    rows = []
    for enrolment in enrolments:
        due = dict(milestones_of(enrolment))
        surveys = {survey.milestone: survey for survey in enrolment.surveys.all()}
        outcomes = {outcome.milestone: outcome for outcome in enrolment.current}
        cells = [
            Cell(
                milestone=milestone,
                due_on=due.get(milestone),
                survey=surveys.get(milestone),
                status=survey_status(surveys.get(milestone), now),
                outcome=outcomes.get(milestone),
            )
            for milestone in Milestone.values
        ]
        rows.append(LearnerRow(enrolment=enrolment, cells=cells))
    return rows


@dataclass(frozen=True)
class MilestoneRate:
    """At one milestone: surveys sent, answered and still open (the response rate), and outcomes known
    whatever their source, among the learners whose milestone is reached."""

    milestone: str
    label: str
    sent: int
    answered: int
    still_open: int
    reached: int
    known: int

    @property
    def response_percent(self) -> int | None:
        return response_percent(answered=self.answered, sent=self.sent, still_open=self.still_open)


def milestone_rates(rows: list[LearnerRow], today: datetime.date | None = None) -> list[MilestoneRate]:
    today = today or timezone.localdate()
    rates = []
    for index, (milestone, label) in enumerate(Milestone.choices):
        cells = [row.cells[index] for row in rows]
        rates.append(
            MilestoneRate(
                milestone=milestone,
                label=label,
                sent=sum(cell.survey is not None and cell.survey.sent_at is not None for cell in cells),
                answered=sum(cell.status == SurveyStatus.ANSWERED for cell in cells),
                still_open=sum(cell.status in (SurveyStatus.SENT, SurveyStatus.REMINDED) for cell in cells),
                reached=sum(cell.due_on is not None and cell.due_on <= today for cell in cells),
                known=sum(cell.outcome is not None for cell in cells),
            )
        )
    return rates


def outcomes_of(enrolment: Enrolment) -> QuerySet[Outcome]:
    """Every outcome recorded for the learner, the one that counts first within each milestone."""
    return enrolment.outcomes.select_related("job", "recorded_by").order_by(
        "milestone", "-recorded_at", "-pk"
    )
