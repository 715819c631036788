"""The indicators the network is judged on, each defined once, here.

Every indicator is a count, or a numerator over a denominator. Both are *measures*: a number of rows of
one *population* (learners, outcomes at 6 months, surveys, applications, sessions) that meet a
condition. A population says which sessions a period selects: those that *started* in it (who entered
training, their profile, the admissions) or those that *ended* in it (completion, outcomes, surveys).
The rules of what counts as a job come from `gen.outcomes.definitions`.

Read by the figures (`gen.stats.refresh` counts every measure per session), the dashboards, the API,
the exports and the methodology page (`/statistiques/methodologie`), which is generated from the texts
below: change a definition here and every figure and its explanation follow.
"""

import enum
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Case, Count, ExpressionWrapper, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import LessThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gen.admissions.models import Application
from gen.admissions.models.candidates import BAC_LEVEL_OR_BELOW, Gender
from gen.admissions.publics import YOUNG_AGE_LIMIT
from gen.catalogue.models import Session
from gen.cohorts.models import Enrolment
from gen.outcomes.definitions import (
    DURABLE_SITUATIONS,
    EMPLOYMENT_SITUATIONS,
    FURTHER_TRAINING_SITUATIONS,
    HEADLINE_MILESTONE,
    SituationCode,
)
from gen.outcomes.models import Outcome, Situation, Survey
from gen.outcomes.selectors import open_surveys

# The national figures also count young people under 30 (seed 002: "69 % de jeunes de moins de 30 ans").
UNDER_30_AGE_LIMIT = 30


class Anchor(enum.StrEnum):
    """Which sessions a period selects for a population."""

    START = "start"  # sessions that started during the period
    END = "end"  # sessions that ended during the period


ANCHOR_DESCRIPTIONS = {
    Anchor.START: _(
        "Counted over the sessions that started during the period: a session that began in December 2024 "
        "counts in 2024."
    ),
    Anchor.END: _(
        "Counted over the sessions that ended during the period: a session that ended in March 2025 "
        "counts in 2025, whenever its learners answered."
    ),
}


class Kind(enum.StrEnum):
    COUNT = "count"
    PERCENT = "percent"  # numerator / denominator × 100
    RATIO = "ratio"  # numerator / denominator


@dataclass(frozen=True)
class Population:
    code: str
    rows: Callable[[], QuerySet]
    # The path from a row to its session (the session itself for the sessions population).
    session_path: str
    anchor: Anchor
    description: str

    def session_field(self, name: str) -> str:
        return f"{self.session_path}__{name}" if self.session_path else name


def _age_at_session_start():
    """Age in whole years on the session's first day (as for the priority publics at selection)."""
    birth, start = "candidate__birth_date", "session__start_date"
    birthday_later = LessThan(
        ExtractMonth(start) * 100 + ExtractDay(start), ExtractMonth(birth) * 100 + ExtractDay(birth)
    )
    return ExpressionWrapper(
        ExtractYear(start) - ExtractYear(birth) - _as_int(birthday_later), output_field=IntegerField()
    )


def _as_int(condition):
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def _started(rows: QuerySet, session_path: str = "session") -> QuerySet:
    """A session that has not started yet trains no one yet, and its selection may still be going on."""
    prefix = f"{session_path}__" if session_path else ""
    return rows.filter(**{f"{prefix}start_date__lte": timezone.localdate()})


