"""What the follow-up step drew, written in bulk: the enrolments' new statuses with their log, the
internships with theirs, the attendance, the surveys and the outcomes. Dates are the demo's past ones,
`created_at` and `updated_at` included. No e-mail is sent: this is history."""

import random
from collections import defaultdict

from django.utils import translation

from gen.cohorts.models import (
    Attendance,
    DropOutReason,
    Enrolment,
    EnrolmentTransition,
    Internship,
    InternshipTransition,
)
from gen.demo.admissions.rows import copy, insert
from gen.demo.context import DemoContext, batched
from gen.demo.followup import attendance
from gen.demo.followup.learners import Cohort, Learner
from gen.demo.followup.surveys import FollowUp
from gen.outcomes.models import Outcome, Survey

Status = Enrolment.Status
LOG_FIELDS = ("subject", "from_state", "to_state", "at", "actor", "reason")
# Rows of an UPDATE's `pk IN (…)`, well under SQLite's limit on parameters.
UPDATE_BATCH = 500
# Attendance rows generated before they are written.
ATTENDANCE_BATCH = 50_000


def write(ctx: DemoContext, cohorts: list[Cohort], follow_up: FollowUp, rng: random.Random) -> None:
    learners = [learner for cohort in cohorts for learner in cohort.learners]
    _write_statuses(ctx, learners)
    _write_internships(ctx, learners)
    _write_attendance(ctx, [cohort for cohort in cohorts if cohort.has_attendance], rng)
    _write_follow_up(ctx, follow_up)


def _write_statuses(ctx: DemoContext, learners: list[Learner]) -> None:
    """Learners who left, grouped by what their row gets: one UPDATE per group (and batch)."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for learner in learners:
        if learner.status == Status.COMPLETED:
            groups[(Status.COMPLETED, learner.left_on, learner.certification, "", "")].append(learner.pk)
        elif learner.status == Status.DROPPED_OUT:
            groups[(Status.DROPPED_OUT, learner.left_on, None, learner.reason, learner.comment)].append(
                learner.pk
            )
    for (status, left_on, certification, reason, comment), pks in groups.items():
        completed = status == Status.COMPLETED
        for batch in batched(pks, UPDATE_BATCH):
            Enrolment.objects.filter(pk__in=batch).update(
                status=status,
                completed_on=left_on if completed else None,
                certification_obtained=certification,
                dropped_out_on=None if completed else left_on,
                drop_out_reason=reason,
                drop_out_comment=comment,
            )
    with translation.override("fr"):
        reasons = {reason: str(DropOutReason(reason).label) for reason in DropOutReason.values}
    transitions = [
        (
            learner.pk,
            Status.ENROLLED,
            learner.status,
            learner.left_recorded_at,
            learner.actor,
            " – ".join(filter(None, [reasons.get(learner.reason), learner.comment])),
        )
        for learner in learners
        if learner.has_left
    ]
    copy(EnrolmentTransition, LOG_FIELDS, transitions, batch_size=ctx.scale.batch_size)
    ctx.counts["completions"] += sum(learner.status == Status.COMPLETED for learner in learners)
    ctx.counts["drop-outs"] += sum(learner.status == Status.DROPPED_OUT for learner in learners)


def _write_internships(ctx: DemoContext, learners: list[Learner]) -> None:
    records = [(learner, internship) for learner in learners for internship in learner.internships]
    pks = insert(
        Internship,
        (
            "enrolment",
            "company_name",
            "siret",
            "commune",
            "job_title",
            "tutor_name",
            "tutor_email",
            "tutor_phone",
            "starts_on",
            "ends_on",
            "agreement_status",
            "hired_afterwards",
            "created_at",
            "updated_at",
        ),
        [
            (
                learner.pk,
                internship.company.name,
                internship.company.siret,
                internship.company.commune.pk,
                internship.job_title,
                *internship.tutor,
                internship.starts_on,
                internship.ends_on,
                internship.agreement_status,
                internship.hired,
                internship.created_at,
                internship.updated_at,
            )
            for learner, internship in records
        ],
        batch_size=ctx.scale.batch_size,
        returning=True,
    )
    transitions = [
        (pk, source, target, moment, actor, "")
        for (_, internship), pk in zip(records, pks, strict=True)
        for source, target, moment, actor in internship.history
    ]
    copy(InternshipTransition, LOG_FIELDS, transitions, batch_size=ctx.scale.batch_size)
    ctx.counts["internships"] += len(pks)
    ctx.counts["internship agreement changes"] += len(transitions)


def _write_attendance(ctx: DemoContext, cohorts: list[Cohort], rng: random.Random) -> None:
    """A few cohorts at a time: the rows of a national demo are too many to hold at once."""
    rows: list[tuple] = []
    for cohort in ctx.progress(cohorts, total=len(cohorts), desc="Attendance", unit="cohort"):
        rows += attendance.rows(rng, cohort, ctx.today)
        if len(rows) >= ATTENDANCE_BATCH:
            _insert_attendance(ctx, rows)
            rows = []
    _insert_attendance(ctx, rows)


def _insert_attendance(ctx: DemoContext, rows: list[tuple]) -> None:
    copy(Attendance, ("enrolment", "day", "half", "status"), rows, batch_size=len(rows) or 1)
    ctx.counts["half-days marked"] += len(rows)


def _write_follow_up(ctx: DemoContext, follow_up: FollowUp) -> None:
    size = ctx.scale.batch_size
    surveys = follow_up.surveys
    pks = insert(
        Survey,
        (
            "enrolment",
            "milestone",
            "due_on",
            "sent_at",
            "reminded_at",
            "answered_at",
            "expires_at",
            "token_hash",
            "reminder_token_hash",
        ),
        [
            (
                survey.learner.pk,
                survey.milestone,
                survey.due_on,
                survey.sent_at,
                survey.reminded_at,
                survey.answered_at,
                survey.expires_at,
                survey.token_hash,
                survey.reminder_token_hash,
            )
            for survey in surveys
        ],
        batch_size=size,
        returning=True,
    )
    for survey, pk in zip(surveys, pks, strict=True):
        survey.pk = pk
    copy(
        Outcome,
        (
            "enrolment",
            "milestone",
            "situation",
            "interim_six_months_or_more",
            "started_on",
            "employer",
            "job_title",
            "job",
            "source",
            "source_note",
            "survey",
            "recorded_at",
            "recorded_by",
            "is_current",
        ),
        [
            (
                outcome.learner.pk,
                outcome.milestone,
                outcome.position.situation,
                outcome.position.interim_six_months_or_more,
                outcome.started_on,
                outcome.employer,
                outcome.job_title,
                outcome.job_id,
                outcome.source,
                outcome.source_note,
                outcome.survey and outcome.survey.pk,
                outcome.recorded_at,
                outcome.recorded_by,
                outcome.is_current,
            )
            for outcome in follow_up.outcomes
        ],
        batch_size=size,
    )
    ctx.counts["follow-up surveys"] += len(pks)
    ctx.counts["outcomes"] += len(follow_up.outcomes)
