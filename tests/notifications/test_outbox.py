"""The outbox: e-mails exist only if their transaction committed, are sent by the worker (never by the
request that wrote them), and are tried again later, with growing delays, when sending fails."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gen.notifications.models import OutboxMessage
from gen.notifications.services import MAX_ATTEMPTS, RETRY_DELAYS, email_enqueue, outbox_failed, outbox_send
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db

FAILING_BACKEND = "tests.notifications.failing_backend.EmailBackend"


def enqueue(to="camille@example.org") -> OutboxMessage:
    return email_enqueue(
        to=to,
        template="admissions/emails/already_registered",
        context={"user": None, "login_url": "/comptes/connexion/"},
        kind="test.already_registered",
    )


def test_a_message_is_queued_with_its_task_and_sent_by_the_worker():
    message = enqueue()
    assert mail.outbox == []
    assert DBTaskResult.objects.ready().count() == 1

    assert run_queued_tasks() == 1
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 1
    (sent,) = mail.outbox
    assert (sent.to, sent.subject) == (["camille@example.org"], message.subject)
    assert "\n" not in message.subject
    assert DBTaskResult.objects.successful().get().return_value == "sent"


def test_a_rolled_back_change_leaves_neither_message_nor_task():
    try:
        with transaction.atomic():
            enqueue()
            raise RuntimeError("the change failed")
    except RuntimeError:
        pass

    assert not OutboxMessage.objects.exists() and not DBTaskResult.objects.exists()
    assert run_queued_tasks() == 0 and mail.outbox == []


def test_a_failed_send_is_tried_again_later_with_growing_delays(settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        message = enqueue()
        run_queued_tasks()
        message.refresh_from_db()
        assert (message.sent_at, message.attempts) == (None, 1)
        assert "refused" in message.last_error
        assert message.next_attempt_at == start + RETRY_DELAYS[0]
        # The retry waits for its time: nothing runs before it.
        assert run_queued_tasks() == 0

        delays = []
        for attempt in range(2, MAX_ATTEMPTS + 1):
            clock.move_to(message.next_attempt_at)
            assert run_queued_tasks() == 1
            previous = message.next_attempt_at
            message.refresh_from_db()
            assert message.attempts == attempt
            delays.append(message.next_attempt_at - previous if attempt < MAX_ATTEMPTS else None)
        assert delays == [*RETRY_DELAYS[1:], None]

        # Given up after the last attempt: shown as failed, never tried again.
        assert list(outbox_failed()) == [message]
        clock.move_to(start + datetime.timedelta(days=2))
        assert run_queued_tasks() == 0 and outbox_send() == (0, 0)


def test_the_sweep_sends_what_is_due_once_the_mail_server_is_back(settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    first, second = enqueue("a@example.org"), enqueue("b@example.org")
    run_queued_tasks()
    assert OutboxMessage.objects.filter(attempts=1, sent_at__isnull=True).count() == 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(timezone.now() + RETRY_DELAYS[0], tick=False):
        call_command("send_outbox")
        # The retries queued for the same messages find nothing left to do: nobody gets it twice.
        run_queued_tasks()
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "b@example.org"]
    first.refresh_from_db(), second.refresh_from_db()
    assert first.attempts == second.attempts == 2


def test_messages_written_in_bulk_wait_for_the_sweep():
    # A national round writes its e-mails in bulk, without a task each.
    OutboxMessage.objects.bulk_create(
        OutboxMessage(to=f"{n}@example.org", subject="Proposition", body="…", kind="test.bulk")
        for n in range(3)
    )
    assert outbox_send() == (3, 0)
    assert len(mail.outbox) == 3
