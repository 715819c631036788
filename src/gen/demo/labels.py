"""Labels: in force for the listed courses, suspended, withdrawn or expired for a handful of others."""

import datetime
import random

from gen.demo.context import DemoContext, LabelFate, demo_organisations
from gen.labelling.models import LABEL_VALIDITY_YEARS, Label

# The labelling committee meets three times a year.
COMMITTEE_DAYS = ((3, 15), (7, 1), (11, 15))
# Share of listed courses whose label is a renewal: an expired label precedes the one in force.
RENEWED_SHARE = 0.2

REASONS = {
    LabelFate.SUSPENDED: (
        "Label suspendu dans l'attente du bilan de la dernière promotion : le taux de sorties vers "
        "l'emploi est inférieur aux engagements.",
        "Label suspendu : la convention de financement n'est pas renouvelée, les prochaines sessions "
        "sont reportées.",
    ),
    LabelFate.WITHDRAWN: (
        "Label retiré par le comité de labellisation : la formation n'est plus gratuite pour les apprenants.",
        "Label retiré à la demande de l'organisme, qui a cessé cette formation.",
    ),
    LabelFate.EXPIRED: ("Label arrivé à échéance sans demande de renouvellement.",),
}
RENEWED_REASON = "Label arrivé à échéance, renouvelé pour trois ans par le comité de labellisation."


def build(ctx: DemoContext) -> None:
    rng = ctx.rng("labels")
    ctx.create_per_course(
        "labels", Label, lambda course: course_labels(rng, course, ctx.label_fates[course.slug], ctx.today)
    )


def clear() -> None:
    Label.objects.filter(course__organisation__in=demo_organisations()).delete()


def course_labels(rng: random.Random, course, fate: LabelFate, today: datetime.date) -> list[Label]:
    if fate == LabelFate.EXPIRED:
        granted = _committee_date(rng, today, min_days_ago=3 * 365 + 30, max_days_ago=3 * 365 + 400)
        return [_label(course, Label.Status.EXPIRED, granted, rng.choice(REASONS[fate]))]
    granted = _committee_date(rng, today, min_days_ago=30, max_days_ago=1000)
    if fate == LabelFate.ACTIVE:
        labels = [_label(course, Label.Status.ACTIVE, granted)]
        if rng.random() < RENEWED_SHARE:
            labels.insert(0, _label(course, Label.Status.EXPIRED, _add_years(granted, -3), RENEWED_REASON))
        return labels
    status = Label.Status.SUSPENDED if fate == LabelFate.SUSPENDED else Label.Status.WITHDRAWN
    return [_label(course, status, granted, rng.choice(REASONS[fate]))]


def _label(course, status: str, valid_from: datetime.date, reason: str = "") -> Label:
    valid_until = _add_years(valid_from, LABEL_VALIDITY_YEARS) - datetime.timedelta(days=1)
    return Label(
        course=course, status=status, valid_from=valid_from, valid_until=valid_until, status_reason=reason
    )


def _committee_date(
    rng: random.Random, today: datetime.date, *, min_days_ago: int, max_days_ago: int
) -> datetime.date:
    earliest = today - datetime.timedelta(days=max_days_ago)
    latest = today - datetime.timedelta(days=min_days_ago)
    dates = [
        datetime.date(year, month, day)
        for year in range(earliest.year, latest.year + 1)
        for month, day in COMMITTEE_DAYS
        if earliest <= datetime.date(year, month, day) <= latest
    ]
    return rng.choice(dates)


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
