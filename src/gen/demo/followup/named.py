"""What the named demo accounts are there to show, once the learners' paths are drawn.

admin.pop@… and formateur.pop@…: the Pop School-like organisation runs its courses on one calendar
(see sessions.py), so that whatever the day it has a cohort in the last weeks of the course, whose
roll is taken and whose internship alert is on — with at least one learner still without an
internship — and cohorts that have finished, whose learners are followed up.
"""

import datetime

from gen.cohorts.models import Enrolment
from gen.cohorts.selectors import internship_alert_is_on
from gen.demo.followup.learners import Cohort


def leave_one_searching(cohorts: list[Cohort], organisation_id: int, today: datetime.date) -> None:
    """In the organisation's cohorts whose internship alert is on, if every learner still enrolled has
    found an internship, the one who found theirs last is in fact still searching."""
    for cohort in cohorts:
        if cohort.organisation_id != organisation_id or not internship_alert_is_on(cohort.session, today):
            continue
        enrolled = [learner for learner in cohort.learners if learner.status == Enrolment.Status.ENROLLED]
        if not enrolled or any(not learner.internships for learner in enrolled):
            continue
        last = max(enrolled, key=lambda learner: (learner.internships[0].created_at, learner.pk))
        last.internships = []
