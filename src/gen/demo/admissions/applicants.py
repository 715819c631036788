"""Who applies: someone already in the running for the same dates (applying to several sessions at
once), someone turned down before applying again, or, most often, someone new."""

import random

from gen.admissions.models import Application
from gen.admissions.services.workflows import OPEN_STATES
from gen.demo.admissions.plans import SessionPlan
from gen.demo.admissions.profiles import Person, PersonMaker
from gen.demo.admissions.slots import Slot

State = Application.State

PARALLEL_SHARE = 0.10
REAPPLY_SHARE = 0.06
MAX_APPLICATIONS = 3
# Someone applying again is looked for among this many people of the region, the latest first.
TRIES = 8
RECENT = 300


class Applicants:
    def __init__(self, rng: random.Random, people: PersonMaker):
        self.rng = rng
        self.people = people
        # Everyone who applied, and by the region of their first session.
        self.persons: list[Person] = []
        self.pools: dict[str, list[Person]] = {}

    def person_for(self, slot: Slot) -> Person:
        """The person behind an application just received (a new one is remembered)."""
        plan = slot.plan
        pool = self.pools.setdefault(plan.region_code, [])
        draw = self.rng.random()
        if pool and draw < PARALLEL_SHARE + REAPPLY_SHARE:
            parallel = draw < PARALLEL_SHARE
            among = pool[-RECENT:] if parallel else pool
            for _ in range(TRIES):
                person = self.rng.choice(among)
                if _may_apply(person, plan, parallel=parallel):
                    return person
        person = self.people.make(region_code=plan.region_code, session_start=plan.start)
        pool.append(person)
        self.persons.append(person)
        return person


def _may_apply(person: Person, plan: SessionPlan, *, parallel: bool) -> bool:
    """Parallel: still in the running for overlapping dates, admitted nowhere then. Again: turned down
    or withdrawn everywhere, for earlier sessions."""
    slots = person.slots
    if len(slots) >= MAX_APPLICATIONS or any(slot.plan is plan for slot in slots):
        return False
    if parallel:
        return any(slot.state in OPEN_STATES and slot.plan.overlaps(plan) for slot in slots) and not any(
            slot.state == State.ADMITTED and slot.plan.overlaps(plan) for slot in slots
        )
    return all(
        slot.state in (State.REFUSED, State.WITHDRAWN) and slot.plan.start < plan.start for slot in slots
    )
