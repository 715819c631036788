"""Admissions in the demo: candidates and their applications to every session whose applications have
opened, about five per place; selections at every stage, offers and waiting lists, enrolments; the
France Travail agencies and Missions Locales that refer candidates; and what the named demo accounts
are there to show (see named.py).

The label step runs first: its commitments are the sessions' default minimum rates.
"""

from django.contrib.auth.hashers import make_password

from gen.accounts.models import User
from gen.admissions.models import (
    Application,
    ApplicationTransition,
    Candidate,
    MinimumRate,
    Offer,
    OfferTransition,
    Selection,
)
from gen.catalogue.models import Session
from gen.cohorts.models import Enrolment
from gen.demo.admissions import named
from gen.demo.admissions.plans import session_plans
from gen.demo.admissions.profiles import PersonMaker
from gen.demo.admissions.simulation import Simulation
from gen.demo.admissions.staff import build_staff
from gen.demo.admissions.writer import write
from gen.demo.context import DEMO_DOMAIN, DemoContext, demo_organisations
from gen.demo.labelling.dossiers import at
from gen.demo.people import DEMO_PASSWORD, DEMO_USERS

CANDIDATE = next(user for user in DEMO_USERS if user.local_part == "candidat")
# The demo's "now": early on its today, after the nightly jobs, before anybody's working day.
NOW_HOUR = 6


def build(ctx: DemoContext) -> None:
    rng = ctx.rng("admissions")
    plans, published = session_plans(ctx, rng)
    if not plans:
        return
    # One hash for all, as for the named demo users: hashing is slow on purpose.
    password = make_password(DEMO_PASSWORD)
    staff = build_staff(ctx, rng, {plan.organisation_id for plan in plans}, password)
    for plan in plans:
        plan.actors = staff.selectors.get(plan.organisation_id, ())
    simulation = Simulation(
        rng,
        plans,
        now=at(ctx.today, NOW_HOUR),
        people=PersonMaker(rng, ctx.reference, ctx.region_codes),
        prescribers=staff.prescribers,
    )
    persons = simulation.run()
    candidate = User.objects.filter(email=CANDIDATE.email).first()
    if candidate is not None:
        named.hand_over(published, plans, to=CANDIDATE, user_id=candidate.pk)
    if staff.adviser is not None:
        named.refer_by_adviser(plans, staff.prescribers, staff.adviser)
    write(ctx, simulation, [person for person in persons if person.slots], password)


def clear() -> None:
    """Remove what admissions wrote for demo sessions and demo users; the users go with the people step,
    the prescribers' structures with the organisations step. Logs first, then offers and applications
    with only their keys loaded: deleting them whole would load every row and its log."""
    sessions = Session.objects.filter(course__organisation__in=demo_organisations())
    Enrolment.objects.filter(session__in=sessions).delete()
    OfferTransition.objects.filter(subject__session__in=sessions).delete()
    Offer.objects.filter(session__in=sessions).only("pk").delete()
    ApplicationTransition.objects.filter(subject__session__in=sessions).delete()
    Application.objects.filter(session__in=sessions).only("pk").delete()
    Selection.objects.filter(session__in=sessions).delete()
    MinimumRate.objects.filter(session__in=sessions).delete()
    Candidate.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}").only("pk").delete()
