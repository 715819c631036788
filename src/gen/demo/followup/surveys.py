"""The follow-up of the learners who left: their surveys at the end of the course and at 3, 6 and 12
months, as the daily run (`gen send-surveys`) planned, sent and reminded them, the answers, and the
outcomes organisations recorded themselves.

Some learners answer nearly always, others seldom: about two thirds of the surveys are answered, fewer
at 12 months, fewer by those who dropped out. Organisations record the situation of some who did not
answer (from the employer, by phone, from France Travail…), and a few learners tell their organisation
of a change after answering: that later record is the one that counts.

The links' secrets are random and thrown away: nobody can open a demo survey, as nobody could read
them in the e-mails the daily run would have sent.
"""

import datetime
import random
import secrets

from django.utils import timezone

from gen.cohorts.models import Enrolment
from gen.demo.admissions.draws import Weighted
from gen.demo.followup import texts
from gen.demo.followup.careers import Career, Position
from gen.demo.followup.learners import Learner
from gen.demo.labelling.dossiers import at, working_time
from gen.outcomes.definitions import (
    DROPPED_OUT_MILESTONES,
    JOB_DETAIL_SITUATIONS,
    MilestoneCode,
    SituationCode,
    is_employment,
    survey_due_on,
)
from gen.outcomes.links import secret_hash
from gen.outcomes.models import OutcomeSource
from gen.outcomes.services.surveys import LINK_VALIDITY, REMINDER_AFTER, SEND_WINDOW

Status = Enrolment.Status

# The daily run's hour, before the demo's now (and clear of the changes to summer time and back).
SEND_HOUR = 1
# How likely each learner is to answer a survey, and less so at 12 months or after dropping out.
PROPENSITIES = Weighted({0.95: 60, 0.65: 25, 0.15: 15})
DROPPED_OUT_FACTOR = 0.7
MILESTONE_FACTOR = {
    MilestoneCode.END: 1.0,
    MilestoneCode.MONTH_3: 1.0,
    MilestoneCode.MONTH_6: 1.0,
    MilestoneCode.MONTH_12: 0.8,
}
# Answers before the reminder; the others after it, before the link expires.
BEFORE_REMINDER_SHARE = 0.55
# Job details a learner leaves blank.
BLANK_SHARE = 0.08
# Learners who did not answer whose situation the organisation learns, within days after the link expired.
RECORDED_BY_ORGANISATION_SHARE = 0.3
RECORDED_WITHIN = (1, 40)
# Learners who tell the organisation of a change after answering.
TOLD_AGAIN_SHARE = 0.04
TOLD_AGAIN_AFTER = (10, 45)
SOURCES = {
    "employment": Weighted(
        {OutcomeSource.EMPLOYER: 45, OutcomeSource.LEARNER_PHONE: 45, OutcomeSource.OTHER: 10}
    ),
    SituationCode.JOB_SEEKING: Weighted({OutcomeSource.FRANCE_TRAVAIL: 55, OutcomeSource.LEARNER_PHONE: 45}),
    "other": Weighted({OutcomeSource.LEARNER_PHONE: 80, OutcomeSource.OTHER: 20}),
}
NOTED_SHARE = 0.3


class SurveyRecord:
    __slots__ = (
        "learner",
        "milestone",
        "due_on",
        "sent_at",
        "reminded_at",
        "answered_at",
        "expires_at",
        "token_hash",
        "reminder_token_hash",
        "pk",
    )

    def __init__(self, learner: Learner, milestone: str, due_on: datetime.date):
        self.learner = learner
        self.milestone = milestone
        self.due_on = due_on
        self.sent_at = self.reminded_at = self.answered_at = self.expires_at = None
        self.token_hash = self.reminder_token_hash = ""
        self.pk: int | None = None


class OutcomeRecord:
    __slots__ = (
        "learner",
        "milestone",
        "position",
        "started_on",
        "employer",
        "source",
        "source_note",
        "survey",
        "recorded_at",
        "recorded_by",
        "is_current",
    )

    def __init__(self, learner: Learner, milestone: str, position: Position, **recorded):
        self.learner = learner
        self.milestone = milestone
        self.position = position
        has_details = position.situation in JOB_DETAIL_SITUATIONS
        self.started_on = position.since if has_details else None
        self.employer = position.employer if has_details else ""
        self.source = recorded["source"]
        self.source_note = recorded.get("source_note", "")
        self.survey: SurveyRecord | None = recorded.get("survey")
        self.recorded_at: datetime.datetime = recorded["recorded_at"]
        self.recorded_by: int | None = recorded.get("recorded_by")
        self.is_current = False

    @property
    def job_title(self) -> str:
        return self.position.job_title if self.position.situation in JOB_DETAIL_SITUATIONS else ""

    @property
    def job_id(self) -> int | None:
        return self.position.job_id if self.position.situation in JOB_DETAIL_SITUATIONS else None


