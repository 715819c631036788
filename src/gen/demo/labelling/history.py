"""The historical call: national, decided about a year ago, it granted the labels in force today.

One decided dossier per course whose label it granted (listed, suspended or withdrawn since); the
expired labels are older than the platform. Beyond the stress scale, it also refused some courses,
deferred a few dossiers to its next committee, and two reviewers' scores remain for a sample.
"""

import datetime
import math
import random
from dataclasses import dataclass

from django.db.models import F

from gen.catalogue.models import Course
from gen.demo.context import DemoContext, LabelFate, batched
from gen.demo.labelling import applicants, texts
from gen.demo.labelling.dossiers import (
    Log,
    Staff,
    at,
    attachments,
    bulk_create_dated,
    decision,
    fill,
    later,
    outcome_label,
    review,
    working_time,
)
from gen.demo.sessions import MONTHS
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

# The labelling committee meets three times a year.
COMMITTEE_DAYS = ((3, 15), (7, 1), (11, 15))
# Labels of these fates were granted by the historical call.
GRANTED_FATES = (LabelFate.ACTIVE, LabelFate.SUSPENDED, LabelFate.WITHDRAWN)
# Refused dossiers, as a share of the listed courses; granted dossiers first deferred.
REFUSED_SHARE = 0.15
DEFERRED_SHARE = 0.06
# Dossiers whose reviews are on the platform, by scale (each scored by every reviewer who may).
REVIEWED_DOSSIERS = {"small": 4, "national": 20}
# How long before its submission a dossier was started, in days.
STARTED_DAYS_BEFORE = (5, 9, 14, 21, 30)

Granted, Refused, Deferred = (
    CommitteeDecision.Outcome.GRANTED,
    CommitteeDecision.Outcome.REFUSED,
    CommitteeDecision.Outcome.DEFERRED,
)


@dataclass(frozen=True)
class Calendar:
    opens_at: datetime.datetime
    deadline: datetime.datetime
    # When the national team assigned the reviewers.
    review_starts: datetime.datetime
    committee: datetime.date
    # The next committee, for the deferred dossiers.
    next_committee: datetime.date

    @property
    def title(self) -> str:
        opening = self.opens_at.date()
        return f"Appel à projets Grande École du Numérique — {MONTHS[opening.month - 1]} {opening.year}"


