"""The demo's admissions, lived through event by event up to the demo's "now".

Applications arrive; selection teams invite, assess, rank and refuse; a selection publishes its call
order and its first offers; candidates accept, decline, let an offer expire or withdraw, and each
freed place goes to the next called; accepting an offer withdraws the candidate's other applications
for the same dates. Every move goes through the services' transition tables and leaves its log row,
so what is written afterwards is what the services would have left. Nothing here touches the database.
"""

import datetime
import heapq
import itertools
import random

from django.utils import translation
from django.utils.translation import gettext

from gen.admissions.models import Application, HeardFrom, Offer, RefusalReason
from gen.admissions.publics import publics_of
from gen.admissions.services.offers import answer_deadline
from gen.admissions.services.workflows import APPLICATION_WORKFLOW, OFFER_WORKFLOW, OPEN_STATES
from gen.demo.admissions.applicants import Applicants
from gen.demo.admissions.draws import Weighted
from gen.demo.admissions.paths import plan_slots
from gen.demo.admissions.plans import SessionPlan
from gen.demo.admissions.profiles import Person, PersonMaker
from gen.demo.admissions.slots import BY_CANDIDATE, BY_SUBMITTER, OfferRecord, Slot
from gen.demo.admissions.staff import Prescriber
from gen.demo.labelling.dossiers import at
from gen.matching import call_order

State = Application.State

# How candidates answer an offer, and the share who give their place back before the session starts.
ANSWERS = Weighted({"accept": 78, "decline": 10, "expire": 8, "withdraw": 4})
GIVE_BACK_SHARE = 0.03
# Places freed in the first week of the session still go to the next called; later, they stay empty.
LATE_OFFERS = datetime.timedelta(days=7)
# Candidates who heard of the course from France Travail or a Mission Locale, referred by an adviser.
REFERRED_SHARE = 0.33

RECEIVE, STEP, PUBLISH, ANSWER, GIVE_BACK = range(5)


class Selection:
    """A session's selection while the simulation runs."""

    __slots__ = ("ranked", "call", "next_call", "pending", "taken", "published_at", "last_rank", "last_call")

    def __init__(self):
        self.ranked: list[Slot] = []
        self.call: list[Slot] = []
        self.next_call = self.pending = self.taken = self.last_rank = self.last_call = 0
        self.published_at = None


