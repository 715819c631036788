"""Who leaves a course early, when and why; who completes it, with the certification when the course
leads to one; and when the organisation recorded it.

Every learner of a session that has started may drop out: most of those who do leave in the first
weeks, a few during the internship, and about a third because they found a job. In a session still
running, only the drop-outs recorded by the demo's now show; in one that has ended, everyone else
completed the course on its last day.
"""

import datetime
import random

from gen.cohorts.models import DropOutReason, Enrolment
from gen.cohorts.services.workflows import ENROLMENT_WORKFLOW
from gen.demo.admissions.draws import Weighted
from gen.demo.followup import texts
from gen.demo.followup.calendar import open_day_on_or_before
from gen.demo.followup.learners import Cohort, Learner
from gen.demo.labelling.dossiers import at, working_time

Status = Enrolment.Status

DROP_OUT_SHARE = 0.16
# How far into the session learners leave (0: first day, 1: last), more of them early on.
DROP_OUT_SKEW = 1.8
DROP_OUT_REASONS = Weighted(
    {
        DropOutReason.JOB: 34,
        DropOutReason.OTHER_TRAINING: 9,
        DropOutReason.HEALTH: 8,
        DropOutReason.PERSONAL: 16,
        DropOutReason.MONEY: 7,
        DropOutReason.MOTIVATION: 16,
        DropOutReason.EXCLUDED: 4,
        DropOutReason.OTHER: 6,
    }
)
COMMENTED_SHARE = 0.3
# Days from a drop-out to its record.
DROP_OUT_RECORDED_WITHIN = 4
# Most organisations record the completion on the last day, some in the days after, a few weeks
# later: too late for the survey at the end of the course (gen.outcomes.services.surveys.SEND_WINDOW).
COMPLETION_RECORDED = Weighted({"same_day": 80, "days_after": 15})
DAYS_AFTER = (1, 10)
LATE_SHARE = 0.05
LATE_DAYS = (35, 60)
# The jury's results come some weeks after the end of the course: unknown until then.
CERTIFIED_SHARE = 0.86
JURY_DAYS = 42


def walk(rng: random.Random, cohorts: list[Cohort], now: datetime.datetime) -> None:
    """Set what each learner did by `now`; the log rows are written from it (writer.py)."""
    today = now.date()
    ended = [cohort for cohort in cohorts if cohort.end < today]
    late = _late_recorded(rng, ended, today)
    for cohort in cohorts:
        if cohort.end < today:
            cohort.completion_recorded_at = _completion_recorded_at(rng, cohort, today, late=cohort in late)
        for learner in cohort.learners:
            _walk(rng, learner, now)


def _late_recorded(rng: random.Random, ended: list[Cohort], today: datetime.date) -> set[Cohort]:
    """A twentieth of the cohorts that ended long enough ago, at least one, have their completion
    recorded weeks late."""
    eligible = [cohort for cohort in ended if cohort.end + datetime.timedelta(days=LATE_DAYS[1]) < today]
    if not eligible:
        return set()
    return set(rng.sample(eligible, max(1, round(LATE_SHARE * len(eligible)))))


def _completion_recorded_at(
    rng: random.Random, cohort: Cohort, today: datetime.date, *, late: bool
) -> datetime.datetime:
    """On the last day, or some days later, but always by yesterday: a session that has ended has no
    learner left in training."""
    end, yesterday = cohort.end, today - datetime.timedelta(days=1)
    first, last = (end + datetime.timedelta(days=days) for days in (LATE_DAYS if late else DAYS_AFTER))
    if late or (COMPLETION_RECORDED.draw(rng) == "days_after" and first <= yesterday):
        return working_time(rng, first, min(last, yesterday))
    return at(end, rng.randint(15, 17), rng.choice((0, 15, 30, 45)))


def _walk(rng: random.Random, learner: Learner, now: datetime.datetime) -> None:
    cohort = learner.cohort
    leaves = rng.random() < DROP_OUT_SHARE
    # Drawn for everyone, so that the learners' draws do not depend on the date.
    position = rng.random() ** DROP_OUT_SKEW
    reason = DROP_OUT_REASONS.draw(rng)
    commented = rng.random() < COMMENTED_SHARE or reason == DropOutReason.OTHER
    comment = rng.choice(texts.DROP_OUT_COMMENTS[reason]) if commented else ""
    learner.actor = rng.choice(cohort.actors) if cohort.actors else None
    if leaves:
        day = cohort.start + datetime.timedelta(days=int(position * (cohort.end - cohort.start).days))
        day = max(open_day_on_or_before(day), learner.enrolled_on, cohort.start)
        recorded_at = working_time(rng, day, day + datetime.timedelta(days=DROP_OUT_RECORDED_WITHIN))
        if recorded_at <= now:
            _move(learner, Status.DROPPED_OUT)
            learner.left_on, learner.left_recorded_at = day, recorded_at
            learner.reason, learner.comment = reason, comment
            return
    if cohort.completion_recorded_at is not None and cohort.completion_recorded_at <= now:
        _move(learner, Status.COMPLETED)
        learner.left_on, learner.left_recorded_at = cohort.end, cohort.completion_recorded_at
        if cohort.leads_to_certification:
            jury_passed = cohort.end + datetime.timedelta(days=JURY_DAYS) < now.date()
            learner.certification = rng.random() < CERTIFIED_SHARE if jury_passed else None


def _move(learner: Learner, target: str) -> None:
    if not ENROLMENT_WORKFLOW.can_move(learner, target):
        raise ValueError(f"{learner.status} → {target} is not in the workflow.")
    learner.status = target
