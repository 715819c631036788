"""The call open today, regional, with dossiers in every state: drafts (some incomplete), submitted,
under review (some reviews in, some missing) and one the committee deferred.

The Pop School-like organisation, whose demo users log in, has dossiers of its own; no dossier goes to
an organisation a demo reviewer belongs to, and no reviewer is assigned where they may not review.
"""

import datetime
import random
from enum import StrEnum

from gen.catalogue.models import Course
from gen.demo.context import DemoContext
from gen.demo.labelling import applicants, texts
from gen.demo.labelling.dossiers import (
    BUDGET,
    PARTNERS,
    PUBLICS,
    Log,
    Staff,
    at,
    attachments,
    bulk_create_dated,
    decision,
    fill,
    later,
    review,
    working_time,
)
from gen.demo.scales import HAUTS_DE_FRANCE
from gen.labelling.models import (
    Attachment,
    CoFunding,
    CommitteeDecision,
    LabelApplication,
    LabellingCall,
    ReviewAssignment,
    Score,
)
from gen.labelling.services.calls import call_create
from gen.labelling.services.workflows import APPLICATION_WORKFLOW, CALL_WORKFLOW
from gen.organisations.models import Organisation

# Hauts-de-France, where the demo's regional reviewer works, and Île-de-France.
REGION_CODES = (HAUTS_DE_FRANCE, "11")
OPEN_FOR = datetime.timedelta(weeks=6)
LEFT_OPEN = datetime.timedelta(weeks=6)
# An interim committee met during the call.
COMMITTEE_DAYS_AGO = 8


class Plan(StrEnum):
    INCOMPLETE_DRAFT = "incomplete draft"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    REVIEWED = "reviewed"  # every review submitted
    HALF_REVIEWED = "half reviewed"  # one review submitted, the other missing
    REVIEW_STARTED = "review started"  # some scores saved, nothing submitted
    REVIEW_WAITING = "review waiting"  # reviewers assigned, nothing scored
    DEFERRED = "deferred"  # reviewed, and deferred by the interim committee


P = Plan
# The Pop School-like organisation's dossiers first, then the others'.
POP_PLANS = (P.INCOMPLETE_DRAFT, P.SUBMITTED, P.HALF_REVIEWED)
OTHER_PLANS = {
    "small": (P.INCOMPLETE_DRAFT, P.DRAFT, P.SUBMITTED, P.REVIEWED, P.REVIEW_STARTED, P.DEFERRED),
    "national": (
        *(P.INCOMPLETE_DRAFT,) * 3,
        *(P.DRAFT,) * 2,
        *(P.SUBMITTED,) * 6,
        *(P.REVIEWED,) * 4,
        *(P.HALF_REVIEWED,) * 2,
        *(P.REVIEW_STARTED,) * 2,
        *(P.REVIEW_WAITING,) * 2,
        P.DEFERRED,
    ),
}
DRAFTS = (P.INCOMPLETE_DRAFT, P.DRAFT)
# Reviewers each plan wants on a dossier (as many as may review it, at most).
REVIEWERS_WANTED = {
    P.REVIEWED: 2,
    P.HALF_REVIEWED: 2,
    P.DEFERRED: 2,
    P.REVIEW_STARTED: 1,
    P.REVIEW_WAITING: 1,
}
# What an incomplete draft still lacks, in turn: sections and the attachments it has.
INCOMPLETE = (
    ({BUDGET}, (Attachment.Kind.PROGRAMME,)),
    ({PUBLICS, PARTNERS}, ()),
)
# Refused courses that apply again, at most this share of them.
REAPPLYING_SHARE = 0.5


