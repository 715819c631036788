"""What each application of a session will go through, planned before anything happens: when it
arrives, and the selection team's steps until it is ranked or refused (or the candidate withdraws).

A session ranks about `ranked_per_place` candidates per place among the applications decided before
its offers go out; applications arriving later are decided afterwards, ranked at the end of the call
order for some. The simulation then plays the steps in time order, and skips those of applications
withdrawn meanwhile.
"""

import datetime
import random
from decimal import Decimal

from gen.admissions.models import Application, RefusalReason
from gen.demo.admissions import texts
from gen.demo.admissions.draws import Weighted
from gen.demo.admissions.plans import SessionPlan
from gen.demo.admissions.slots import Slot
from gen.demo.labelling.dossiers import at

State = Application.State

# Applications arrive all along the window, more of them in the first weeks.
ARRIVAL_SKEW = 1.4
# Days from receipt to the invitation, from it to the meeting (tests, interview), then to the decision.
STEP_DAYS = ((1, 6), (3, 12), (1, 5))
# Decided before publication: at most this share of them ranked.
RANKED_SHARE_MAX = 0.7
# Received too late to be decided before publication: ranked afterwards, at the end of the call order.
LATE_RANKED_SHARE = 0.25
# Publication comes this long after the last decisions it takes into account.
DECIDED_BEFORE_PUBLICATION = datetime.timedelta(days=2)
# What becomes of the applications that are not ranked.
UNRANKED_FATES = Weighted(
    {"refused_on_file": 20, "absent": 20, "refused_after_assessment": 50, "withdrawn": 10}
)
RANKED_SCORES = [Decimal(tenths) / 10 for tenths in range(100, 200, 5)]
LOW_SCORES = [Decimal(tenths) / 10 for tenths in range(40, 110, 5)]


def plan_slots(rng: random.Random, plan: SessionPlan) -> None:
    """Fill `plan.slots`: every application the session will receive, with its steps."""
    first, last = at(plan.opens, 7), at(plan.closes, 23)
    arrivals = sorted(first + (last - first) * rng.random() ** ARRIVAL_SKEW for _ in range(plan.applicants))
    plan.slots = [Slot(plan, moment) for moment in arrivals]
    decided_by = plan.publish_at - DECIDED_BEFORE_PUBLICATION
    in_time = [slot for slot in plan.slots if slot.received_at < decided_by]
    ranked_count = min(round(plan.capacity * plan.ranked_per_place), round(RANKED_SHARE_MAX * len(in_time)))
    ranked = set(rng.sample(range(len(in_time)), ranked_count))
    for index, slot in enumerate(plan.slots):
        if index < len(in_time):
            fate = "ranked" if index in ranked else UNRANKED_FATES.draw(rng)
            slot.steps = _steps(rng, slot, fate, until=decided_by)
        else:
            fate = "ranked" if rng.random() < LATE_RANKED_SHARE else UNRANKED_FATES.draw(rng)
            slot.steps = _steps(rng, slot, fate, until=None)
        slot.motivation = texts.motivation(rng)
        slot.availability = texts.availability(rng, plan.start)


def _steps(rng: random.Random, slot: Slot, fate: str, *, until: datetime.datetime | None) -> list[tuple]:
    """(when, to state, what) of each step; fitted before `until` when given."""
    gaps = [datetime.timedelta(days=rng.uniform(*days)) for days in STEP_DAYS]
    total = sum(gaps, datetime.timedelta())
    start = slot.received_at
    if until is not None and start + total > until:
        gaps = [gap * ((until - start) / total) for gap in gaps]
    moments, moment = [], start
    for gap in gaps:
        moment = _office_time(rng, moment + gap, after=moments[-1] if moments else start)
        moments.append(moment)
    invited, assessed, decided = moments
    if fate == "ranked":
        return [
            (invited, State.INVITED, None),
            (assessed, State.ASSESSING, None),
            (decided, State.RANKED, rng.choice(RANKED_SCORES)),
        ]
    if fate == "refused_on_file":
        return [(invited, State.REFUSED, (*texts.refusal(rng, texts.REASONS_ON_FILE), None))]
    if fate == "absent":
        reason = (RefusalReason.ABSENT, rng.choice(texts.REFUSAL_COMMENTS[RefusalReason.ABSENT]), None)
        return [(invited, State.INVITED, None), (assessed, State.REFUSED, reason)]
    if fate == "refused_after_assessment":
        reason = (*texts.refusal(rng, texts.REASONS_AFTER_ASSESSMENT), rng.choice(LOW_SCORES))
        return [
            (invited, State.INVITED, None),
            (assessed, State.ASSESSING, None),
            (decided, State.REFUSED, reason),
        ]
    # Withdrawn by the candidate after none, one or both of the first steps.
    done = rng.randint(0, 2)
    steps = [(invited, State.INVITED, None), (assessed, State.ASSESSING, None)][:done]
    before = moments[done - 1] if done else start
    steps.append((before + (moments[done] - before) * rng.uniform(0.2, 0.9), State.WITHDRAWN, None))
    return steps


def _office_time(
    rng: random.Random, moment: datetime.datetime, *, after: datetime.datetime
) -> datetime.datetime:
    """A working hour of the day of `moment`, never before `after`."""
    timed = at(moment.date(), rng.randint(9, 17), rng.choice((0, 10, 20, 30, 40, 50)))
    return max(timed, after + datetime.timedelta(minutes=10))
