"""What the demo's label dossiers share: who acts, when, what a dossier says, its PDFs, reviews and decisions.

Rows are built in memory with dates computed from the demo's "today" (the services stamp the real
clock and send e-mails), walked through the labelling workflows' own transition tables, then written
in bulk.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone, translation

from gen.accounts.models import Membership, Role, User
from gen.catalogue.models import Course
from gen.core.workflow import Workflow
from gen.demo.context import DEMO_DOMAIN
from gen.demo.labelling import texts
from gen.demo.labelling.pdf import one_page_pdf
from gen.demo.names import of_town
from gen.labelling.models import (
    Attachment,
    CoFunding,
    CommitteeDecision,
    Criterion,
    LabelApplication,
    ReviewAssignment,
    Score,
)
from gen.labelling.models.reviews import SCORE_NEEDING_A_COMMENT

# Sections an incomplete draft may still lack.
BUDGET, PUBLICS, PARTNERS = "budget", "publics", "partners"
SHARE_FIELDS = {
    "share_low_qualification": (40, 85),
    "share_young": (30, 70),
    "share_women": (20, 50),
    "share_qpv_zrr": (15, 45),
    "share_job_seekers": (60, 95),
}
# Yearly cost of a learner, in hundreds of euros; the seed grant asked, in percent of the budget.
COST_PER_LEARNER = (45, 80)
SEED_GRANT_PERCENT = (20, 60)
# How reviewers score a dossier the committee granted, and one it did not.
STRONG_SCORES = {5: 3, 4: 5, 3: 3, 2: 1}
WEAK_SCORES = {4: 2, 3: 4, 2: 3, 1: 1}


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """That day at that time, in the platform's time zone."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_default_timezone())


def working_time(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.datetime:
    """A working hour of a day from `first` to `last` (both included; `first` when they cross)."""
    days = max(0, (last - first).days)
    day = first + datetime.timedelta(days=rng.randint(0, days))
    return at(day, rng.randint(9, 17), rng.choice((0, 10, 20, 30, 40, 50)))


def later(
    rng: random.Random, moment: datetime.datetime, min_days: int, max_days: int, *, until: datetime.date
) -> datetime.datetime:
    """A working time some days after `moment`, no later than `until`, never before `moment`."""
    first = moment.date() + datetime.timedelta(days=min_days)
    chosen = working_time(rng, first, min(first + datetime.timedelta(days=max_days - min_days), until))
    return max(chosen, moment + datetime.timedelta(minutes=10))


class Log:
    """Transition log rows kept while objects walk their workflow in memory, then written in bulk."""

    def __init__(self, workflow: Workflow):
        self.workflow = workflow
        self.rows: list = []

    def move(self, obj, *, to: str, at: datetime.datetime, actor=None, reason: str = "") -> None:
        field = self.workflow.state_field
        source = getattr(obj, field)
        if not self.workflow.can_move(obj, to):
            raise ValueError(f"{type(obj).__name__}: {source} → {to} is not in the workflow.")
        setattr(obj, field, to)
        self.rows.append(
            self.workflow.log_model(
                subject=obj, from_state=source, to_state=to, actor=actor, reason=reason, at=at
            )
        )

    def save(self, batch_size: int) -> int:
        self.workflow.log_model.objects.bulk_create(self.rows, batch_size=batch_size)
        count, self.rows = len(self.rows), []
        return count


@dataclass(frozen=True)
class Reviewer:
    user: User
    # None for a national reviewer.
    region_id: int | None
    organisation_ids: frozenset[int]

    def may_review(self, *, organisation_id: int, region_id: int) -> bool:
        """Never a dossier of an organisation they belong to; a regional reviewer only in their region."""
        return organisation_id not in self.organisation_ids and self.region_id in (None, region_id)


@dataclass(frozen=True)
class Staff:
    """The demo users who act in labelling: the national team, the reviewers, organisation members."""

    team: User | None
    reviewers: tuple[Reviewer, ...]
    # Organisation id -> the member who fills in its dossiers (its administrator first).
    members: dict[int, User]

    def reviewers_of(self, *, organisation_id: int, region_id: int) -> list[Reviewer]:
        return [
            reviewer
            for reviewer in self.reviewers
            if reviewer.may_review(organisation_id=organisation_id, region_id=region_id)
        ]

    def reviewers_of_course(self, course: Course) -> list[Reviewer]:
        return self.reviewers_of(
            organisation_id=course.organisation_id, region_id=course.commune.departement.region_id
        )

    @property
    def reviewer_organisation_ids(self) -> set[int]:
        return {pk for reviewer in self.reviewers for pk in reviewer.organisation_ids}


def demo_staff() -> Staff:
    memberships = list(
        Membership.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}")
        .select_related("user")
        .order_by("user__email", "pk")
    )
    organisations_of: dict[int, set[int]] = {}
    members: dict[int, User] = {}
    for membership in sorted(memberships, key=lambda membership: not membership.is_admin):
        if membership.organisation_id is not None:
            organisations_of.setdefault(membership.user_id, set()).add(membership.organisation_id)
            if membership.role == Role.ORGANISATION:
                members.setdefault(membership.organisation_id, membership.user)
    team = next((m.user for m in memberships if m.role == Role.NATIONAL_TEAM), None)
    reviewers = tuple(
        Reviewer(
            user=membership.user,
            region_id=membership.region_id,
            organisation_ids=frozenset(organisations_of.get(membership.user_id, ())),
        )
        for membership in memberships
        if membership.role == Role.REVIEWER
    )
    return Staff(team=team, reviewers=reviewers, members=members)


