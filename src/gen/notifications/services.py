"""Write e-mails into the outbox, and send what it holds (in the worker, never in a web request)."""

import datetime
import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from gen.notifications.models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# After the n-th failed attempt, the next one waits RETRY_DELAYS[n - 1]: a mail server down for a few
# minutes costs a few minutes, one down for a day is tried until the next day.
RETRY_DELAYS = [
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=10),
    datetime.timedelta(hours=1),
    datetime.timedelta(hours=6),
]


def email_render(template: str, context: dict) -> tuple[str, str]:
    """The subject and body of `<template>_subject.txt` and `<template>.txt`, in French."""
    context = {"PLATFORM_NAME": settings.PLATFORM_NAME, "SITE_URL": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    return subject, body


def email_enqueue(*, to: str, template: str, context: dict, kind: str) -> OutboxMessage:
    """Render the e-mail (see `email_render`), write it to the outbox and queue its sending.

    The message and the worker's task are written in the caller's transaction (the task queue is in
    the same database): both exist once it commits, neither if it rolls back, and the worker sends it
    a moment later. No web request ever talks to the mail server.
    """
    subject, body = email_render(template, context)
    return email_enqueue_rendered(to=to, subject=subject, body=body, kind=kind)


def email_enqueue_rendered(*, to: str, subject: str, body: str, kind: str) -> OutboxMessage:
    """Write an e-mail already rendered (by Django's own forms) to the outbox and queue its sending."""
    from gen.notifications.tasks import email_send

    with transaction.atomic():
        message = OutboxMessage.objects.create(to=to, subject=subject, body=body, kind=kind)
        email_send.enqueue(message_id=message.pk)
    return message


def _due(now: datetime.datetime):
    return OutboxMessage.objects.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
        sent_at__isnull=True,
        attempts__lt=MAX_ATTEMPTS,
    )


def _attempt(message: OutboxMessage, *, connection, now: datetime.datetime) -> bool:
    """Send a locked message once; on failure, record the error and plan the next attempt (if any)."""
    from gen.notifications.tasks import email_send

    message.attempts += 1
    try:
        EmailMessage(message.subject, message.body, to=[message.to], connection=connection).send()
    except Exception as error:  # noqa: BLE001 - any transport error leaves it for a later attempt
        logger.warning(
            "E-mail %s to %s not sent (attempt %s): %s", message.pk, message.to, message.attempts, error
        )
        message.last_error = str(error)[:1000] or type(error).__name__
        if message.attempts < MAX_ATTEMPTS:
            message.next_attempt_at = now + RETRY_DELAYS[message.attempts - 1]
            email_send.using(run_after=message.next_attempt_at).enqueue(message_id=message.pk)
        message.save(update_fields=["attempts", "last_error", "next_attempt_at"])
        return False
    return True


def outbox_deliver(*, message_id: int) -> bool | None:
    """Try to send one message now: True if sent, False if it failed (a retry is planned while attempts
    remain), None if there was nothing to do (sent already, not due, or being sent by another worker)."""
    now = timezone.now()
    with transaction.atomic():
        message = _due(now).select_for_update(skip_locked=True).filter(pk=message_id).first()
        if message is None:
            return None
        if not _attempt(message, connection=None, now=now):
            return False
        message.sent_at = timezone.now()
        message.save(update_fields=["attempts", "sent_at"])
        return True


BATCH_SIZE = 100


def outbox_send(
    *,
    ids: list[int] | None = None,
    limit: int | None = 500,
    progress: Callable[..., Iterable] = lambda items, **options: items,
) -> tuple[int, int]:
    """Send the messages due (those given, or the oldest) over one connection to the mail server, a
    batch of messages per transaction; return (sent, failed). Never raises on transport errors: failures
    are retried later. Messages another worker is sending are skipped."""
    now = timezone.now()
    pending = _due(now).order_by("created_at", "pk")
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    message_ids = list(pending.values_list("pk", flat=True)[:limit])
    batches = [message_ids[start : start + BATCH_SIZE] for start in range(0, len(message_ids), BATCH_SIZE)]
    sent = failed = 0
    connection = get_connection()
    try:
        if message_ids:
            connection.open()  # kept open for every message, instead of one connection each
        for batch in progress(batches, desc="e-mails", unit=f" × {BATCH_SIZE}"):
            with transaction.atomic():
                messages = _due(now).select_for_update(skip_locked=True).filter(pk__in=batch).order_by("pk")
                outcomes = [
                    (message.pk, _attempt(message, connection=connection, now=now)) for message in messages
                ]
                delivered = [pk for pk, ok in outcomes if ok]
                OutboxMessage.objects.filter(pk__in=delivered).update(
                    sent_at=timezone.now(), attempts=F("attempts") + 1
                )
            sent += len(delivered)
            failed += len(outcomes) - len(delivered)
    finally:
        connection.close()
    return sent, failed


def outbox_failed():
    """The messages given up on after every attempt failed, for the people who watch the platform."""
    return OutboxMessage.objects.filter(sent_at__isnull=True, attempts__gte=MAX_ATTEMPTS)
