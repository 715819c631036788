"""Minimum rates of priority publics per session, defaulting to the commitments of the course's label."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gen.admissions.models import MinimumRate, Selection
from gen.admissions.publics import Public
from gen.catalogue.models import Session
from gen.labelling.models import Label

# The label dossier's commitments (shares of learners) that become minimum rates.
COMMITMENT_FIELDS = {
    Public.BAC_LEVEL_OR_BELOW: "share_low_qualification",
    Public.UNDER_26: "share_young",
    Public.WOMEN: "share_women",
    Public.QPV_ZRR: "share_qpv_zrr",
    Public.JOB_SEEKERS: "share_job_seekers",
}


@dataclass(frozen=True)
class Rate:
    public: str
    rate: int
    precedence: int

    @property
    def label(self) -> str:
        return Public(self.public).label


def label_commitments(session: Session) -> dict[str, int]:
    """The commitments of the dossier behind the course's label in force, public by public."""
    label = (
        Label.objects.in_force(timezone.localdate())
        .filter(course_id=session.course_id, application__isnull=False)
        .select_related("application")
        .first()
    )
    if label is None:
        return {}
    shares = {public: getattr(label.application, field) for public, field in COMMITMENT_FIELDS.items()}
    return {public: share for public, share in shares.items() if share}


def minimum_rates_of(session: Session) -> list[Rate]:
    """The session's rates, best precedence first: saved ones, or else the label's commitments."""
    saved = [Rate(r.public, r.rate, r.precedence) for r in session.minimum_rates.order_by("precedence")]
    if saved:
        return saved
    commitments = label_commitments(session)
    ordered = [public for public in Public.values if public in commitments]
    return [Rate(public, commitments[public], position) for position, public in enumerate(ordered, start=1)]


@transaction.atomic
def minimum_rates_save(
    *, session: Session, rates: dict[str, int], precedence: list[str], acting_user
) -> None:
    """Replace the session's rates. `rates` maps publics to percents (0 drops the public)."""
    if Selection.objects.filter(session=session, call_order_frozen_at__isnull=False).exists():
        raise ValidationError(_("The call order is frozen: the minimum rates can no longer change."))
    unknown = (set(rates) | set(precedence)) - set(Public.values)
    if unknown:
        raise ValidationError(_("Unknown public: %(publics)s.") % {"publics": ", ".join(sorted(unknown))})
    if any(not 0 <= rate <= 100 for rate in rates.values()):
        raise ValidationError(_("A minimum rate is a percentage between 0 and 100."))
    kept = {public: rate for public, rate in rates.items() if rate}
    if len(precedence) != len(set(precedence)) or not set(kept) <= set(precedence):
        raise ValidationError(_("Give every public with a minimum rate a distinct place in the precedence."))
    session.minimum_rates.all().delete()
    ordered = [public for public in precedence if public in kept]
    MinimumRate.objects.bulk_create(
        MinimumRate(session=session, public=public, rate=kept[public], precedence=position)
        for position, public in enumerate(ordered, start=1)
    )


@transaction.atomic
def selection_save(
    *, session: Session, rates: dict[str, int], precedence: list[str], response_days: int, acting_user
) -> Selection:
    """The selection rules of a session: its minimum rates and the days given to answer an offer."""
    minimum_rates_save(session=session, rates=rates, precedence=precedence, acting_user=acting_user)
    selection, _created = Selection.objects.select_for_update().get_or_create(session=session)
    selection.response_days = response_days
    selection.full_clean(exclude=["session"])
    selection.save(update_fields=["response_days"])
    return selection
