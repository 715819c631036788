"""The demo, step by step. A later part of the platform adds its own module with `build(ctx)` and
`clear()` and appends a Step to STEPS."""

import datetime
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from gen.accounts.models import Membership
from gen.catalogue.models import Course
from gen.catalogue.services import courses_refresh_listing, courses_refresh_search_index
from gen.demo import (
    admissions,
    courses,
    featured,
    followup,
    history,
    labelling,
    labels,
    organisations,
    people,
    sessions,
)
from gen.demo.context import DemoContext, Step, demo_organisations
from gen.demo.models import DemoDataset
from gen.demo.reference import load_reference
from gen.demo.scales import Scale

DEFAULT_SEED = 2015

STEPS = [
    Step("organisations", organisations.build, organisations.clear),
    Step("courses", courses.build, courses.clear),
    Step("sessions", sessions.build, sessions.clear),
    # The national team and reviewers act in labelling; the historical call's dossiers grant the labels.
    Step("people", people.build, people.clear),
    Step("labelling", labelling.build, labelling.clear),
    Step("labels", labels.build, labels.clear),
    # The labels' commitments are the sessions' default minimum rates.
    Step("admissions", admissions.build, admissions.clear),
    # The learners are the admissions' enrolments.
    Step("follow-up", followup.build, followup.clear),
    # At the stress scale, years of past cohorts in bulk, for the statistics' benchmark.
    Step("history", history.build, history.clear),
]


@dataclass(frozen=True)
class SeedOutcome:
    dataset: DemoDataset | None
    created: bool


def demo_seed(
    *,
    scale: Scale,
    seed: int = DEFAULT_SEED,
    today: datetime.date | None = None,
    reset: bool = False,
    show_progress: bool = False,
) -> SeedOutcome:
    """Create the demo data of a scale in one transaction; leave existing demo data alone unless `reset`.

    Raises MissingReferenceData when regions, communes or ROME jobs are not loaded.
    """
    today = today or timezone.localdate()
    reference = load_reference(
        communes_per_region=scale.communes_per_region, insee_codes=featured.insee_codes()
    )
    with transaction.atomic(durable=True):
        if demo_exists():
            if not reset:
                return SeedOutcome(dataset=DemoDataset.objects.first(), created=False)
            demo_clear()
        ctx = DemoContext(
            scale=scale, seed=seed, today=today, reference=reference, show_progress=show_progress
        )
        for step in STEPS:
            step.build(ctx)
        demo_courses = Course.objects.filter(organisation__in=demo_organisations())
        courses_refresh_listing(demo_courses, today=today)
        courses_refresh_search_index(demo_courses)
        dataset = DemoDataset.objects.create(
            scale=scale.name, seed=seed, reference_date=today, counts=dict(ctx.counts)
        )
    _refresh_planner_statistics()
    return SeedOutcome(dataset=dataset, created=True)


def _refresh_planner_statistics() -> None:
    """After a bulk load, PostgreSQL's statistics are stale until autovacuum passes: refresh them now.

    Outside a transaction, also compact the tables the load rewrote (courses get their search vector
    and listing after insertion), as one would after any bulk import.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if connection.in_atomic_block:
            cursor.execute("ANALYZE")
        else:
            cursor.execute("VACUUM (FULL, ANALYZE) catalogue_course, catalogue_session, labelling_label")
            cursor.execute("ANALYZE")


def demo_exists() -> bool:
    return DemoDataset.objects.exists() or demo_organisations().exists()


def demo_clear() -> None:
    for step in reversed(STEPS):
        step.clear()
    DemoDataset.objects.all().delete()


def demo_logins() -> list[tuple[str, str, str]]:
    """(e-mail, role, scope) of each named demo user's memberships, in the order they were created (the
    candidates, advisers and selection officers the demo makes by the thousand are left out)."""
    memberships = (
        Membership.objects.filter(user__email__in=[user.email for user in people.DEMO_USERS])
        .select_related("user", "organisation", "funder", "region")
        .order_by("user_id", "pk")
    )
    return [
        (
            membership.user.email,
            membership.get_role_display() + (" (administrator)" if membership.is_admin else ""),
            str(membership.organisation or membership.funder or membership.region or ""),
        )
        for membership in memberships
    ]