def fill(rng: random.Random, application: LabelApplication, course: Course, *, missing=()) -> list[CoFunding]:
    """Write the dossier's sections, but those `missing`; return its co-fundings (unsaved)."""
    commune = course.commune
    de_ville = of_town(commune.name)
    application.places_per_session = rng.choice((24, 24, 24, 20, 16))
    application.sessions_per_year = rng.choice((2, 2, 2, 1, 3))
    if PUBLICS not in missing:
        for name, (low, high) in SHARE_FIELDS.items():
            setattr(application, name, rng.randrange(low, high + 1, 5))
    if PARTNERS not in missing:
        application.sourcing_partners = rng.choice(texts.SOURCING_PARTNERS).format(de_ville=de_ville)
        application.employer_partners = rng.choice(texts.EMPLOYER_PARTNERS).format(
            de_ville=de_ville, companies=rng.randint(4, 18), hires=rng.randint(2, 12) * 5
        )
    if BUDGET in missing:
        return []
    learners = application.places_per_session * application.sessions_per_year
    budget = round(learners * rng.randint(*COST_PER_LEARNER) * 100, -3)
    seed_grant = round(budget * rng.randint(*SEED_GRANT_PERCENT) / 100, -2)
    application.annual_budget = Decimal(budget)
    application.seed_grant_requested = Decimal(seed_grant)
    rest = budget - seed_grant
    region_share = round(rest * rng.uniform(0.4, 0.8), -2)
    co_fundings = [
        CoFunding(
            application=application,
            funder_name=f"Région {commune.departement.region.name}",
            amount=Decimal(region_share),
        )
    ]
    if rng.random() < 0.6 and rest - region_share >= 1000:
        co_fundings.append(
            CoFunding(
                application=application,
                funder_name=rng.choice(texts.CO_FUNDERS),
                amount=Decimal(round((rest - region_share) * rng.uniform(0.3, 1), -2) or 100),
            )
        )
    return co_fundings


def attachments(
    rng: random.Random, application: LabelApplication, kinds, *, uploaded_at: datetime.datetime
) -> list[Attachment]:
    """The dossier's PDFs, stored through Django's storage (the application must be saved)."""
    made = []
    course = application.course
    for kind in kinds:
        file_name, heading = texts.ATTACHMENT_NAMES[kind]
        content = one_page_pdf(
            heading,
            [course.title, f"{course.organisation.name} – {course.commune.name}", application.call.title],
        )
        attachment = Attachment(
            application=application,
            kind=kind,
            token=f"{rng.getrandbits(64):016x}",
            original_name=file_name,
            size=len(content),
            uploaded_at=uploaded_at,
        )
        attachment.file.save(file_name, ContentFile(content), save=False)
        made.append(attachment)
    return made


def review(
    rng: random.Random,
    application: LabelApplication,
    reviewer: Reviewer,
    criteria: list[Criterion],
    *,
    assigned_by: User | None,
    assigned_at: datetime.datetime,
    submitted_at: datetime.datetime | None = None,
    scored: int | None = None,
    strong: bool = True,
) -> tuple[ReviewAssignment, list[Score]]:
    """An assignment and its scores: every criterion when submitted, else the first `scored` ones."""
    assignment = ReviewAssignment(
        application=application,
        reviewer=reviewer.user,
        assigned_by=assigned_by,
        assigned_at=assigned_at,
        submitted_at=submitted_at,
    )
    count = len(criteria) if submitted_at else (scored or 0)
    odds = STRONG_SCORES if strong else WEAK_SCORES
    scores = []
    for criterion in criteria[:count]:
        value = rng.choices(list(odds), weights=list(odds.values()))[0]
        comment = ""
        if value < SCORE_NEEDING_A_COMMENT:
            comment = rng.choice(
                texts.LOW_SCORE_COMMENTS.get(criterion.position, texts.LOW_SCORE_COMMENTS[1])
            )
        elif value == 5 and rng.random() < 0.3:
            comment = rng.choice(texts.PRAISE)
        scores.append(Score(assignment=assignment, criterion=criterion, score=value, comment=comment))
    return assignment, scores


def decision(
    application: LabelApplication, outcome: str, *, reasons: str, decided_on: datetime.date, team: User | None
) -> CommitteeDecision:
    return CommitteeDecision(
        application=application,
        outcome=outcome,
        reasons=reasons,
        decided_on=decided_on,
        decided_by=team,
        recorded_at=at(decided_on, 18),
    )


def outcome_label(outcome: str) -> str:
    """The decision in French, as the committee service writes it on the dossier's log."""
    with translation.override("fr"):
        return str(CommitteeDecision.Outcome(outcome).label)


def bulk_create_dated(model, objects: list, *, field: str, batch_size: int) -> None:
    """bulk_create, then put back the dates an `auto_now_add` field overwrote (the demo's past)."""
    wanted = [getattr(obj, field) for obj in objects]
    model.objects.bulk_create(objects, batch_size=batch_size)
    for obj, value in zip(objects, wanted, strict=True):
        setattr(obj, field, value)
    model.objects.bulk_update(objects, [field], batch_size=batch_size)
