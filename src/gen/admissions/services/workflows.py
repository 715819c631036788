"""The transition tables of admissions: a target state and the states it may be reached from."""

from gen.admissions.models import Application, ApplicationTransition, Offer, OfferTransition
from gen.core.workflow import Workflow

State = Application.State
# States in which an application is still in the running.
OPEN_STATES = frozenset({State.RECEIVED, State.INVITED, State.ASSESSING, State.RANKED})

APPLICATION_WORKFLOW = Workflow(
    state_field="state",
    transitions={
        State.INVITED: frozenset({State.RECEIVED}),
        State.ASSESSING: frozenset({State.RECEIVED, State.INVITED, State.RANKED}),
        State.RANKED: frozenset({State.INVITED, State.ASSESSING}),
        State.ADMITTED: frozenset({State.RANKED}),
        State.REFUSED: frozenset({State.RECEIVED, State.INVITED, State.ASSESSING, State.RANKED}),
        State.WITHDRAWN: OPEN_STATES | {State.ADMITTED},
    },
    log_model=ApplicationTransition,
)

OFFER_WORKFLOW = Workflow(
    state_field="state",
    transitions={
        Offer.State.ACCEPTED: frozenset({Offer.State.PENDING}),
        Offer.State.DECLINED: frozenset({Offer.State.PENDING}),
        Offer.State.EXPIRED: frozenset({Offer.State.PENDING}),
        # An offer is cancelled when its candidate accepts elsewhere, withdraws, or gives the place back.
        Offer.State.CANCELLED: frozenset({Offer.State.PENDING, Offer.State.ACCEPTED}),
    },
    log_model=OfferTransition,
)
