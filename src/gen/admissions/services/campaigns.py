"""Campaigns of a national round: the national team gathers sessions; candidates order their wishes."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gen.admissions.models import AdmissionRound, Application, Campaign, CampaignSession, Candidate, Wish
from gen.admissions.services.workflows import OPEN_STATES
from gen.catalogue.models import Session


def campaign_create(
    *, name: str, slug: str, wishes_close_on: datetime.date, max_wishes: int = 5, acting_user
) -> Campaign:
    campaign = Campaign(name=name.strip(), slug=slug, wishes_close_on=wishes_close_on, max_wishes=max_wishes)
    campaign.full_clean()
    campaign.save()
    return campaign


@transaction.atomic
def campaign_sessions_add(
    *, campaign: Campaign, sessions: list[Session], acting_user
) -> list[CampaignSession]:
    """Join sessions to the campaign; a session takes part in one campaign at most."""
    if AdmissionRound.objects.filter(campaign=campaign).exists():
        raise ValidationError(_("The round of this campaign has run: its sessions can no longer change."))
    taken = CampaignSession.objects.filter(session__in=sessions).select_related("session", "campaign")
    if taken:
        raise ValidationError(
            _("Already in a campaign: %(sessions)s.")
            % {"sessions": ", ".join(f"{row.session} ({row.campaign})" for row in taken)}
        )
    return CampaignSession.objects.bulk_create(
        CampaignSession(campaign=campaign, session=session) for session in sessions
    )


def wishes_are_open(campaign: Campaign) -> bool:
    return timezone.localdate() <= campaign.wishes_close_on


@transaction.atomic
def wishes_save(
    *, candidate: Candidate, campaign: Campaign, application_ids: list[int], acting_user
) -> list[Wish]:
    """Replace the candidate's wishes in the campaign by these applications, preferred first.

    The round runs only once the wishes are closed, so it never reads wishes being saved.
    """
    # Two saves of the same candidate at once (a double click) wait for each other.
    Candidate.objects.select_for_update().filter(pk=candidate.pk).first()
    if not wishes_are_open(campaign):
        raise ValidationError(_("The wishes of this campaign are closed."))
    if len(application_ids) > campaign.max_wishes:
        raise ValidationError(
            _("You may give at most %(count)d wishes.") % {"count": campaign.max_wishes}, code="too_many"
        )
    if len(set(application_ids)) != len(application_ids):
        raise ValidationError(_("Each application may be given once among your wishes."), code="repeated")
    applications = Application.objects.filter(
        pk__in=application_ids,
        candidate=candidate,
        session__campaign_session__campaign=campaign,
        state__in=OPEN_STATES,
    )
    if applications.count() != len(application_ids):
        raise ValidationError(
            _("A wish must be one of your applications in progress to a session of this campaign."),
            code="not_eligible",
        )
    Wish.objects.filter(campaign=campaign, candidate=candidate).delete()
    return Wish.objects.bulk_create(
        Wish(campaign=campaign, candidate=candidate, application_id=application_id, rank=rank)
        for rank, application_id in enumerate(application_ids, start=1)
    )
