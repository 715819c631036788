"""Write e-mails into the outbox, and send what it holds."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from gen.notifications.models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def email_render(template: str, context: dict) -> tuple[str, str]:
    """The subject and body of `<template>_subject.txt` and `<template>.txt`, in French."""
    context = {"PLATFORM_NAME": settings.PLATFORM_NAME, "SITE_URL": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    return subject, body


def email_enqueue(*, to: str, template: str, context: dict, kind: str) -> OutboxMessage:
    """Render the e-mail (see `email_render`) and queue it for after commit."""
    subject, body = email_render(template, context)
    message = OutboxMessage.objects.create(to=to, subject=subject, body=body, kind=kind)
    transaction.on_commit(lambda: outbox_send(ids=[message.pk]))
    return message


def outbox_send(*, ids: list[int] | None = None, limit: int = 500) -> tuple[int, int]:
    """Send unsent messages (those given, or the oldest); return (sent, failed). Never raises on SMTP errors."""
    pending = OutboxMessage.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    sent = failed = 0
    for message_id in pending.values_list("pk", flat=True)[:limit]:
        with transaction.atomic():
            # Another worker may be sending it: skip what is locked, and what was sent meanwhile.
            message = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(pk=message_id, sent_at__isnull=True)
                .first()
            )
            if message is None:
                continue
            message.attempts += 1
            try:
                EmailMessage(message.subject, message.body, to=[message.to]).send()
            except Exception as error:  # noqa: BLE001 - any transport error leaves it for the next run
                logger.warning("E-mail %s to %s not sent: %s", message.pk, message.to, error)
                message.last_error = str(error)[:1000]
                message.save(update_fields=["attempts", "last_error"])
                failed += 1
                continue
            message.sent_at = timezone.now()
            message.save(update_fields=["attempts", "sent_at"])
            sent += 1
    return sent, failed
