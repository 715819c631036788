"""Follow-up surveys, planned, sent and reminded by the worker."""

from functools import partial

from django.utils import timezone
from django.utils.translation import gettext as _

from gen.jobs.progress import Progress
from gen.outcomes.services.surveys import surveys_remind, surveys_schedule, surveys_send_due


def surveys_send_job(progress: Progress) -> str:
    now = timezone.now()
    progress.step(_("Planning"))
    planned = surveys_schedule(now=now)
    sent = surveys_send_due(now=now, progress=partial(progress, desc=_("Surveys")))
    reminded = surveys_remind(now=now, progress=partial(progress, desc=_("Reminders")))
    return _("Surveys planned: %(planned)d, sent: %(sent)d, reminders sent: %(reminded)d.") % {
        "planned": planned,
        "sent": sent,
        "reminded": reminded,
    }