LEARNERS = Population(
    code="learners",
    rows=lambda: _started(Enrolment.objects.all()),
    session_path="session",
    anchor=Anchor.START,
    description=_(
        "the learners of the sessions that started during the period (everyone who accepted a place, "
        "including those who left the course early)"
    ),
)
LEAVERS = Population(
    code="leavers",
    rows=lambda: Enrolment.objects.all(),
    session_path="session",
    anchor=Anchor.END,
    description=_("the learners of the sessions that ended during the period"),
)
OUTCOMES_6_MONTHS = Population(
    code="outcomes_6_months",
    rows=lambda: Outcome.objects.filter(is_current=True, milestone=HEADLINE_MILESTONE),
    session_path="enrolment__session",
    anchor=Anchor.END,
    description=_(
        "the learners of the sessions that ended during the period whose situation 6 months after "
        "leaving is known — from their answer to the survey or recorded by their organisation; when "
        "several records exist, the latest counts; those who dropped out are followed too"
    ),
)
SURVEYS_6_MONTHS = Population(
    code="surveys_6_months",
    rows=lambda: Survey.objects.filter(milestone=HEADLINE_MILESTONE, sent_at__isnull=False).exclude(
        open_surveys(timezone.now())
    ),
    session_path="enrolment__session",
    anchor=Anchor.END,
    description=_(
        "the surveys sent 6 months after leaving to the learners of the sessions that ended during the "
        "period, once closed: answered, or whose link expired (a survey awaiting an answer counts once it "
        "closes, so that the rate does not dip each time surveys go out)"
    ),
)
APPLICATIONS = Population(
    code="applications",
    rows=lambda: _started(Application.objects.all()),
    session_path="session",
    anchor=Anchor.START,
    description=_(
        "the applications to the sessions that started during the period (a person who applied to "
        "several sessions counts once per session)"
    ),
)
SESSIONS = Population(
    code="sessions",
    rows=lambda: _started(Session.objects.all(), session_path=""),
    session_path="",
    anchor=Anchor.START,
    description=_("the sessions that started during the period"),
)
POPULATIONS = (LEARNERS, LEAVERS, OUTCOMES_6_MONTHS, SURVEYS_6_MONTHS, APPLICATIONS, SESSIONS)


@dataclass(frozen=True)
class Measure:
    """A number per session: the rows of a population meeting a condition (or the sessions' places)."""

    code: str  # also the column of gen.stats.models.SessionFigures
    population: Population
    description: str
    condition: Callable[[], Q | object] | None = None
    # Situations counted, listed on the methodology page.
    situations: frozenset[str] = field(default_factory=frozenset)
    summed_field: str = ""  # a sum of this field instead of a count of rows

    @property
    def anchor(self) -> Anchor:
        return self.population.anchor

    def aggregate(self):
        if self.summed_field:
            return Sum(self.summed_field)
        return Count("pk", filter=self.condition() if self.condition else None)

    def rows(self) -> QuerySet:
        """The rows counted, in every session (filter them with gen.stats.filters.Filters.rows)."""
        rows = self.population.rows()
        return rows.filter(self.condition()) if self.condition else rows


def _situation_in(situations) -> Callable[[], Q]:
    return lambda: Q(situation__in=sorted(situations))


def _durable() -> Q:
    return Q(situation__in=sorted(DURABLE_SITUATIONS)) | Q(
        situation=SituationCode.INTERIM, interim_six_months_or_more=True
    )


def _under(limit: int) -> Callable[[], object]:
    return lambda: LessThan(_age_at_session_start(), limit)


