"""When a learner's surveys fall due (the rules are in gen.outcomes.definitions)."""

import datetime

from gen.cohorts.models import Enrolment
from gen.outcomes.definitions import DROPPED_OUT_MILESTONES, MilestoneCode, survey_due_on


def exit_date_of(enrolment: Enrolment) -> datetime.date | None:
    """The day the learner left the course (completed or dropped out); None while still enrolled."""
    if enrolment.status == Enrolment.Status.COMPLETED:
        return enrolment.completed_on
    if enrolment.status == Enrolment.Status.DROPPED_OUT:
        return enrolment.dropped_out_on
    return None


def milestones_of(enrolment: Enrolment) -> list[tuple[str, datetime.date]]:
    """(milestone, due date) of each survey the learner is followed at, in order."""
    exit_date = exit_date_of(enrolment)
    if exit_date is None:
        return []
    milestones = DROPPED_OUT_MILESTONES if enrolment.status == Enrolment.Status.DROPPED_OUT else MilestoneCode
    return [(str(milestone), survey_due_on(exit_date, milestone)) for milestone in milestones]
