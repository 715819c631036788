"""Admissions' work for the worker: offers' deadlines, data retention, national rounds."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gen.accounts.models import User
from gen.admissions.models import Campaign
from gen.admissions.services.offers import offers_expire, offers_remind
from gen.admissions.services.retention import personal_data_purge
from gen.admissions.services.rounds import round_apply
from gen.jobs.progress import Progress
from gen.jobs.registry import JobResult


def offers_expire_job(progress: Progress) -> str:
    now = timezone.now()
    progress.step(_("Reminders"))
    reminded = offers_remind(now=now)
    progress.step(_("Expiry"))
    expired = offers_expire(now=now)
    return _("Reminders sent: %(reminded)d. Offers expired, their places passed on: %(expired)d.") % {
        "reminded": reminded,
        "expired": expired,
    }


def personal_data_purge_job(progress: Progress) -> str:
    purge = personal_data_purge(now=timezone.now(), track=progress)
    return _(
        "Candidates anonymised: %(candidates)d (applications stripped of their texts: %(applications)d, "
        "selection notes deleted: %(notes)d). Accounts without a profile deleted: %(accounts)d."
    ) % {
        "candidates": purge.candidates,
        "applications": purge.applications,
        "notes": purge.notes,
        "accounts": purge.accounts,
    }


def admissions_round_job(
    progress: Progress, *, campaign: str, acting_user_id: int | None = None, skip_unfrozen: bool = False
) -> JobResult:
    """The national round of a campaign, applied (see `gen admissions-round` for a dry run)."""
    from gen.jobs.services import job_start  # the round's e-mails go out right after it

    found = Campaign.objects.get(slug=campaign)
    acting_user = User.objects.filter(pk=acting_user_id).first() if acting_user_id else None
    result = round_apply(campaign=found, acting_user=acting_user, skip_unfrozen=skip_unfrozen, track=progress)
    job_start(name="outbox-send")
    return JobResult(
        summary=_(
            "Candidates placed: %(placed)d (on their first wish: %(first)d); without a place: %(unplaced)d. "
            "Offers written, e-mails on their way."
        )
        % {"placed": result.placed, "first": result.placed_first_wish, "unplaced": result.unplaced},
        url=reverse("admissions:team_campaign", kwargs={"slug": found.slug}),
    )