MEASURES = (
    Measure("learners", LEARNERS, _("learners")),
    Measure(
        "learners_bac_or_below",
        LEARNERS,
        _("learners whose highest diploma is the baccalauréat or lower (no diploma, CAP, BEP, bac)"),
        lambda: Q(candidate__diploma_level__in=sorted(BAC_LEVEL_OR_BELOW)),
    ),
    Measure(
        "learners_under_26",
        LEARNERS,
        _("learners under 26 on the first day of their session"),
        _under(YOUNG_AGE_LIMIT),
    ),
    Measure(
        "learners_under_30",
        LEARNERS,
        _("learners under 30 on the first day of their session"),
        _under(UNDER_30_AGE_LIMIT),
    ),
    Measure(
        "learners_women",
        LEARNERS,
        _("learners who said they are women (those who preferred not to say count in the total)"),
        lambda: Q(candidate__gender=Gender.WOMAN),
    ),
    Measure(
        "learners_qpv_zrr",
        LEARNERS,
        _("learners living in a priority urban district (QPV) or a rural revitalisation zone (ZRR)"),
        lambda: Q(candidate__lives_in_qpv_or_zrr=True),
    ),
    Measure(
        "learners_job_seekers",
        LEARNERS,
        _("learners registered as job seekers with France Travail when they applied"),
        lambda: Q(candidate__is_job_seeker=True),
    ),
    Measure(
        "leavers",
        LEAVERS,
        _(
            "learners who left the course, having completed it or not (those still recorded as in training are left out)"
        ),
        lambda: Q(status__in=[Enrolment.Status.COMPLETED, Enrolment.Status.DROPPED_OUT]),
    ),
    Measure(
        "completers",
        LEAVERS,
        _("learners who completed the course"),
        lambda: Q(status=Enrolment.Status.COMPLETED),
    ),
    Measure("respondents_6_months", OUTCOMES_6_MONTHS, _("learners whose situation at 6 months is known")),
    Measure(
        "employed_6_months",
        OUTCOMES_6_MONTHS,
        _("of them, learners in a salaried job, on a subsidised contract or running their own business"),
        _situation_in(EMPLOYMENT_SITUATIONS),
        situations=EMPLOYMENT_SITUATIONS,
    ),
    Measure(
        "durable_6_months",
        OUTCOMES_6_MONTHS,
        _(
            "of them, learners on a permanent contract, a fixed-term contract of 6 months or more, "
            "temporary assignments adding up to 6 months or more, or running their own business"
        ),
        _durable,
        situations=DURABLE_SITUATIONS | {SituationCode.INTERIM},
    ),
    Measure(
        "training_6_months",
        OUTCOMES_6_MONTHS,
        _("of them, learners in further training"),
        _situation_in(FURTHER_TRAINING_SITUATIONS),
        situations=FURTHER_TRAINING_SITUATIONS,
    ),
    Measure("surveys_closed_6_months", SURVEYS_6_MONTHS, _("surveys closed at 6 months")),
    Measure(
        "surveys_answered_6_months",
        SURVEYS_6_MONTHS,
        _("of them, surveys the learner answered"),
        lambda: Q(answered_at__isnull=False),
    ),
    Measure("applications", APPLICATIONS, _("applications received")),
    Measure(
        "applications_admitted",
        APPLICATIONS,
        _("of them, applications that led to a place taken (an accepted offer, an enrolment)"),
        lambda: Q(enrolment__isnull=False),
    ),
    Measure("places", SESSIONS, _("places offered in these sessions"), summed_field="capacity"),
)
MEASURES_BY_CODE = {measure.code: measure for measure in MEASURES}


class Theme(enum.StrEnum):
    LEARNERS = "learners"
    OUTCOMES = "outcomes"
    PUBLICS = "publics"
    ADMISSIONS = "admissions"


THEME_LABELS = {
    Theme.LEARNERS: _("Learners"),
    Theme.OUTCOMES: _("Outcomes 6 months after the course"),
    Theme.PUBLICS: _("Priority publics among the learners"),
    Theme.ADMISSIONS: _("Admissions"),
}


@dataclass(frozen=True)
class Indicator:
    code: str
    theme: Theme
    label: str
    definition: str
    numerator: Measure
    denominator: Measure | None = None  # None: a count
    kind: Kind = Kind.PERCENT

    @property
    def anchor(self) -> Anchor:
        return self.numerator.anchor

    @property
    def period_description(self) -> str:
        return ANCHOR_DESCRIPTIONS[self.anchor]


def _measure(code: str) -> Measure:
    return MEASURES_BY_CODE[code]


def situation_labels(measure: Measure) -> list[str]:
    """The situations a measure counts, in the survey's order, for the methodology page."""
    labels = dict(Situation.choices)
    return [labels[code] for code in Situation.values if code in measure.situations]


