"""The follow-up surveys: scheduled when a learner leaves the course, e-mailed when due, reminded once,
answered once through the link (gen.outcomes.links). Run daily by `gen send-surveys`."""

import datetime
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone

from gen.cohorts.models import Enrolment, EnrolmentTransition
from gen.cohorts.services.enrolments import UNDO_DAYS
from gen.notifications.services import email_enqueue
from gen.outcomes.links import link_new, survey_of_link
from gen.outcomes.models import Milestone, Outcome, OutcomeSource, Survey
from gen.outcomes.schedule import milestones_of
from gen.outcomes.services.outcomes import outcome_record

LINK_VALIDITY = datetime.timedelta(days=30)
REMINDER_AFTER = datetime.timedelta(days=7)
# A survey the daily run could not send within this time after its due date is no longer sent: asking
# in June about "the end of your course" in January would give answers about another moment.
SEND_WINDOW = datetime.timedelta(days=30)
BATCH_SIZE = 1000
Progress = Callable[[list[int]], Iterable[int]]
# Longer than gen.cohorts' time to undo a drop-out or a completion.
RECENT_CHANGES = datetime.timedelta(days=UNDO_DAYS + 1)


def enrolments_unplanned() -> QuerySet[Enrolment]:
    """Learners who left the course (completed or dropped out) and have no survey planned yet."""
    return Enrolment.objects.filter(
        status__in=[Enrolment.Status.COMPLETED, Enrolment.Status.DROPPED_OUT]
    ).exclude(Exists(Survey.objects.filter(enrolment=OuterRef("pk"))))


def enrolments_changed(now: datetime.datetime) -> QuerySet[Enrolment]:
    """Learners whose status changed lately: gen.cohorts lets a drop-out or a completion be undone or
    recorded again within that time, which moves or cancels their surveys."""
    changed = EnrolmentTransition.objects.filter(at__gte=now - RECENT_CHANGES).values("subject_id")
    return Enrolment.objects.filter(pk__in=changed).exclude(pk__in=enrolments_unplanned().values("pk"))


@transaction.atomic
def _replan(enrolment: Enrolment) -> int:
    """Make the unsent surveys of a learner match their milestones now. Surveys already sent are
    history and stay as they are."""
    due = dict(milestones_of(enrolment))
    surveys = {survey.milestone: survey for survey in enrolment.surveys.all()}
    unsent = {milestone: survey for milestone, survey in surveys.items() if survey.sent_at is None}
    Survey.objects.filter(pk__in=[survey.pk for m, survey in unsent.items() if m not in due]).delete()
    for milestone, survey in unsent.items():
        if milestone in due and survey.due_on != due[milestone]:
            survey.due_on = due[milestone]
            survey.save(update_fields=["due_on"])
    missing = [
        Survey(enrolment=enrolment, milestone=m, due_on=day) for m, day in due.items() if m not in surveys
    ]
    Survey.objects.bulk_create(missing)
    return len(missing)


def surveys_schedule(*, now: datetime.datetime | None = None) -> int:
    """Plan every survey of the learners who left the course, re-plan those of learners whose status
    changed lately; return how many surveys were added."""
    planned, last_pk = 0, 0
    # In pages by primary key: the rows planned drop out of `enrolments_unplanned` as we go.
    while batch := list(enrolments_unplanned().filter(pk__gt=last_pk).order_by("pk")[:BATCH_SIZE]):
        surveys = [
            Survey(enrolment=enrolment, milestone=milestone, due_on=due_on)
            for enrolment in batch
            for milestone, due_on in milestones_of(enrolment)
        ]
        # A learner planned meanwhile by another run is skipped by the unique constraint.
        planned += len(Survey.objects.bulk_create(surveys, ignore_conflicts=True))
        last_pk = batch[-1].pk
    for enrolment in enrolments_changed(now or timezone.now()):
        planned += _replan(enrolment)
    return planned


