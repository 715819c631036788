"""The learners' internships: found in the last weeks of classes (a few later), the agreement prepared,
sent for signature and signed, the internship filling the end of the session; a few cancelled by the
company and replaced, those of learners who drop out cancelled. A third of the interns who complete
the course are hired by their host.

Only what happened by the demo's now is kept: in a running session, learners whose internship is
found later have none yet, which is what the organisation's alert points out.
"""

import datetime
import random
from dataclasses import dataclass, field

from gen.cohorts.models import AgreementStatus, Enrolment
from gen.cohorts.services.workflows import INTERNSHIP_WORKFLOW
from gen.demo.followup.calendar import is_open
from gen.demo.followup.companies import Companies, Company, tutor
from gen.demo.followup.learners import Cohort, Learner
from gen.demo.labelling.dossiers import working_time

Status = Enrolment.Status

# When the host is found, in days before the classroom part ends; a few find one only afterwards.
FOUND_BEFORE_END = (7, 70)
LATE_SHARE = 0.07
LATE_FOUND = (-7, 21)
# Days from one step of the agreement to the next.
STEP_DAYS = (2, 10)
# Internships the company calls off before the agreement is signed; the learner finds another.
REPLACED_SHARE = 0.03
HIRED_SHARE = 0.35
# The intern's position: a job title of the course's métiers, as "stagiaire".
INTERN = "Stagiaire – {title}"


@dataclass(eq=False)
class InternshipRecord:
    company: Company
    tutor: tuple[str, str, str]
    job_title: str
    starts_on: datetime.date
    ends_on: datetime.date
    created_at: datetime.datetime
    agreement_status: str = ""
    hired: bool | None = None
    updated_at: datetime.datetime | None = None
    # (from status, to status, at, actor)
    history: list[tuple] = field(default_factory=list)


def find(rng: random.Random, cohorts: list[Cohort], companies: Companies, now: datetime.datetime) -> None:
    """Give each learner the internships they had by `now` (after leaving.walk)."""
    for cohort in cohorts:
        if not cohort.includes_internship:
            continue
        for learner in cohort.learners:
            _find(rng, learner, companies, now)


def _find(rng: random.Random, learner: Learner, companies: Companies, now: datetime.datetime) -> None:
    cohort = learner.cohort
    before_end = -rng.randint(*LATE_FOUND) if rng.random() < LATE_SHARE else rng.randint(*FOUND_BEFORE_END)
    found_on = cohort.classroom_end - datetime.timedelta(days=before_end)
    replaced = rng.random() < REPLACED_SHARE
    hired = rng.random() < HIRED_SHARE
    dropped_out = learner.status == Status.DROPPED_OUT
    # Nothing moves any more once the learner's drop-out is recorded.
    until = min(now, learner.left_recorded_at) if dropped_out else now
    first = _internship(rng, learner, companies, found_on, besides=None)
    internships = [first]
    _agree(rng, learner, first, until, signs=not replaced)
    if replaced and first.agreement_status == AgreementStatus.SENT:
        called_off = first.updated_at + _days(rng)
        _move(first, AgreementStatus.CANCELLED, called_off, learner.actor, until)
        found_again = (called_off + _days(rng)).date()
        second = _internship(rng, learner, companies, found_again, besides=first.company)
        _agree(rng, learner, second, until, signs=True)
        internships.append(second)
    internships = [internship for internship in internships if internship.created_at <= until]
    if dropped_out:
        internships = [
            internship for internship in internships if internship.created_at.date() < learner.left_on
        ]
        for internship in internships:
            if internship.agreement_status != AgreementStatus.CANCELLED:
                _move(internship, AgreementStatus.CANCELLED, learner.left_recorded_at, learner.actor, until)
    elif learner.status == Status.COMPLETED:
        for internship in internships:
            if internship.agreement_status == AgreementStatus.SIGNED:
                internship.hired = hired
                internship.updated_at = max(internship.updated_at, learner.left_recorded_at)
    learner.internships = internships


def _internship(
    rng: random.Random, learner: Learner, companies: Companies, found_on: datetime.date, *, besides
) -> InternshipRecord:
    cohort = learner.cohort
    company = companies.pick(rng, cohort.region_code, besides=besides)
    created_at = working_time(rng, found_on, found_on)
    # The day after the classes, or once the agreement can be signed when the host is found late.
    starts_on = max(
        cohort.classroom_end + datetime.timedelta(days=1),
        found_on + datetime.timedelta(days=2 * STEP_DAYS[1]),
    )
    while not is_open(starts_on):
        starts_on += datetime.timedelta(days=1)
    starts_on = min(starts_on, cohort.end - datetime.timedelta(days=7))
    title = rng.choice(cohort.job_titles)[0] if cohort.job_titles else ""
    return InternshipRecord(
        company=company,
        tutor=tutor(rng, company, cohort.region_code),
        job_title=INTERN.format(title=title)[:200] if title else "",
        starts_on=starts_on,
        ends_on=cohort.end,
        created_at=created_at,
        updated_at=created_at,
    )


def _agree(
    rng: random.Random, learner: Learner, internship: InternshipRecord, now: datetime.datetime, *, signs: bool
) -> None:
    """The agreement prepared, sent and (if `signs`) signed, as far as `now`."""
    _move(internship, AgreementStatus.DRAFT, internship.created_at, learner.actor, now, force=True)
    sent_at = internship.created_at + _days(rng)
    _move(internship, AgreementStatus.SENT, sent_at, learner.actor, now)
    if signs:
        _move(internship, AgreementStatus.SIGNED, sent_at + _days(rng), learner.actor, now)


def _days(rng: random.Random) -> datetime.timedelta:
    return datetime.timedelta(days=rng.randint(*STEP_DAYS), minutes=rng.randint(0, 120))


def _move(
    internship: InternshipRecord,
    target: str,
    moment: datetime.datetime,
    actor: int | None,
    now: datetime.datetime,
    *,
    force: bool = False,
) -> None:
    """Log the change if it happened by `now`; `force`: the creation, logged from nothing."""
    if moment > now and not force:
        return
    if not force and not INTERNSHIP_WORKFLOW.can_move(internship, target):
        raise ValueError(f"{internship.agreement_status} → {target} is not in the workflow.")
    internship.history.append((internship.agreement_status, target, moment, actor))
    internship.agreement_status = target
    internship.updated_at = moment
