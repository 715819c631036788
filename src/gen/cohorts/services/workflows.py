"""The transition tables of cohorts: a target state and the states it may be reached from."""

from gen.cohorts.models import AgreementStatus, Enrolment, EnrolmentTransition, InternshipTransition
from gen.core.workflow import Workflow

Status = Enrolment.Status

ENROLMENT_WORKFLOW = Workflow(
    state_field="status",
    transitions={
        Status.DROPPED_OUT: frozenset({Status.ENROLLED}),
        Status.COMPLETED: frozenset({Status.ENROLLED}),
        # Undoing a drop-out or a completion recorded by mistake (see enrolments.UNDO_DAYS).
        Status.ENROLLED: frozenset({Status.DROPPED_OUT, Status.COMPLETED}),
    },
    log_model=EnrolmentTransition,
)

INTERNSHIP_WORKFLOW = Workflow(
    state_field="agreement_status",
    transitions={
        AgreementStatus.DRAFT: frozenset({AgreementStatus.SENT}),
        AgreementStatus.SENT: frozenset({AgreementStatus.DRAFT}),
        AgreementStatus.SIGNED: frozenset({AgreementStatus.DRAFT, AgreementStatus.SENT}),
        AgreementStatus.CANCELLED: frozenset(
            {AgreementStatus.DRAFT, AgreementStatus.SENT, AgreementStatus.SIGNED}
        ),
    },
    log_model=InternshipTransition,
)
