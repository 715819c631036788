"""The named demo accounts, given what they are there to show, once the simulation has run.

- candidat@…: an offer to answer, a place on a waiting list and a refusal with its reason and comment:
  applications of people who applied once, handed over to the demo candidate. The offer and the
  waiting list are in the Pop School-like organisation's sessions published yesterday and the day
  before; the waiting application is taken from someone in the same priority publics as the person
  whose offer the demo candidate takes, so that the call order stays what their profile gives.
- conseillere.francetravail@…: about ten referrals in Hauts-de-France, in various states, moved from
  the region's France Travail agency to hers.
"""

import itertools

from gen.admissions.models import Application, HeardFrom, Offer
from gen.admissions.publics import publics_of
from gen.demo.admissions.plans import SessionPlan
from gen.demo.admissions.slots import Slot
from gen.demo.admissions.staff import Prescriber
from gen.demo.people import DemoUser
from gen.demo.scales import HAUTS_DE_FRANCE

State = Application.State
ADVISER_REFERRALS = 10


def hand_over(
    published: tuple[SessionPlan, ...], plans: list[SessionPlan], *, to: DemoUser, user_id: int
) -> None:
    """Give the demo candidate a pending offer and a waiting place in the `published` sessions, and a
    refusal before; nothing when those sessions have none to give."""
    for offered_plan, waiting_plan in itertools.permutations(published, 2):
        found = _offer_and_wait(offered_plan, waiting_plan)
        if found is None:
            continue
        offered, waiting = found
        person = offered.person
        person.user_id, person.first_name, person.last_name = user_id, to.first_name, to.last_name
        refused = next(
            (
                slot
                for plan in plans
                if plan.region_code == offered_plan.region_code and plan.start < offered_plan.opens
                for slot in plan.slots
                if _alone(slot) and slot.state == State.REFUSED and slot.refusal_comment
            ),
            None,
        )
        for slot in (waiting, refused):
            if slot is not None:
                slot.person.slots.remove(slot)
                slot.person = person
                person.slots.append(slot)
        person.slots.sort(key=lambda slot: slot.received_at)
        return


def _offer_and_wait(offered_plan: SessionPlan, waiting_plan: SessionPlan) -> tuple[Slot, Slot] | None:
    offered = [
        slot
        for slot in offered_plan.slots
        if _alone(slot) and slot.offer is not None and slot.offer.state == Offer.State.PENDING
    ]
    last_called = max((slot.call_position for slot in waiting_plan.slots if slot.offer), default=0)
    waiting = [
        slot
        for slot in waiting_plan.slots
        if _alone(slot) and slot.state == State.RANKED and slot.offer is None and slot.call_position
        if slot.call_position > last_called
    ]
    for offer_slot, waiting_slot in itertools.product(offered, waiting):
        day = waiting_plan.start
        if publics_of(offer_slot.person, day) == publics_of(waiting_slot.person, day):
            return offer_slot, waiting_slot
    return None


def _alone(slot: Slot) -> bool:
    """Received, the person's only application, made by themselves."""
    return slot.person is not None and len(slot.person.slots) == 1 and slot.referral is None


def refer_by_adviser(
    plans: list[SessionPlan], prescribers: dict[tuple[str, str], Prescriber], adviser: Prescriber
) -> int:
    """Move about ten referrals of the Hauts-de-France agency to the demo adviser, a state of each in
    turn (the latest first); returns how many."""
    agency = prescribers.get((HAUTS_DE_FRANCE, HeardFrom.FRANCE_TRAVAIL))
    by_state: dict[tuple[str, str], list[Slot]] = {}
    for plan in plans:
        for slot in plan.slots:
            if agency is not None and slot.referral == agency:
                by_state.setdefault((slot.state, slot.offer.state if slot.offer else ""), []).append(slot)
    queues = [
        sorted(slots, key=lambda slot: slot.received_at, reverse=True)
        for _, slots in sorted(by_state.items())
    ]
    moved = 0
    for slot in itertools.chain.from_iterable(itertools.zip_longest(*queues)):
        if moved == ADVISER_REFERRALS:
            break
        if slot is not None:
            slot.referral = adviser
            moved += 1
    return moved
