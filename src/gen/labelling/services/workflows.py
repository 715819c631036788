"""The transition tables of labelling: a target state and the states it may be reached from."""

from gen.core.workflow import Workflow
from gen.labelling.models import (
    CallTransition,
    Label,
    LabelApplication,
    LabelApplicationTransition,
    LabellingCall,
    LabelTransition,
)

Call, Application = LabellingCall.State, LabelApplication.State

CALL_WORKFLOW = Workflow(
    state_field="state",
    transitions={
        Call.PUBLISHED: frozenset({Call.DRAFT}),
        Call.CLOSED: frozenset({Call.PUBLISHED}),
        Call.DECIDED: frozenset({Call.CLOSED}),
    },
    log_model=CallTransition,
)

APPLICATION_WORKFLOW = Workflow(
    state_field="state",
    transitions={
        Application.SUBMITTED: frozenset({Application.DRAFT}),
        Application.UNDER_REVIEW: frozenset({Application.SUBMITTED}),
        Application.DECIDED: frozenset({Application.UNDER_REVIEW}),
    },
    log_model=LabelApplicationTransition,
)

LABEL_WORKFLOW = Workflow(
    state_field="status",
    transitions={
        Label.Status.SUSPENDED: frozenset({Label.Status.ACTIVE}),
        Label.Status.ACTIVE: frozenset({Label.Status.SUSPENDED}),
        Label.Status.WITHDRAWN: frozenset({Label.Status.ACTIVE, Label.Status.SUSPENDED}),
        Label.Status.EXPIRED: frozenset({Label.Status.ACTIVE, Label.Status.SUSPENDED}),
    },
    log_model=LabelTransition,
)