def surveys_to_send(today: datetime.date) -> QuerySet[Survey]:
    return Survey.objects.filter(
        sent_at__isnull=True,
        due_on__lte=today,
        due_on__gte=today - SEND_WINDOW,
        enrolment__candidate__user__is_active=True,
    )


def surveys_to_remind(now: datetime.datetime) -> QuerySet[Survey]:
    return Survey.objects.filter(
        sent_at__lte=now - REMINDER_AFTER,
        reminded_at__isnull=True,
        answered_at__isnull=True,
        expires_at__gt=now,
    )


def _locked(queryset: QuerySet[Survey], pk: int) -> Survey | None:
    # Another run may hold it: skip it rather than wait, and skip what changed meanwhile.
    return (
        queryset.select_for_update(skip_locked=True, of=("self",))
        .select_related("enrolment__candidate__user", "enrolment__session__course__organisation")
        .filter(pk=pk)
        .first()
    )


def _email(survey: Survey, signed: str, kind: str) -> None:
    enrolment = survey.enrolment
    email_enqueue(
        to=enrolment.candidate.user.email,
        template=f"outcomes/emails/{kind}",
        context={
            "survey": survey,
            "person": enrolment.candidate.user,
            "course": enrolment.session.course,
            "dropped_out": enrolment.status == Enrolment.Status.DROPPED_OUT,
            "months": Milestone(survey.milestone).months,
            "survey_url": reverse("outcomes:survey", kwargs={"signed": signed}),
        },
        kind=f"outcomes.{kind}",
    )


@transaction.atomic
def survey_send(*, survey_id: int, now: datetime.datetime) -> bool:
    """E-mail the survey with a fresh link; False when it was sent meanwhile or is not due any more."""
    survey = _locked(surveys_to_send(timezone.localdate(now)), survey_id)
    if survey is None:
        return False
    signed, survey.token_hash = link_new(survey.pk)
    survey.sent_at, survey.expires_at = now, now + LINK_VALIDITY
    survey.save(update_fields=["token_hash", "sent_at", "expires_at"])
    _email(survey, signed, "survey")
    return True


@transaction.atomic
def survey_remind(*, survey_id: int, now: datetime.datetime) -> bool:
    """E-mail the reminder, once, with its own link (the first one keeps working)."""
    survey = _locked(surveys_to_remind(now), survey_id)
    if survey is None:
        return False
    signed, survey.reminder_token_hash = link_new(survey.pk)
    survey.reminded_at = now
    survey.save(update_fields=["reminder_token_hash", "reminded_at"])
    _email(survey, signed, "survey_reminder")
    return True


def surveys_send_due(*, now: datetime.datetime | None = None, progress: Progress = list) -> int:
    """Send the surveys due; `progress` wraps the list of ids (a progress bar in the command)."""
    now = now or timezone.now()
    ids = list(surveys_to_send(timezone.localdate(now)).values_list("pk", flat=True))
    return sum(survey_send(survey_id=pk, now=now) for pk in progress(ids))


def surveys_remind(*, now: datetime.datetime | None = None, progress: Progress = list) -> int:
    now = now or timezone.now()
    ids = list(surveys_to_remind(now).values_list("pk", flat=True))
    return sum(survey_remind(survey_id=pk, now=now) for pk in progress(ids))


@transaction.atomic
def survey_answer(*, signed: str, answers: dict) -> Outcome:
    """The learner's answer through the link: recorded once, then the link is spent.

    Raises gen.outcomes.links.LinkError for a link that cannot be used, ValidationError for bad answers
    (nothing recorded, the link still works). No acting user: whoever holds the link answers.
    """
    survey = survey_of_link(signed, for_update=True)
    outcome = outcome_record(
        enrolment=survey.enrolment,
        milestone=survey.milestone,
        answers=answers,
        source=OutcomeSource.LEARNER_SURVEY,
        survey=survey,
        acting_user=None,
    )
    survey.answered_at = outcome.recorded_at
    survey.save(update_fields=["answered_at"])
    return outcome