def build(ctx: DemoContext, rng: random.Random, staff: Staff, refused: list[Course]) -> LabellingCall:
    today = ctx.today
    codes = [code for code in REGION_CODES if code in ctx.region_codes]
    pop = ctx.featured.get("pop") or ctx.organisations[0]
    if applicants.region_code(pop) not in codes:
        codes.append(applicants.region_code(pop))
    regions = [ctx.reference.region(code) for code in codes]
    opens_at = at(today - OPEN_FOR, 10)
    call = call_create(
        title=f"Appel à labellisation Grande École du Numérique {today.year} — "
        + " et ".join(region.name for region in regions),
        text=texts.OPEN_CALL_TEXT.format(regions=" et ".join(region.name for region in regions)),
        opens_at=opens_at,
        deadline=at(today + LEFT_OPEN, 12),
        region_codes=codes,
        acting_user=staff.team,
    )
    log = Log(CALL_WORKFLOW)
    log.move(call, to=LabellingCall.State.PUBLISHED, at=opens_at, actor=staff.team)
    LabellingCall.objects.filter(pk=call.pk).update(
        state=call.state, created_at=opens_at - datetime.timedelta(weeks=2)
    )
    log.save(batch_size=10)
    dossiers = _applicants(ctx, rng, staff, pop, refused, {region.pk for region in regions})
    _write(ctx, rng, call, staff, dossiers)
    return call


def _applicants(ctx, rng, staff: Staff, pop: Organisation, refused: list[Course], region_ids: set[int]):
    """(course, plan) pairs: new courses of the Pop-like organisation, refused courses applying again,
    new courses of other organisations of the call's regions; never of a reviewer's organisation."""
    excluded = staff.reviewer_organisation_ids - {pop.pk}
    plans = list(OTHER_PLANS[ctx.scale.name])
    rng.shuffle(plans)
    plans.sort(key=lambda plan: -REVIEWERS_WANTED.get(plan, 0))
    reapplying = [
        course
        for course in refused
        if course.commune.departement.region_id in region_ids and course.organisation_id not in excluded
    ]
    reapplying = rng.sample(reapplying, int(len(reapplying) * REAPPLYING_SHARE))
    organisations = sorted(
        (
            organisation
            for organisation in ctx.organisations
            if organisation.commune.departement.region_id in region_ids and organisation.pk not in excluded
        ),
        key=lambda organisation: organisation.siret,
    )
    chosen: list[tuple[Course | None, Plan]] = []
    slots = applicants.pop_slots(ctx, pop, len(POP_PLANS))
    for plan in plans:
        wanted = min(REVIEWERS_WANTED.get(plan, 0), len(staff.reviewers))
        course = next((c for c in reapplying if len(staff.reviewers_of_course(c)) >= wanted), None)
        if course is not None:
            reapplying.remove(course)
            chosen.append((course, plan))
            continue
        slots.append(applicants.slot(_organisation(rng, staff, organisations, pop, wanted)))
        chosen.append((None, plan))
    courses = iter(applicants.new_courses(ctx, rng, slots))
    pairs = [(next(courses), plan) for plan in POP_PLANS]
    pairs += [(course or next(courses), plan) for course, plan in chosen]
    return pairs


def _organisation(rng, staff: Staff, organisations: list[Organisation], pop: Organisation, wanted: int):
    """An organisation of the call's regions with enough reviewers who may review it, other than
    the Pop-like one when possible."""

    def reviewers(organisation):
        region_id = organisation.commune.departement.region_id
        return len(staff.reviewers_of(organisation_id=organisation.pk, region_id=region_id))

    choices = (
        [o for o in organisations if o.pk != pop.pk and reviewers(o) >= wanted],
        [o for o in organisations if reviewers(o) >= wanted],
        [o for o in organisations if o.pk != pop.pk],
    )
    return rng.choice(next((candidates for candidates in choices if candidates), [pop]))


