"""Which sessions get applicants, how many, and when each selection publishes its offers.

Every session whose applications have opened by the demo's today gets applicants ("about five
applicants per place": popular courses 8 to 10, others 2 to 4), unless the scale caps their number.
Selections publish a few days after applications close, a few of them earlier, while applications
are still open. The Pop School-like organisation's sessions open today (see sessions.py) are set
apart for its demo members: one ready to rank and publish, two with offers out.
"""

import datetime
import random
from dataclasses import dataclass, field

from gen.admissions.models.selection import DEFAULT_RESPONSE_DAYS
from gen.admissions.publics import Public
from gen.admissions.services.rates import COMMITMENT_FIELDS, Rate
from gen.catalogue.models import Session
from gen.demo.admissions.draws import Weighted
from gen.demo.context import DemoContext, demo_organisations
from gen.demo.labelling.dossiers import at
from gen.labelling.models import Label

POPULAR_SHARE = 1 / 3
POPULAR_DEMAND = (8, 10)
USUAL_DEMAND = (2, 4)
# Ranked candidates, in places: a waiting list, or too few to fill the session.
RANKED_PER_PLACE = (1.3, 2.2)
# A selection publishes this many days after applications close...
PUBLISHED_AFTER_CLOSING = (1, 6)
# ... or, for this share of sessions open for four weeks or more, a few days ago already.
EARLY_SHARE = 0.3
EARLY_AFTER = datetime.timedelta(days=28)
EARLY_DAYS_AGO = (1, 4)
RESPONSE_DAYS = Weighted({DEFAULT_RESPONSE_DAYS: 7, 3: 1, 7: 2})


@dataclass(eq=False)
class SessionPlan:
    pk: int
    course_id: int
    organisation_id: int
    region_code: str
    start: datetime.date
    end: datetime.date
    capacity: int
    opens: datetime.date
    closes: datetime.date
    # Applications over the whole window; those after the demo's today never arrive.
    applicants: int
    ranked_per_place: float
    # When offers go out; after the demo's today, they are not out yet.
    publish_at: datetime.datetime
    response_days: int
    rates: list[Rate]
    # Members who run the selection: they invite, assess, rank, refuse and publish.
    actors: tuple[int, ...] = ()
    slots: list = field(default_factory=list)

    def overlaps(self, other: "SessionPlan") -> bool:
        return self.start <= other.end and self.end >= other.start


def session_plans(ctx: DemoContext, rng: random.Random) -> tuple[list[SessionPlan], tuple[SessionPlan, ...]]:
    """The plans of the sessions that get applicants, and those of the Pop School-like organisation
    published yesterday and the day before (for the demo candidate's offer and waiting list)."""
    rows = list(
        Session.objects.filter(
            course__organisation__in=demo_organisations(), application_opens_on__lte=ctx.today
        )
        .order_by("pk")
        .values_list(
            "pk",
            "course_id",
            "course__organisation_id",
            "course__commune__departement__region__code",
            "start_date",
            "end_date",
            "capacity",
            "application_opens_on",
            "application_closes_on",
            named=True,
        )
    )
    pop_id = ctx.featured["pop"].pk if "pop" in ctx.featured else None
    showcased = _showcased(rows, pop_id, ctx.today)
    rows = _sample(rng, rows, ctx.today, ctx.scale.admissions_sessions, keep=set(showcased))
    rates = label_rates({row.course_id for row in rows}, ctx.today)
    demand = {}
    plans = {}
    for row in rows:
        if row.course_id not in demand:
            popular = row.course__organisation_id == pop_id or rng.random() < POPULAR_SHARE
            demand[row.course_id] = rng.uniform(*(POPULAR_DEMAND if popular else USUAL_DEMAND))
        plans[row.pk] = SessionPlan(
            pk=row.pk,
            course_id=row.course_id,
            organisation_id=row.course__organisation_id,
            region_code=row.course__commune__departement__region__code,
            start=row.start_date,
            end=row.end_date,
            capacity=row.capacity,
            opens=row.application_opens_on,
            closes=row.application_closes_on,
            applicants=round(row.capacity * demand[row.course_id] * rng.uniform(0.9, 1.1)),
            ranked_per_place=rng.uniform(*RANKED_PER_PLACE),
            publish_at=_publish_at(rng, row, ctx.today),
            response_days=RESPONSE_DAYS.draw(rng),
            rates=rates.get(row.course_id, []),
        )
    return list(plans.values()), _showcase([plans[pk] for pk in showcased if pk in plans], ctx.today)


def label_rates(course_ids: set[int], today: datetime.date) -> dict[int, list[Rate]]:
    """Each course's default minimum rates: the commitments of its label in force, as `minimum_rates_of`
    reads them, for many courses at once."""
    fields = {public: f"application__{name}" for public, name in COMMITMENT_FIELDS.items()}
    rates = {}
    for row in (
        Label.objects.in_force(today)
        .filter(course_id__in=course_ids, application__isnull=False)
        .order_by("course_id", "valid_from")
        .values("course_id", *fields.values())
    ):
        commitments = {public: row[name] for public, name in fields.items() if row[name]}
        ordered = [public for public in Public.values if public in commitments]
        rates[row["course_id"]] = [
            Rate(public, commitments[public], position) for position, public in enumerate(ordered, start=1)
        ]
    return rates


def _showcased(rows: list, pop_id: int | None, today: datetime.date) -> list[int]:
    """Up to three sessions of the Pop School-like organisation whose applications are open today."""
    return [
        row.pk
        for row in sorted(rows, key=lambda row: (row.course_id, row.pk))
        if row.course__organisation_id == pop_id
        and row.application_opens_on <= today <= row.application_closes_on
    ][:3]


def _showcase(plans: list[SessionPlan], today: datetime.date) -> tuple[SessionPlan, ...]:
    """The first session ready to rank and publish, the others published yesterday and the day before
    with a long waiting list; returns these."""
    if not plans:
        return ()
    ready, *published = plans
    ready.publish_at = max(ready.publish_at, at(today + datetime.timedelta(days=1), 10))
    for days_ago, plan in enumerate(published, start=1):
        plan.publish_at = at(today - datetime.timedelta(days=days_ago), 10)
        plan.ranked_per_place = RANKED_PER_PLACE[1]
    return tuple(published)


def _sample(
    rng: random.Random, rows: list, today: datetime.date, limit: int | None, *, keep: set[int]
) -> list:
    """At most `limit` sessions: those kept, half the rest among sessions not started, then past ones."""
    if limit is None or len(rows) <= limit:
        return rows
    kept = [row for row in rows if row.pk in keep][:limit]
    coming = [row for row in rows if row.pk not in keep and row.start_date > today]
    past = [row for row in rows if row.pk not in keep and row.start_date <= today]
    chosen = rng.sample(coming, min(len(coming), (limit - len(kept)) // 2))
    chosen += rng.sample(past, min(len(past), limit - len(kept) - len(chosen)))
    return sorted(kept + chosen, key=lambda row: row.pk)


def _publish_at(rng: random.Random, row, today: datetime.date) -> datetime.datetime:
    opens, closes = row.application_opens_on, row.application_closes_on
    if opens + EARLY_AFTER <= today <= closes and rng.random() < EARLY_SHARE:
        day = today - datetime.timedelta(days=rng.randint(*EARLY_DAYS_AGO))
    else:
        day = min(
            closes + datetime.timedelta(days=rng.randint(*PUBLISHED_AFTER_CLOSING)),
            row.start_date - datetime.timedelta(days=1),
        )
    return at(day, 10, rng.choice((0, 15, 30, 45)))
