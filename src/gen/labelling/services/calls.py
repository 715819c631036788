"""Calls for labelling: created with the default criteria, then published, closed and decided."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gen.labelling.models import Criterion, LabelApplication, LabellingCall
from gen.labelling.models.calls import DEFAULT_MAX_SEED_GRANT_RATE
from gen.labelling.services.workflows import CALL_WORKFLOW
from gen.territories.models import Region

# (title, description, weight): the label's own criteria, editable per call.
DEFAULT_CRITERIA = [
    (
        "Publics visés et engagements sur les publics prioritaires",
        "Part de personnes de niveau bac ou infra, de jeunes, de femmes, d'habitants des QPV et ZRR, "
        "de demandeurs d'emploi ; moyens pour les atteindre.",
        3,
    ),
    (
        "Lien avec les employeurs et les besoins locaux de recrutement",
        "Entreprises partenaires, stages, besoins de recrutement du territoire pour les métiers visés.",
        3,
    ),
    ("Approche pédagogique", "Pédagogie active, projets, accompagnement des apprenants, équipe.", 2),
    (
        "Partenaires du sourcing",
        "France Travail, Missions Locales, associations : comment les candidats sont repérés et orientés.",
        2,
    ),
    ("Résultats attendus en emploi", "Taux de sorties vers l'emploi visés et suivi des apprenants.", 3),
    ("Budget et cofinancements", "Coût par apprenant, cofinanceurs engagés, soutenabilité.", 2),
]


@transaction.atomic
def call_create(
    *,
    title: str,
    text: str,
    opens_at: datetime.datetime,
    deadline: datetime.datetime,
    region_codes: list[str] | tuple[str, ...] = (),
    max_seed_grant_rate: Decimal = DEFAULT_MAX_SEED_GRANT_RATE,
    criteria: list[tuple[str, str, int]] | None = None,
    acting_user,
) -> LabellingCall:
    call = LabellingCall(
        title=title,
        slug=_unique_slug(title),
        text=text,
        opens_at=opens_at,
        deadline=deadline,
        max_seed_grant_rate=max_seed_grant_rate,
    )
    if deadline <= opens_at:
        raise ValidationError({"deadline": _("The deadline must come after the opening.")})
    call.full_clean()
    call.save()
    regions = list(Region.objects.filter(code__in=region_codes))
    if len(regions) != len(set(region_codes)):
        raise ValidationError({"regions": _("Unknown region code.")})
    call.regions.set(regions)
    Criterion.objects.bulk_create(
        Criterion(call=call, position=position, title=title, description=description, weight=weight)
        for position, (title, description, weight) in enumerate(criteria or DEFAULT_CRITERIA, start=1)
    )
    return call


def _unique_slug(title: str) -> str:
    base = slugify(title)[:200] or "appel"
    slug, number = base, 1
    while LabellingCall.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _locked(call: LabellingCall) -> LabellingCall:
    return LabellingCall.objects.select_for_update().get(pk=call.pk)


@transaction.atomic
def call_publish(call: LabellingCall, *, acting_user) -> LabellingCall:
    call = _locked(call)
    if not call.criteria.exists():
        raise ValidationError(_("A call needs at least one criterion before it is published."))
    CALL_WORKFLOW.move(call, to=LabellingCall.State.PUBLISHED, actor=acting_user)
    return call


@transaction.atomic
def call_close(call: LabellingCall, *, acting_user, now: datetime.datetime | None = None) -> LabellingCall:
    call = _locked(call)
    if (now or timezone.now()) < call.deadline:
        raise ValidationError(_("A call can only be closed after its deadline."))
    CALL_WORKFLOW.move(call, to=LabellingCall.State.CLOSED, actor=acting_user)
    return call


@transaction.atomic
def call_mark_decided(call: LabellingCall, *, acting_user) -> LabellingCall:
    call = _locked(call)
    waiting = call.applications.filter(
        state__in=[LabelApplication.State.SUBMITTED, LabelApplication.State.UNDER_REVIEW]
    ).count()
    if waiting:
        raise ValidationError(
            _("%(count)d dossiers still wait for a decision."), params={"count": waiting}, code="undecided"
        )
    CALL_WORKFLOW.move(call, to=LabellingCall.State.DECIDED, actor=acting_user)
    return call


def call_is_open(call: LabellingCall, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return call.state == LabellingCall.State.PUBLISHED and call.opens_at <= now <= call.deadline
