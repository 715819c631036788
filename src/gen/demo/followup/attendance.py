"""The roll, half-day by half-day, of the classroom part of some cohorts: those running and the last
one each organisation finished (attendance is 160 half-days a learner: the whole history would be
millions of rows for nothing shown). The roll is taken up to the day before the demo's today.

About 92 % of the half-days present, 3 % late, the rest absent, half of it excused; most learners are
nearly always there, a few miss far more, among them those who later drop out.
"""

import datetime
import random
from collections.abc import Iterator

from gen.cohorts.models import AttendanceStatus, Enrolment, Half
from gen.demo.admissions.draws import Weighted
from gen.demo.followup.calendar import open_days
from gen.demo.followup.learners import Cohort

Status = Enrolment.Status

# Share of the days each learner misses, whole or in part.
ABSENCES = Weighted({0.02: 55, 0.05: 28, 0.12: 12, 0.25: 5})
DROPPING_OUT_FACTOR = 2.5
# Of the days missed, those missed for half a day only; of the absences, those excused.
HALF_DAY_SHARE = 0.3
EXCUSED_SHARE = 0.5
# Plain integers, as the columns hold them (the database drivers adapt enumerations differently).
MORNING, AFTERNOON = int(Half.MORNING), int(Half.AFTERNOON)
PRESENT, LATE = int(AttendanceStatus.PRESENT), int(AttendanceStatus.LATE)
EXCUSED, UNEXCUSED = int(AttendanceStatus.EXCUSED), int(AttendanceStatus.UNEXCUSED)
# Late arrivals, in the morning and after lunch.
LATE_SHARES = {MORNING: 0.045, AFTERNOON: 0.015}


def choose(cohorts: list[Cohort], today: datetime.date, *, organisation_ids: set[int] | None) -> None:
    """Mark the cohorts that get attendance: running, or their organisation's last finished; only in
    `organisation_ids` when given."""
    last_finished: dict[int, Cohort] = {}
    for cohort in cohorts:
        if organisation_ids is not None and cohort.organisation_id not in organisation_ids:
            continue
        if cohort.is_running(today):
            cohort.has_attendance = True
        elif cohort.end < today:
            known = last_finished.get(cohort.organisation_id)
            if known is None or (cohort.end, cohort.session.pk) > (known.end, known.session.pk):
                last_finished[cohort.organisation_id] = cohort
    for cohort in last_finished.values():
        cohort.has_attendance = True


def rows(rng: random.Random, cohort: Cohort, today: datetime.date) -> Iterator[tuple]:
    """(enrolment id, day, half, status) of each half-day marked."""
    days = open_days(cohort.start, min(cohort.classroom_end, today - datetime.timedelta(days=1)))
    for learner in cohort.learners:
        absence = ABSENCES.draw(rng) * (DROPPING_OUT_FACTOR if learner.status == Status.DROPPED_OUT else 1)
        last = learner.left_on if learner.status == Status.DROPPED_OUT else None
        pk = learner.pk
        for day in days:
            if day < learner.enrolled_on:
                continue
            if last is not None and day > last:
                break
            if rng.random() >= absence:
                yield pk, day, MORNING, _arrival(rng, MORNING)
                yield pk, day, AFTERNOON, _arrival(rng, AFTERNOON)
                continue
            missed = EXCUSED if rng.random() < EXCUSED_SHARE else UNEXCUSED
            whole_day = rng.random() >= HALF_DAY_SHARE
            missed_half = rng.choice((MORNING, AFTERNOON))
            for half in (MORNING, AFTERNOON):
                yield pk, day, half, missed if whole_day or half == missed_half else _arrival(rng, half)


def _arrival(rng: random.Random, half: int) -> int:
    return LATE if rng.random() < LATE_SHARES[half] else PRESENT