class Simulation:
    def __init__(
        self,
        rng: random.Random,
        plans: list[SessionPlan],
        *,
        now: datetime.datetime,
        people: PersonMaker,
        prescribers: dict[tuple[str, str], Prescriber],
    ):
        self.rng = rng
        self.plans = plans
        self.now = now
        self.applicants = Applicants(rng, people)
        self.prescribers = prescribers
        self.selections = {plan.pk: Selection() for plan in plans}
        self.events: list[tuple] = []
        self.counter = itertools.count()
        with translation.override("fr"):
            self.reasons = {
                "withdrawn": gettext("Withdrawn by the candidate."),
                "declined": gettext("Offer declined."),
                "expired": gettext("Offer expired without an answer."),
                "no_answer": gettext("No answer before the deadline."),
                "released": gettext("Application withdrawn."),
                "elsewhere": gettext("Another offer was accepted for the same dates."),
                **{reason: str(RefusalReason(reason).label) for reason in RefusalReason.values},
            }

    def run(self) -> list[Person]:
        for plan in self.plans:
            plan_slots(self.rng, plan)
            self._at(plan.publish_at, PUBLISH, plan)
            for slot in plan.slots:
                self._at(slot.received_at, RECEIVE, slot)
        handlers = {
            RECEIVE: self._receive,
            STEP: self._step,
            PUBLISH: self._publish,
            ANSWER: self._answer,
            GIVE_BACK: self._give_back,
        }
        while self.events and self.events[0][0] <= self.now:
            moment, _, kind, subject, payload = heapq.heappop(self.events)
            handlers[kind](moment, subject, payload)
        for plan in self.plans:
            if self.selections[plan.pk].published_at is None:
                self._rank(plan)
        return self.applicants.persons

    def selection(self, plan: SessionPlan) -> Selection:
        return self.selections[plan.pk]

    def _at(self, moment: datetime.datetime, kind: int, subject, payload=None) -> None:
        heapq.heappush(self.events, (moment, next(self.counter), kind, subject, payload))

    def _receive(self, moment: datetime.datetime, slot: Slot, _payload) -> None:
        person = self.applicants.person_for(slot)
        slot.person = person
        person.slots.append(slot)
        prescribed = person.heard_from in (HeardFrom.FRANCE_TRAVAIL, HeardFrom.MISSION_LOCALE)
        if prescribed and self.rng.random() < REFERRED_SHARE:
            slot.referral = self.prescribers.get((slot.plan.region_code, person.heard_from))
        slot.state = State.RECEIVED
        slot.history.append(("", State.RECEIVED, moment, BY_SUBMITTER, ""))
        self._next_step(slot, 0)

    def _next_step(self, slot: Slot, index: int) -> None:
        if index < len(slot.steps):
            self._at(slot.steps[index][0], STEP, slot, index)

    def _step(self, moment: datetime.datetime, slot: Slot, index: int) -> None:
        if slot.state not in OPEN_STATES:  # withdrawn meanwhile, having accepted an offer elsewhere
            return
        _, target, detail = slot.steps[index]
        plan = slot.plan
        member = self._member(plan)
        if target == State.WITHDRAWN:
            self._withdraw(slot, moment, reason=self.reasons["withdrawn"])
        elif target == State.REFUSED:
            slot.refusal_reason, slot.refusal_comment, slot.score = detail
            self._move(slot, State.REFUSED, moment, member, self.reasons[slot.refusal_reason])
        elif target == State.RANKED:
            slot.score = detail
            self._move(slot, State.RANKED, moment, member)
            selection = self.selection(plan)
            if selection.published_at is None:
                selection.ranked.append(slot)
            else:  # at the end of the ranking and of the call order; a free place may be waiting
                selection.last_rank += 1
                selection.last_call += 1
                slot.rank, slot.call_position = selection.last_rank, selection.last_call
                selection.call.append(slot)
                self._send_offers(plan, moment, member)
        else:
            self._move(slot, target, moment, member)
        self._next_step(slot, index + 1)

    def _publish(self, moment: datetime.datetime, plan: SessionPlan, _payload) -> None:
        """Freeze the ranking and the call order, send the first offers (none ranked: nothing to do)."""
        ranking = self._rank(plan)
        if not ranking:
            return
        groups = {rate.public: [] for rate in plan.rates}
        for index, slot in enumerate(ranking):
            for public in publics_of(slot.person, plan.start) & groups.keys():
                groups[public].append(index)
        order = call_order(
            range(len(ranking)),
            groups,
            {rate.public: rate.rate for rate in plan.rates},
            [rate.public for rate in plan.rates],
        )
        selection = self.selection(plan)
        selection.call = [ranking[index] for index in order]
        for position, slot in enumerate(selection.call, start=1):
            slot.call_position = position
        selection.last_rank = selection.last_call = len(ranking)
        selection.published_at = moment
        self._send_offers(plan, moment, self._member(plan))

    def _rank(self, plan: SessionPlan) -> list[Slot]:
        """The ranked applications by score, best first (earliest received first among equals)."""
        ranking = sorted(
            (slot for slot in self.selection(plan).ranked if slot.state == State.RANKED),
            key=lambda slot: (-slot.score, slot.received_at),
        )
        for rank, slot in enumerate(ranking, start=1):
            slot.rank = rank
        return ranking

    def _send_offers(self, plan: SessionPlan, moment: datetime.datetime, actor) -> None:
        """Offers to the next called, up to the free places."""
        if moment.date() >= plan.start + LATE_OFFERS:
            return
        selection = self.selection(plan)
        free = plan.capacity - selection.taken - selection.pending
        while free > 0 and selection.next_call < len(selection.call):
            slot = selection.call[selection.next_call]
            selection.next_call += 1
            if slot.state != State.RANKED or slot.offer is not None:
                continue
            offer = OfferRecord(slot, moment, answer_deadline(moment, plan.response_days))
            offer.state = Offer.State.PENDING
            offer.history.append(("", Offer.State.PENDING, moment, actor, ""))
            slot.offer = offer
            selection.pending += 1
            free -= 1
            answer = ANSWERS.draw(self.rng)
            if answer == "expire":
                # The nightly job, after the last day.
                self._at(at(offer.deadline.date() + datetime.timedelta(days=1), 1), ANSWER, offer, answer)
            else:
                self._at(
                    moment + (offer.deadline - moment) * self.rng.uniform(0.02, 0.98), ANSWER, offer, answer
                )

    def _answer(self, moment: datetime.datetime, offer: OfferRecord, answer: str) -> None:
        if offer.state != Offer.State.PENDING:  # cancelled meanwhile
            return
        slot = offer.slot
        plan = slot.plan
        selection = self.selection(plan)
        if answer == "withdraw":
            self._withdraw(slot, moment, reason=self.reasons["withdrawn"])
            return
        selection.pending -= 1
        offer.closed_at = moment
        if answer == "accept":
            offer.answered_at = moment
            self._move(offer, Offer.State.ACCEPTED, moment, BY_CANDIDATE)
            self._move(slot, State.ADMITTED, moment, BY_CANDIDATE)
            selection.taken += 1
            self._withdraw_overlapping(slot, moment)
            if (
                self.rng.random() < GIVE_BACK_SHARE
                and moment.date() + datetime.timedelta(days=2) < plan.start
            ):
                self._at(moment + (at(plan.start, 0) - moment) * self.rng.uniform(0.1, 0.9), GIVE_BACK, slot)
            return
        if answer == "decline":
            offer.answered_at = moment
            self._move(offer, Offer.State.DECLINED, moment, BY_CANDIDATE)
            self._move(slot, State.WITHDRAWN, moment, BY_CANDIDATE, self.reasons["declined"])
        else:
            self._move(offer, Offer.State.EXPIRED, moment, None, self.reasons["no_answer"])
            self._move(slot, State.WITHDRAWN, moment, None, self.reasons["expired"])
        self._send_offers(plan, moment, None)

    def _give_back(self, moment: datetime.datetime, slot: Slot, _payload) -> None:
        if slot.state == State.ADMITTED:
            self._withdraw(slot, moment, reason=self.reasons["withdrawn"])

    def _withdraw(self, slot: Slot, moment: datetime.datetime, *, reason: str) -> None:
        """The candidate withdraws; a pending or accepted offer is released to the next called."""
        self._move(slot, State.WITHDRAWN, moment, BY_CANDIDATE, reason)
        offer = slot.offer
        if offer is None or offer.state not in (Offer.State.PENDING, Offer.State.ACCEPTED):
            return
        selection = self.selection(slot.plan)
        if offer.state == Offer.State.PENDING:
            selection.pending -= 1
            offer.closed_at = moment
        else:
            selection.taken -= 1
        self._move(offer, Offer.State.CANCELLED, moment, BY_CANDIDATE, self.reasons["released"])
        self._send_offers(slot.plan, moment, None)

    def _withdraw_overlapping(self, admitted: Slot, moment: datetime.datetime) -> None:
        reason = self.reasons["elsewhere"]
        for other in admitted.person.slots:
            if other is admitted or other.state not in OPEN_STATES or not other.plan.overlaps(admitted.plan):
                continue
            self._move(other, State.WITHDRAWN, moment, BY_CANDIDATE, reason)
            offer = other.offer
            if offer is not None and offer.state == Offer.State.PENDING:
                self.selection(other.plan).pending -= 1
                offer.closed_at = moment
                self._move(offer, Offer.State.CANCELLED, moment, BY_CANDIDATE, reason)
                self._send_offers(other.plan, moment, None)

    def _move(self, subject, target: str, moment: datetime.datetime, actor, reason: str = "") -> None:
        workflow = OFFER_WORKFLOW if isinstance(subject, OfferRecord) else APPLICATION_WORKFLOW
        if not workflow.can_move(subject, target):
            raise ValueError(f"{subject.state} → {target} is not in the workflow.")
        subject.history.append((subject.state, target, moment, actor, reason))
        subject.state = target

    def _member(self, plan: SessionPlan):
        return self.rng.choice(plan.actors) if plan.actors else None
