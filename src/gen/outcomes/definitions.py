"""What the outcome indicators count, in one place (pure Python, no database).

Read by the surveys, the organisation pages and the statistics (`gen.stats`), and explained in plain
French on `/statistiques/methodologie`. Change a definition here and every figure follows.

Who is followed, and from when (the *exit date*):
- a learner who completed the course: from `Enrolment.completed_on`, at the end of the course
  (milestone END) and 3, 6 and 12 months later;
- a learner who dropped out: from `Enrolment.dropped_out_on`, at 3, 6 and 12 months only — their
  situation when leaving is already given by the drop-out reason, but what became of them afterwards
  counts, as France Travail counts every trainee who left a course, not only those who finished it;
- a learner still enrolled: not yet.

Which outcome counts: a learner may answer a survey and the organisation may later record what it
learnt (from the employer, by phone, from France Travail). Every record is kept; for one enrolment and
one milestone the one that counts is the latest recorded (`Outcome.is_current`, maintained by the
services, so that indicators read one indexed row per learner and milestone).

Response rate at a milestone: surveys answered / surveys closed, a survey being closed once answered
or once its link expired unanswered. A survey still open is left out until it closes, so that the rate
does not dip each time a wave of surveys goes out; a survey the daily run could not send in time is not
counted. Outcomes recorded by the organisation are not answers: they count in the indicators (the
outcome is known) but not in the response rate.
"""

import calendar
import datetime
import enum


class MilestoneCode(enum.StrEnum):
    END = "end"
    MONTH_3 = "month_3"
    MONTH_6 = "month_6"
    MONTH_12 = "month_12"


# How many months after the exit date each survey is due.
MILESTONE_MONTHS = {
    MilestoneCode.END: 0,
    MilestoneCode.MONTH_3: 3,
    MilestoneCode.MONTH_6: 6,
    MilestoneCode.MONTH_12: 12,
}

# Learners who dropped out are not asked at the end of the course (see the module docstring).
DROPPED_OUT_MILESTONES = (MilestoneCode.MONTH_3, MilestoneCode.MONTH_6, MilestoneCode.MONTH_12)

# The milestone the headline indicators ("retour à l'emploi", "emploi durable") are measured at.
HEADLINE_MILESTONE = MilestoneCode.MONTH_6


class SituationCode(enum.StrEnum):
    CDI = "cdi"
    CDD_LONG = "cdd_long"  # fixed-term contract of 6 months or more
    CDD_SHORT = "cdd_short"  # fixed-term contract of less than 6 months
    INTERIM = "interim"
    WORK_STUDY = "work_study"  # apprenticeship or professionalisation contract
    SUBSIDISED = "subsidised"  # subsidised contract (PEC, CIE, IAE…)
    BUSINESS_CREATION = "business_creation"
    TRAINING = "training"
    JOB_SEEKING = "job_seeking"
    INACTIVE = "inactive"


ALL_SITUATIONS = frozenset(situation.value for situation in SituationCode)

SALARIED_SITUATIONS = frozenset(
    {
        SituationCode.CDI,
        SituationCode.CDD_LONG,
        SituationCode.CDD_SHORT,
        SituationCode.INTERIM,
        SituationCode.WORK_STUDY,
        SituationCode.SUBSIDISED,
    }
)

# "Retour à l'emploi" (France Travail): a salaried job of at least one month — including subsidised
# contracts and work-study — or a business creation. The survey does not ask whether a short contract
# lasts one month: every salaried situation declared counts (noted on the methodology page).
EMPLOYMENT_SITUATIONS = SALARIED_SITUATIONS | {SituationCode.BUSINESS_CREATION}

# "Emploi durable": CDI, CDD of 6 months or more, business creation — and interim of 6 months or more,
# which the situation alone does not tell: the survey asks temping learners whether their assignments
# add up to 6 months or more (`Outcome.interim_six_months_or_more`), and only a "yes" counts.
DURABLE_SITUATIONS = frozenset({SituationCode.CDI, SituationCode.CDD_LONG, SituationCode.BUSINESS_CREATION})

FURTHER_TRAINING_SITUATIONS = frozenset({SituationCode.TRAINING})

# Situations where the start date, employer and job title are asked.
JOB_DETAIL_SITUATIONS = EMPLOYMENT_SITUATIONS


def is_employment(situation: str) -> bool:
    return situation in EMPLOYMENT_SITUATIONS


def is_durable_employment(situation: str, interim_six_months_or_more: bool | None) -> bool:
    if situation == SituationCode.INTERIM:
        return interim_six_months_or_more is True
    return situation in DURABLE_SITUATIONS


def is_further_training(situation: str) -> bool:
    return situation in FURTHER_TRAINING_SITUATIONS


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or that month's last day (31 August + 6 months = 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def survey_due_on(exit_date: datetime.date, milestone: str) -> datetime.date:
    return add_months(exit_date, MILESTONE_MONTHS[MilestoneCode(milestone)])
