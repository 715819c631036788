"""Labels: granted by the historical call's committee (see the labelling step, which runs first), in
force for the listed courses, suspended or withdrawn since for a handful of others; the expired ones
date from before the platform. Every change of status has its log row."""

import datetime
import random

from gen.catalogue.models import Course
from gen.demo.context import DemoContext, LabelFate, demo_organisations
from gen.demo.labelling.dossiers import Log, at, demo_staff, working_time
from gen.demo.labelling.history import COMMITTEE_DAYS
from gen.labelling.models import LABEL_VALIDITY_YEARS, CommitteeDecision, Label
from gen.labelling.services.workflows import LABEL_WORKFLOW

# Share of listed courses whose label is a renewal: an expired label precedes the one in force.
RENEWED_SHARE = 0.2
# A label is suspended or withdrawn at least this long after it was granted, and before today.
CHANGED_AFTER = datetime.timedelta(days=60)
CHANGED_BEFORE = datetime.timedelta(days=14)

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
    grants = _grants()
    team = demo_staff().team
    log = Log(LABEL_WORKFLOW)
    ctx.create_per_course(
        "labels",
        Label,
        lambda course: course_labels(
            rng,
            course,
            ctx.label_fates[course.slug],
            ctx.today,
            grant=grants.get(course.pk),
            log=log,
            team=team,
        ),
    )
    ctx.counts["label status changes"] += log.save(batch_size=ctx.scale.batch_size)


def clear() -> None:
    Label.objects.filter(course__organisation__in=demo_organisations()).delete()


def _grants() -> dict[int, tuple[int, datetime.date]]:
    """Course id -> (dossier id, committee date) of the latest granted dossier of each demo course."""
    decisions = (
        CommitteeDecision.objects.filter(
            outcome=CommitteeDecision.Outcome.GRANTED,
            application__course__organisation__in=demo_organisations(),
        )
        .order_by("decided_on", "pk")
        .values_list("application__course_id", "application_id", "decided_on")
    )
    return {course_id: (application_id, decided_on) for course_id, application_id, decided_on in decisions}


def course_labels(
    rng: random.Random,
    course: Course,
    fate: LabelFate,
    today: datetime.date,
    *,
    grant: tuple[int, datetime.date] | None,
    log: Log,
    team=None,
) -> list[Label]:
    """The labels of a course; `grant` is the dossier that granted the current one (all but expired)."""
    if fate == LabelFate.EXPIRED:
        granted = _committee_date(rng, today, min_days_ago=3 * 365 + 30, max_days_ago=3 * 365 + 400)
        label = _label(course, granted)
        _change(log, label, Label.Status.EXPIRED, rng.choice(REASONS[fate]), on=_day_after(label.valid_until))
        return [label]
    application_id, granted = grant
    label = _label(course, granted, application_id)
    if fate == LabelFate.ACTIVE:
        labels = [label]
        if rng.random() < RENEWED_SHARE:
            previous = _label(course, _add_years(granted, -3))
            _change(log, previous, Label.Status.EXPIRED, RENEWED_REASON, on=at(granted, 18), actor=team)
            labels.insert(0, previous)
        return labels
    status = Label.Status.SUSPENDED if fate == LabelFate.SUSPENDED else Label.Status.WITHDRAWN
    changed_on = working_time(rng, granted + CHANGED_AFTER, today - CHANGED_BEFORE)
    _change(log, label, status, rng.choice(REASONS[fate]), on=changed_on, actor=team)
    return [label]


def _change(log: Log, label: Label, status: str, reason: str, *, on: datetime.datetime, actor=None) -> None:
    label.status_reason = reason
    log.move(label, to=status, at=on, actor=actor, reason=reason)


def _day_after(day: datetime.date) -> datetime.datetime:
    """When the daily expiry job passes."""
    return at(day + datetime.timedelta(days=1), 1)


def _label(course: Course, valid_from: datetime.date, application_id: int | None = None) -> Label:
    """An active label, as the committee grants it."""
    valid_until = _add_years(valid_from, LABEL_VALIDITY_YEARS) - datetime.timedelta(days=1)
    return Label(
        course=course,
        status=Label.Status.ACTIVE,
        valid_from=valid_from,
        valid_until=valid_until,
        application_id=application_id,
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