def _write(ctx: DemoContext, rng: random.Random, call: LabellingCall, staff: Staff, dossiers) -> None:
    today = ctx.today
    yesterday = today - datetime.timedelta(days=1)
    committee_on = today - datetime.timedelta(days=COMMITTEE_DAYS_AGO)
    opens_on = call.opens_at.date()
    criteria = list(call.criteria.order_by("position"))
    log = Log(APPLICATION_WORKFLOW)
    applications, co_fundings, decisions, reviews, files = [], [], [], [], []
    incomplete = 0
    for course, plan in dossiers:
        application = LabelApplication(call=call, course=course)
        missing, kinds = set(), [Attachment.Kind.PROGRAMME, Attachment.Kind.BUDGET]
        if plan == P.INCOMPLETE_DRAFT:
            missing, kinds = INCOMPLETE[incomplete % len(INCOMPLETE)]
            incomplete += 1
        elif rng.random() < 0.5:
            kinds.append(Attachment.Kind.PARTNERSHIPS)
        co_fundings += fill(rng, application, course, missing=missing)
        member = staff.members.get(course.organisation_id)
        if plan in DRAFTS:
            application.created_at = working_time(rng, opens_on, yesterday)
            files.append((application, kinds, later(rng, application.created_at, 0, 3, until=yesterday)))
            applications.append(application)
            continue
        application.created_at = working_time(rng, opens_on, opens_on + datetime.timedelta(days=12))
        files.append((application, kinds, later(rng, application.created_at, 0, 2, until=yesterday)))
        application.submitted_at = later(rng, application.created_at, 3, 8, until=yesterday)
        log.move(application, to=LabelApplication.State.SUBMITTED, at=application.submitted_at, actor=member)
        applications.append(application)
        if plan == P.SUBMITTED:
            continue
        assigned_at = later(rng, application.submitted_at, 1, 4, until=yesterday)
        log.move(application, to=LabelApplication.State.UNDER_REVIEW, at=assigned_at, actor=staff.team)
        until = committee_on - datetime.timedelta(days=1) if plan == P.DEFERRED else yesterday
        reviews += _reviews(rng, application, staff, criteria, plan, assigned_at=assigned_at, until=until)
        if plan == P.DEFERRED:
            reasons = rng.choice(texts.DEFERRED_REASONS)
            decisions.append(
                decision(
                    application,
                    CommitteeDecision.Outcome.DEFERRED,
                    reasons=reasons,
                    decided_on=committee_on,
                    team=staff.team,
                )
            )
    for application in applications:
        application.full_clean(exclude=["call", "course"], validate_unique=False, validate_constraints=False)
    batch_size = ctx.scale.batch_size
    bulk_create_dated(LabelApplication, applications, field="created_at", batch_size=batch_size)
    CoFunding.objects.bulk_create(co_fundings, batch_size=batch_size)
    made = [
        attachment
        for application, kinds, uploaded_at in files
        for attachment in attachments(rng, application, kinds, uploaded_at=uploaded_at)
    ]
    bulk_create_dated(Attachment, made, field="uploaded_at", batch_size=batch_size)
    bulk_create_dated(CommitteeDecision, decisions, field="recorded_at", batch_size=batch_size)
    assignments = [assignment for assignment, _ in reviews]
    bulk_create_dated(ReviewAssignment, assignments, field="assigned_at", batch_size=batch_size)
    Score.objects.bulk_create([score for _, scores in reviews for score in scores], batch_size=batch_size)
    log.save(batch_size=batch_size)
    ctx.counts["label applications"] += len(applications)
    ctx.counts["committee decisions"] += len(decisions)
    ctx.counts["reviews"] += len(assignments)
    ctx.counts["attachments"] += len(made)


def _reviews(rng, application, staff: Staff, criteria, plan: Plan, *, assigned_at, until: datetime.date):
    reviewers = staff.reviewers_of_course(application.course)[: REVIEWERS_WANTED[plan]]
    made = []
    for number, reviewer in enumerate(reviewers):
        submitted = plan in (P.REVIEWED, P.DEFERRED) or (plan == P.HALF_REVIEWED and number == 0)
        made.append(
            review(
                rng,
                application,
                reviewer,
                criteria,
                assigned_by=staff.team,
                assigned_at=assigned_at,
                submitted_at=later(rng, assigned_at, 3, 12, until=until) if submitted else None,
                scored=len(criteria) // 2 if plan == P.REVIEW_STARTED and number == 0 else 0,
                strong=rng.random() < 0.7,
            )
        )
    return made
