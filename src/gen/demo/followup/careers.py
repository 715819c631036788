"""What becomes of a learner after leaving the course: a few situations, each from a day on, drawn
once, so that the answers at the end of the course and at 3, 6 and 12 months tell one story.

Tuned so that, 6 months after leaving, about 70 % of those whose situation is known are in a job or
run their business ("retour à l'emploi", seed 000), about half in durable employment, some 8 % in
further training. Interns hired by their host work there from the Monday after the course; learners
who left for a job mostly still hold it; the others look for work, and most find some within months.
"""

import datetime
import random
from bisect import bisect_right
from dataclasses import dataclass

from gen.cohorts.models import DropOutReason, Enrolment
from gen.demo.admissions.draws import Weighted
from gen.demo.followup import texts
from gen.demo.followup.companies import Companies, Company
from gen.demo.followup.learners import Learner
from gen.outcomes.definitions import SituationCode

Status = Enrolment.Status
Situation = SituationCode

# Contracts of the interns their host hires, and of the other jobs learners find.
HIRED_CONTRACTS = Weighted(
    {
        Situation.CDI: 55,
        Situation.CDD_LONG: 20,
        Situation.CDD_SHORT: 7,
        Situation.WORK_STUDY: 13,
        Situation.SUBSIDISED: 5,
    }
)
CONTRACTS = Weighted(
    {
        Situation.CDI: 37,
        Situation.CDD_LONG: 15,
        Situation.CDD_SHORT: 9,
        Situation.INTERIM: 10,
        Situation.WORK_STUDY: 10,
        Situation.SUBSIDISED: 6,
        Situation.BUSINESS_CREATION: 13,
    }
)
# Temping learners whose assignments add up to 6 months or more ("emploi durable").
LONG_INTERIM_SHARE = 0.5
# Jobs in the métier the course trains for; the others are taken outside it.
IN_METIER_SHARE = 0.8
# What learners who completed the course without being hired do first...
FIRST_SITUATIONS = Weighted({Situation.JOB_SEEKING: 82, Situation.TRAINING: 14, Situation.INACTIVE: 4})
# ... the share who find a job within the year, and how many days after leaving it starts.
FINDS_A_JOB = 0.72
JOB_SEARCH_DAYS = Weighted({(7, 90): 58, (90, 180): 30, (180, 365): 12})
# Those in further training may find a job after it.
JOB_AFTER_TRAINING = (0.2, (150, 365))
# Learners who left for a job and lost it within the year.
LOST_JOB_SHARE = 0.12
# Learners who dropped out for another reason: how they start, and their chance of a job later.
DROPPED_OUT_FIRST = {
    DropOutReason.OTHER_TRAINING: Weighted({Situation.TRAINING: 90, Situation.JOB_SEEKING: 10}),
    DropOutReason.HEALTH: Weighted({Situation.INACTIVE: 60, Situation.JOB_SEEKING: 40}),
    DropOutReason.PERSONAL: Weighted({Situation.INACTIVE: 45, Situation.JOB_SEEKING: 55}),
}
DROPPED_OUT_USUALLY = Weighted({Situation.JOB_SEEKING: 86, Situation.TRAINING: 10, Situation.INACTIVE: 4})
DROPPED_OUT_FINDS_A_JOB = 0.45
# A job about to start is what learners answer: "I start on Monday".
AHEAD = datetime.timedelta(days=14)


@dataclass(frozen=True, slots=True)
class Position:
    """A situation from a day on, with the details of the job when it is one."""

    since: datetime.date
    situation: str
    employer: str = ""
    job_title: str = ""
    job_id: int | None = None
    interim_six_months_or_more: bool | None = None


class Career:
    __slots__ = ("positions", "starts")

    def __init__(self, positions: list[Position]):
        self.positions = sorted(positions, key=lambda position: position.since)
        self.starts = [position.since for position in self.positions]

    def at(self, day: datetime.date) -> Position:
        """The situation the learner gives on `day` (the first one before it starts)."""
        return self.positions[max(0, bisect_right(self.starts, day + AHEAD) - 1)]


class CareerMaker:
    def __init__(self, rng: random.Random, companies: Companies, other_jobs: dict[str, int | None]):
        self.rng = rng
        self.companies = companies
        # Job titles outside the métiers, with the ROME job the platform maps them to (if any).
        self.other_jobs = other_jobs

    def career(self, learner: Learner) -> Career:
        rng = self.rng
        left_on = learner.left_on
        found_after = rng.randint(*JOB_SEARCH_DAYS.draw(rng))
        finds = rng.random()
        first = FIRST_SITUATIONS.draw(rng)
        host = learner.hired_by_host
        if host is not None:
            return Career([self._job(learner, _monday_after(left_on), HIRED_CONTRACTS, employer=host)])
        if learner.status == Status.DROPPED_OUT:
            return self._after_dropping_out(learner, found_after, finds)
        positions = [Position(left_on, first)]
        if first == Situation.TRAINING:
            chance, days = JOB_AFTER_TRAINING
            if finds < chance:
                positions.append(self._job(learner, left_on + _days(rng.randint(*days)), CONTRACTS))
        elif finds < FINDS_A_JOB:
            positions.append(self._job(learner, left_on + _days(found_after), CONTRACTS))
        return Career(positions)

    def _after_dropping_out(self, learner: Learner, found_after: int, finds: float) -> Career:
        rng, left_on = self.rng, learner.left_on
        if learner.reason == DropOutReason.JOB:
            job = self._job(learner, left_on + _days(rng.randint(0, 14)), CONTRACTS)
            if finds < LOST_JOB_SHARE:
                return Career([job, Position(job.since + _days(rng.randint(60, 240)), Situation.JOB_SEEKING)])
            return Career([job])
        first = DROPPED_OUT_FIRST.get(learner.reason, DROPPED_OUT_USUALLY).draw(rng)
        positions = [Position(left_on, first)]
        if finds < DROPPED_OUT_FINDS_A_JOB:
            positions.append(self._job(learner, left_on + _days(found_after + 30), CONTRACTS))
        return Career(positions)

    def _job(
        self, learner: Learner, since: datetime.date, contracts: Weighted, *, employer: Company | None = None
    ) -> Position:
        rng = self.rng
        situation = contracts.draw(rng)
        cohort = learner.cohort
        if (employer is not None or rng.random() < IN_METIER_SHARE) and cohort.job_titles:
            job_title, job_id = rng.choice(cohort.job_titles)
        else:
            job_title = rng.choice(texts.OTHER_JOB_TITLES)
            job_id = self.other_jobs.get(job_title)
        if situation == Situation.BUSINESS_CREATION:
            name = f"{learner.first_name} {learner.last_name} EI"
        else:
            name = (employer or self.companies.pick(rng, cohort.region_code)).name
        return Position(
            since=since,
            situation=situation,
            employer=name,
            job_title=job_title,
            job_id=job_id,
            interim_six_months_or_more=rng.random() < LONG_INTERIM_SHARE
            if situation == Situation.INTERIM
            else None,
        )


def _days(days: int) -> datetime.timedelta:
    return datetime.timedelta(days=days)


def _monday_after(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=7 - day.weekday())
