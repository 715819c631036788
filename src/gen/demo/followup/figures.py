"""The demo's learners in the figures the seeds quote: learners trained, their profile ("60 % de publics de
niveau bac ou infra bac, 69 % de jeunes de moins de 30 ans"), completion, and 6 months after leaving
the share in a job or running a business ("70 % ... dans les six mois"), in durable employment and in
further training, with the response rate behind them. Counted as gen.outcomes.definitions says."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count

from gen.admissions.models.candidates import BAC_LEVEL_OR_BELOW
from gen.cohorts.models import (
    AgreementStatus,
    Attendance,
    AttendanceStatus,
    DropOutReason,
    Enrolment,
    Internship,
)
from gen.demo.admissions import NOW_HOUR
from gen.demo.admissions.figures import UNDER_30
from gen.demo.context import demo_organisations
from gen.demo.labelling.dossiers import at
from gen.outcomes.definitions import (
    HEADLINE_MILESTONE,
    MilestoneCode,
    SituationCode,
    is_durable_employment,
    is_employment,
    is_further_training,
)
from gen.outcomes.models import Outcome, Survey
from gen.outcomes.selectors import open_surveys, survey_status

Status = Enrolment.Status


@dataclass(frozen=True)
class FollowUpFigures:
    learners: int
    statuses: dict[str, int]
    bac_level_or_below_share: float
    under_30_share: float
    # Of the learners of the sessions that have ended.
    completion_rate: float
    # Of the drop-outs.
    left_for_a_job_share: float
    # Of the half-days marked.
    present_share: float
    late_share: float
    half_days_marked: int
    # Of the learners who completed a course with an internship.
    with_signed_internship_share: float
    # Of those interns.
    hired_by_host_share: float
    survey_statuses: dict[str, int]
    # Milestone -> surveys answered / sent.
    response_rates: dict[str, float]
    # Learners whose situation 6 months after leaving is known, and the shares of them.
    respondents_6_months: int
    employment_6_months: float
    business_creation_6_months: float
    durable_6_months: float
    further_training_6_months: float
    # Of those who left for a job and whose situation at 6 months is known.
    left_for_a_job_employed_6_months: float
    outcome_sources: dict[str, int]

    def lines(self) -> list[str]:
        rates = ", ".join(f"{_milestone(code)} {rate:.0%}" for code, rate in self.response_rates.items())
        return [
            f"Learners: {self.learners} ({_counts(self.statuses)}), {self.bac_level_or_below_share:.0%} at bac "
            f"level or below, {self.under_30_share:.0%} under 30; {self.completion_rate:.0%} completed the "
            f"sessions that have ended, {self.left_for_a_job_share:.0%} of the drop-outs left for a job.",
            f"Attendance: {self._attendance()}; internships: "
            f"{self.with_signed_internship_share:.0%} of those who completed had a signed agreement, "
            f"{self.hired_by_host_share:.0%} of them hired by their host.",
            f"Surveys: {_counts(self.survey_statuses)}; response rate: {rates}; outcomes by source: "
            f"{_counts(self.outcome_sources)}.",
            f"At 6 months, of {self.respondents_6_months} learners whose situation is known: "
            f"{self.employment_6_months:.0%} in a job or business ({self.business_creation_6_months:.0%} "
            f"created their business), {self.durable_6_months:.0%} in durable employment, "
            f"{self.further_training_6_months:.0%} in further training; "
            f"{self.left_for_a_job_employed_6_months:.0%} of those who left for a job are in one.",
        ]

    def _attendance(self) -> str:
        if not self.half_days_marked:
            return "no half-day marked"
        absent = 1 - self.present_share - self.late_share
        return (
            f"{self.half_days_marked} half-days marked, {self.present_share:.0%} present, "
            f"{self.late_share:.0%} late, {absent:.0%} absent"
        )


def follow_up_figures(today: datetime.date) -> FollowUpFigures:
    enrolments = Enrolment.objects.filter(session__course__organisation__in=demo_organisations())
    learners = enrolments.count()
    profile = Counter()
    for diploma, birth_date, start in enrolments.values_list(
        "candidate__diploma_level", "candidate__birth_date", "session__start_date"
    ):
        profile["bac"] += diploma in BAC_LEVEL_OR_BELOW
        profile["under_30"] += _age(birth_date, start) < UNDER_30
    ended = Counter(enrolments.filter(session__end_date__lt=today).values_list("status", flat=True))
    drop_outs = Counter(
        enrolments.filter(status=Status.DROPPED_OUT).values_list("drop_out_reason", flat=True)
    )
    attendance = Counter(
        dict(Attendance.objects.filter(enrolment__in=enrolments).values_list("status").annotate(Count("pk")))
    )
    completed = enrolments.filter(status=Status.COMPLETED, session__course__hours_in_company__gt=0)
    signed = Internship.objects.filter(enrolment__in=completed, agreement_status=AgreementStatus.SIGNED)
    now = at(today, NOW_HOUR)
    surveys = Survey.objects.filter(enrolment__in=enrolments)
    statuses = Counter(
        survey_status(survey, now)
        for survey in surveys.only("due_on", "sent_at", "answered_at", "expires_at", "reminded_at")
    )
    closed = Counter(
        surveys.filter(sent_at__isnull=False).exclude(open_surveys(now)).values_list("milestone", flat=True)
    )
    answered = Counter(surveys.filter(answered_at__isnull=False).values_list("milestone", flat=True))
    current = Outcome.objects.filter(enrolment__in=enrolments, milestone=HEADLINE_MILESTONE, is_current=True)
    situations = list(
        current.values_list("situation", "interim_six_months_or_more", "enrolment__drop_out_reason")
    )
    left_for_a_job = [situation for situation, _, reason in situations if reason == DropOutReason.JOB]
    known = len(situations)
    return FollowUpFigures(
        learners=learners,
        statuses=dict(sorted(Counter(enrolments.values_list("status", flat=True)).items())),
        bac_level_or_below_share=_share(profile["bac"], learners),
        under_30_share=_share(profile["under_30"], learners),
        completion_rate=_share(ended[Status.COMPLETED], ended[Status.COMPLETED] + ended[Status.DROPPED_OUT]),
        left_for_a_job_share=_share(drop_outs[DropOutReason.JOB], drop_outs.total()),
        present_share=_share(attendance[AttendanceStatus.PRESENT], attendance.total()),
        late_share=_share(attendance[AttendanceStatus.LATE], attendance.total()),
        half_days_marked=attendance.total(),
        with_signed_internship_share=_share(signed.values("enrolment").distinct().count(), completed.count()),
        hired_by_host_share=_share(signed.filter(hired_afterwards=True).count(), signed.count()),
        survey_statuses=dict(sorted(statuses.items())),
        response_rates={code: _share(answered[code], closed[code]) for code in MilestoneCode if closed[code]},
        respondents_6_months=known,
        employment_6_months=_share(sum(is_employment(situation) for situation, _, _ in situations), known),
        business_creation_6_months=_share(
            sum(situation == SituationCode.BUSINESS_CREATION for situation, _, _ in situations), known
        ),
        durable_6_months=_share(
            sum(is_durable_employment(situation, interim) for situation, interim, _ in situations), known
        ),
        further_training_6_months=_share(
            sum(is_further_training(situation) for situation, _, _ in situations), known
        ),
        left_for_a_job_employed_6_months=_share(sum(map(is_employment, left_for_a_job)), len(left_for_a_job)),
        outcome_sources=dict(
            sorted(
                Counter(
                    Outcome.objects.filter(enrolment__in=enrolments).values_list("source", flat=True)
                ).items()
            )
        ),
    )


def _age(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _milestone(code: str) -> str:
    return {MilestoneCode.END: "at the end"}.get(code, code.replace("month_", "") + " months")


def _counts(counts: dict) -> str:
    return ", ".join(f"{count} {name}" for name, count in counts.items())