INDICATORS = (
    Indicator(
        "learners",
        Theme.LEARNERS,
        _("Learners trained"),
        _("Everyone who started a course during the period, whether they completed it or not."),
        _measure("learners"),
        kind=Kind.COUNT,
    ),
    Indicator(
        "completion_rate",
        Theme.LEARNERS,
        _("Completion rate"),
        _("Share of the learners who left a course that ended during the period who completed it."),
        _measure("completers"),
        _measure("leavers"),
    ),
    Indicator(
        "employment_6_months",
        Theme.OUTCOMES,
        _("Back in employment at 6 months"),
        _(
            "France Travail's “retour à l'emploi”: share of the learners whose situation is known 6 months "
            "after leaving who hold a salaried job (of at least one month: every contract declared counts, "
            "as the survey does not ask its length), a subsidised or work-study contract, or run their own "
            "business."
        ),
        _measure("employed_6_months"),
        _measure("respondents_6_months"),
    ),
    Indicator(
        "durable_employment_6_months",
        Theme.OUTCOMES,
        _("Durable employment at 6 months"),
        _(
            "“Emploi durable”: share of the learners whose situation is known 6 months after leaving who "
            "hold a permanent contract (CDI), a fixed-term contract of 6 months or more, temporary "
            "assignments adding up to 6 months or more, or run their own business."
        ),
        _measure("durable_6_months"),
        _measure("respondents_6_months"),
    ),
    Indicator(
        "further_training_6_months",
        Theme.OUTCOMES,
        _("In further training at 6 months"),
        _(
            "Share of the learners whose situation is known 6 months after leaving who are in another training course."
        ),
        _measure("training_6_months"),
        _measure("respondents_6_months"),
    ),
    Indicator(
        "response_rate_6_months",
        Theme.OUTCOMES,
        _("Response rate to the 6-month survey"),
        _(
            "Share of the surveys sent 6 months after leaving that the learner answered, among those "
            "closed (answered, or whose link expired). Situations recorded by the organisations add to "
            "the answers in the rates above."
        ),
        _measure("surveys_answered_6_months"),
        _measure("surveys_closed_6_months"),
    ),
    Indicator(
        "share_bac_or_below",
        Theme.PUBLICS,
        _("At bac level or below"),
        _("Share of the learners with no diploma or a diploma up to the baccalauréat (levels 3 and 4)."),
        _measure("learners_bac_or_below"),
        _measure("learners"),
    ),
    Indicator(
        "share_under_26",
        Theme.PUBLICS,
        _("Under 26"),
        _("Share of the learners under 26 on the first day of their session."),
        _measure("learners_under_26"),
        _measure("learners"),
    ),
    Indicator(
        "share_under_30",
        Theme.PUBLICS,
        _("Under 30"),
        _("Share of the learners under 30 on the first day of their session."),
        _measure("learners_under_30"),
        _measure("learners"),
    ),
    Indicator(
        "share_women",
        Theme.PUBLICS,
        _("Women"),
        _("Share of the learners who said they are women."),
        _measure("learners_women"),
        _measure("learners"),
    ),
    Indicator(
        "share_qpv_zrr",
        Theme.PUBLICS,
        _("Residents of QPV or ZRR"),
        _(
            "Share of the learners living in a priority urban district (QPV) or a rural revitalisation zone (ZRR)."
        ),
        _measure("learners_qpv_zrr"),
        _measure("learners"),
    ),
    Indicator(
        "share_job_seekers",
        Theme.PUBLICS,
        _("Job seekers"),
        _("Share of the learners registered as job seekers when they applied."),
        _measure("learners_job_seekers"),
        _measure("learners"),
    ),
    Indicator(
        "admission_rate",
        Theme.ADMISSIONS,
        _("Admission rate"),
        _(
            "Share of the applications to the sessions that started during the period that led to a place "
            "taken: an offer accepted, an enrolment. A person who applied to several sessions counts once "
            "per session, so that the rate of a course, a region and the country are computed the same way."
        ),
        _measure("applications_admitted"),
        _measure("applications"),
    ),
    Indicator(
        "applicants_per_place",
        Theme.ADMISSIONS,
        _("Applicants per place"),
        _("Applications received per place offered in the sessions that started during the period."),
        _measure("applications"),
        _measure("places"),
        kind=Kind.RATIO,
    ),
)
INDICATORS_BY_CODE = {indicator.code: indicator for indicator in INDICATORS}

# The indicators shown as key figures at the top of the dashboards, in this order.
KEY_INDICATORS = (
    "learners",
    "employment_6_months",
    "durable_employment_6_months",
    "share_bac_or_below",
    "share_under_30",
    "admission_rate",
)
# The indicator of the map, the comparisons and the course pages: the one the network is judged on.
HEADLINE_INDICATOR = "employment_6_months"
