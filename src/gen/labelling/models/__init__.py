from gen.labelling.models.applications import (
    Attachment,
    CoFunding,
    LabelApplication,
    LabelApplicationTransition,
)
from gen.labelling.models.calls import CallTransition, Criterion, LabellingCall
from gen.labelling.models.decisions import CommitteeDecision
from gen.labelling.models.labels import LABEL_VALIDITY_YEARS, Label, LabelTransition
from gen.labelling.models.reviews import ReviewAssignment, Score

__all__ = [
    "LABEL_VALIDITY_YEARS",
    "Attachment",
    "CallTransition",
    "CoFunding",
    "CommitteeDecision",
    "Criterion",
    "Label",
    "LabelApplication",
    "LabelApplicationTransition",
    "LabelTransition",
    "LabellingCall",
    "ReviewAssignment",
    "Score",
]
