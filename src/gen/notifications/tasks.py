"""The worker's e-mail work: each message sent on its own task, queued with it; and the outbox's sweep,
which sends the messages whose retry is due and those written in bulk (national rounds)."""

from django.utils.translation import gettext as _
from django_tasks import task

from gen.jobs.progress import Progress
from gen.notifications.services import outbox_deliver, outbox_send


@task()
def email_send(message_id: int) -> str:
    outcome = outbox_deliver(message_id=message_id)
    return {True: "sent", False: "failed", None: "nothing to do"}[outcome]


def outbox_send_job(progress: Progress) -> str:
    sent, failed = outbox_send(limit=None, progress=progress)
    return _("E-mails sent: %(sent)d; failed, to be tried again later: %(failed)d.") % {
        "sent": sent,
        "failed": failed,
    }