def calendar(today: datetime.date) -> Calendar:
    """Opened six months before the committee nearest to a year ago, for eight weeks."""
    target = today - datetime.timedelta(days=365)
    committees = sorted(
        datetime.date(year, month, day)
        for year in range(target.year - 1, target.year + 2)
        for month, day in COMMITTEE_DAYS
    )
    committee = min(committees, key=lambda day: (abs((day - target).days), day))
    next_committee = committees[committees.index(committee) + 1]
    months = committee.year * 12 + committee.month - 1 - 6
    opens_on = datetime.date(months // 12, months % 12 + 1, 15)
    deadline = at(opens_on + datetime.timedelta(weeks=8), 12)
    return Calendar(
        opens_at=at(opens_on, 10),
        deadline=deadline,
        review_starts=at(deadline.date() + datetime.timedelta(days=3), 10),
        committee=committee,
        next_committee=next_committee,
    )


@dataclass(frozen=True)
class Plan:
    course: Course
    outcome: str
    deferred: bool = False


def build(ctx: DemoContext, rng: random.Random, staff: Staff, *, full: bool) -> list[Course]:
    """Create the call and its dossiers; return the refused courses (they may apply again)."""
    dates = calendar(ctx.today)
    call = call_create(
        title=dates.title,
        text=texts.HISTORICAL_CALL_TEXT,
        opens_at=dates.opens_at,
        deadline=dates.deadline,
        acting_user=staff.team,
    )
    plans = _plans(ctx, rng, full=full)
    last_committee = dates.next_committee if any(plan.deferred for plan in plans) else dates.committee
    _decide_call(call, dates, staff, decided_at=at(last_committee, 19))
    batch_size = ctx.scale.batch_size
    applications: list[LabelApplication] = []
    for batch in ctx.progress(
        batched(plans, batch_size),
        total=math.ceil(len(plans) / batch_size),
        desc="Label applications",
        unit="batch",
    ):
        applications += _write(ctx, rng, call, dates, staff, batch, full=full)
    for day in (dates.committee, dates.next_committee):
        CommitteeDecision.objects.filter(application__call=call, decided_on=day).update(
            recorded_at=at(day, 18)
        )
    if full:
        _attach(ctx, rng, applications)
        _review(ctx, rng, call, dates, staff, applications)
    return [plan.course for plan in plans if plan.outcome == Refused]


def _plans(ctx: DemoContext, rng: random.Random, *, full: bool) -> list[Plan]:
    granted = [course for course in ctx.courses if ctx.label_fates[course.slug] in GRANTED_FATES]
    if not full:
        return [Plan(course, Granted) for course in granted]
    deferred = set(rng.sample(range(len(granted)), max(1, round(DEFERRED_SHARE * len(granted)))))
    listed = sum(fate == LabelFate.ACTIVE for fate in ctx.label_fates.values())
    organisations = sorted(ctx.organisations, key=lambda organisation: organisation.siret)
    refused = applicants.new_courses(
        ctx,
        rng,
        [applicants.slot(rng.choice(organisations)) for _ in range(max(1, round(REFUSED_SHARE * listed)))],
    )
    plans = [Plan(course, Granted, number in deferred) for number, course in enumerate(granted)]
    plans += [Plan(course, Refused) for course in refused]
    return plans


def _decide_call(
    call: LabellingCall, dates: Calendar, staff: Staff, *, decided_at: datetime.datetime
) -> None:
    log = Log(CALL_WORKFLOW)
    log.move(call, to=LabellingCall.State.PUBLISHED, at=dates.opens_at, actor=staff.team)
    closed_at = at(dates.deadline.date() + datetime.timedelta(days=1), 9)
    log.move(call, to=LabellingCall.State.CLOSED, at=closed_at, actor=staff.team)
    log.move(call, to=LabellingCall.State.DECIDED, at=decided_at, actor=staff.team)
    LabellingCall.objects.filter(pk=call.pk).update(
        state=call.state, created_at=dates.opens_at - datetime.timedelta(weeks=3)
    )
    log.save(batch_size=10)


def _write(ctx: DemoContext, rng: random.Random, call, dates: Calendar, staff: Staff, plans, *, full: bool):
    """Write a batch of dossiers in bulk, with their decisions and logs (and co-fundings if `full`)."""
    log = Log(APPLICATION_WORKFLOW)
    applications, decisions, co_fundings = [], [], []
    started: dict[int, list[LabelApplication]] = {}
    reason = {outcome: outcome_label(outcome) for outcome in (Granted, Refused)}
    submissions_close = dates.deadline.date() - datetime.timedelta(days=1)
    submissions_open = dates.opens_at.date() + datetime.timedelta(days=14)
    for plan in plans:
        application = LabelApplication(call=call, course=plan.course)
        co_fundings += fill(rng, application, plan.course)
        application.submitted_at = working_time(rng, submissions_open, submissions_close)
        days = rng.choice(STARTED_DAYS_BEFORE)
        started.setdefault(days, []).append(application)
        log.move(
            application,
            to=LabelApplication.State.SUBMITTED,
            at=application.submitted_at,
            actor=staff.members.get(plan.course.organisation_id),
        )
        log.move(
            application, to=LabelApplication.State.UNDER_REVIEW, at=dates.review_starts, actor=staff.team
        )
        decided_on = dates.committee
        if plan.deferred:
            reasons = rng.choice(texts.DEFERRED_REASONS)
            decisions.append(
                decision(application, Deferred, reasons=reasons, decided_on=decided_on, team=staff.team)
            )
            decided_on = dates.next_committee
        reasons = rng.choice(texts.GRANTED_REASONS if plan.outcome == Granted else texts.REFUSED_REASONS)
        decisions.append(
            decision(application, plan.outcome, reasons=reasons, decided_on=decided_on, team=staff.team)
        )
        log.move(
            application,
            to=LabelApplication.State.DECIDED,
            at=at(decided_on, 18),
            actor=staff.team,
            reason=reason[plan.outcome],
        )
        applications.append(application)
    batch_size = ctx.scale.batch_size
    LabelApplication.objects.bulk_create(applications, batch_size=batch_size)
    # The creation dates `auto_now_add` stamped, put back in the demo's past: one UPDATE per delay.
    for days, group in started.items():
        delay = datetime.timedelta(days=days)
        LabelApplication.objects.filter(pk__in=[application.pk for application in group]).update(
            created_at=F("submitted_at") - delay
        )
        for application in group:
            application.created_at = application.submitted_at - delay
    CommitteeDecision.objects.bulk_create(decisions, batch_size=batch_size)
    if full:
        CoFunding.objects.bulk_create(co_fundings, batch_size=batch_size)
    ctx.counts["label applications"] += len(applications)
    ctx.counts["committee decisions"] += len(decisions)
    log.save(batch_size=batch_size)
    return applications


def _attach(ctx: DemoContext, rng: random.Random, applications: list[LabelApplication]) -> None:
    made = []
    for application in applications:
        kinds = [Attachment.Kind.PROGRAMME, Attachment.Kind.BUDGET]
        if rng.random() < 0.5:
            kinds.append(Attachment.Kind.PARTNERSHIPS)
        uploaded_at = later(rng, application.created_at, 1, 4, until=application.submitted_at.date())
        made += attachments(rng, application, kinds, uploaded_at=min(uploaded_at, application.submitted_at))
    bulk_create_dated(Attachment, made, field="uploaded_at", batch_size=ctx.scale.batch_size)
    ctx.counts["attachments"] += len(made)


def _review(ctx, rng, call, dates: Calendar, staff: Staff, applications: list[LabelApplication]) -> None:
    """Every reviewer who may scores a sample of dossiers, those most reviewers may review first."""
    criteria = list(call.criteria.order_by("position"))
    pool = list(applications)
    rng.shuffle(pool)
    pool.sort(key=lambda application: -len(staff.reviewers_of_course(application.course)))
    outcomes = dict(
        CommitteeDecision.objects.filter(application__call=call)
        .exclude(outcome=Deferred)
        .values_list("application_id", "outcome")
    )
    assignments, scores = [], []
    until = dates.committee - datetime.timedelta(days=10)
    for application in pool[: REVIEWED_DOSSIERS.get(ctx.scale.name, 0)]:
        for reviewer in staff.reviewers_of_course(application.course):
            assigned_at = dates.review_starts + datetime.timedelta(minutes=rng.randint(0, 120))
            assignment, made = review(
                rng,
                application,
                reviewer,
                criteria,
                assigned_by=staff.team,
                assigned_at=assigned_at,
                submitted_at=later(rng, assigned_at, 7, 60, until=until),
                strong=outcomes[application.pk] == Granted,
            )
            assignments.append(assignment)
            scores += made
    bulk_create_dated(ReviewAssignment, assignments, field="assigned_at", batch_size=ctx.scale.batch_size)
    Score.objects.bulk_create(scores, batch_size=ctx.scale.batch_size)
    ctx.counts["reviews"] += len(assignments)