class FollowUp:
    """Surveys and outcomes of the learners who left, as of `now`."""

    def __init__(self, rng: random.Random, now: datetime.datetime):
        self.rng = rng
        self.now = now
        self.surveys: list[SurveyRecord] = []
        self.outcomes: list[OutcomeRecord] = []

    def follow(self, learner: Learner, career: Career) -> None:
        rng = self.rng
        propensity = PROPENSITIES.draw(rng)
        if learner.status == Status.DROPPED_OUT:
            propensity *= DROPPED_OUT_FACTOR
            milestones = DROPPED_OUT_MILESTONES
        else:
            milestones = tuple(MilestoneCode)
        # The daily run after the record plans every survey of the learner.
        planned_on = learner.left_recorded_at.date() + datetime.timedelta(days=1)
        for milestone in milestones:
            survey = SurveyRecord(learner, milestone, survey_due_on(learner.left_on, milestone))
            self.surveys.append(survey)
            self._send(survey, max(survey.due_on, planned_on), propensity * MILESTONE_FACTOR[milestone])
            if survey.answered_at is not None:
                self._answered(survey, career)
            else:
                self._unanswered(survey, career)
        self._mark_current(learner)

    def _send(self, survey: SurveyRecord, send_on: datetime.date, chance: float) -> None:
        rng, now = self.rng, self.now
        answers = rng.random() < chance
        if rng.random() < BEFORE_REMINDER_SHARE:
            delay = datetime.timedelta(days=rng.uniform(0.02, 7))
        else:
            delay = REMINDER_AFTER + (LINK_VALIDITY - REMINDER_AFTER) * rng.uniform(0.01, 0.99)
        if send_on > now.date() or send_on - survey.due_on > SEND_WINDOW:
            return
        # In UTC, as timezone.now() gives it to the daily run: a link lasts 30 times 24 hours.
        survey.sent_at = at(send_on, SEND_HOUR).astimezone(datetime.UTC)
        survey.expires_at = survey.sent_at + LINK_VALIDITY
        survey.token_hash = _token_hash()
        answered_at = survey.sent_at + delay if answers else None
        if answered_at is not None and answered_at <= now:
            survey.answered_at = answered_at
        reminder = survey.sent_at + REMINDER_AFTER
        if reminder <= now and (survey.answered_at is None or survey.answered_at > reminder):
            survey.reminded_at = reminder
            survey.reminder_token_hash = _token_hash()

    def _answered(self, survey: SurveyRecord, career: Career) -> None:
        rng, learner = self.rng, survey.learner
        answered_on = timezone.localdate(survey.answered_at)
        outcome = OutcomeRecord(
            learner,
            survey.milestone,
            career.at(answered_on),
            source=OutcomeSource.LEARNER_SURVEY,
            survey=survey,
            recorded_at=survey.answered_at,
        )
        if rng.random() < BLANK_SHARE:
            outcome.started_on = None
        if rng.random() < BLANK_SHARE:
            outcome.employer = ""
        self.outcomes.append(outcome)
        if rng.random() < TOLD_AGAIN_SHARE:
            moment = working_time(
                rng, *(answered_on + datetime.timedelta(days=days) for days in TOLD_AGAIN_AFTER)
            )
            if moment <= self.now:
                self._record(
                    learner, survey.milestone, career.at(moment.date()), moment, OutcomeSource.LEARNER_PHONE
                )

    def _unanswered(self, survey: SurveyRecord, career: Career) -> None:
        """The organisation may learn the situation once the survey is over (expired, or not sent)."""
        rng = self.rng
        records = rng.random() < RECORDED_BY_ORGANISATION_SHARE
        over_on = survey.expires_at.date() if survey.sent_at else survey.due_on + SEND_WINDOW
        if not records or over_on >= self.now.date():
            return
        moment = working_time(rng, *(over_on + datetime.timedelta(days=days) for days in RECORDED_WITHIN))
        if moment > self.now:
            return
        position = career.at(survey.due_on)
        if is_employment(position.situation):
            source = SOURCES["employment"].draw(rng)
        else:
            source = SOURCES.get(position.situation, SOURCES["other"]).draw(rng)
        self._record(survey.learner, survey.milestone, position, moment, source)

    def _record(
        self, learner: Learner, milestone: str, position: Position, moment: datetime.datetime, source: str
    ) -> None:
        rng = self.rng
        noted = rng.random() < NOTED_SHARE or source == OutcomeSource.OTHER
        self.outcomes.append(
            OutcomeRecord(
                learner,
                milestone,
                position,
                source=source,
                source_note=rng.choice(texts.SOURCE_NOTES[source]) if noted else "",
                recorded_at=moment,
                recorded_by=learner.actor,
            )
        )

    def _mark_current(self, learner: Learner) -> None:
        """The latest recorded outcome of each milestone counts (gen.outcomes.definitions)."""
        latest: dict[str, OutcomeRecord] = {}
        for outcome in reversed(self.outcomes):
            if outcome.learner is not learner:
                break
            if outcome.milestone not in latest or outcome.recorded_at > latest[outcome.milestone].recorded_at:
                latest[outcome.milestone] = outcome
        for outcome in latest.values():
            outcome.is_current = True


def _token_hash() -> str:
    return secret_hash(secrets.token_urlsafe(32))
