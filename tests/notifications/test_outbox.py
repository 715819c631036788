"""The outbox: e-mails exist only if their transaction committed, and wait there when sending fails."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from gen.notifications.models import OutboxMessage
from gen.notifications.services import email_enqueue, outbox_send

pytestmark = pytest.mark.django_db


def enqueue(to="camille@example.org") -> OutboxMessage:
    return email_enqueue(
        to=to,
        template="admissions/emails/already_registered",
        context={"user": None, "login_url": "/comptes/connexion/"},
        kind="test.already_registered",
    )


def test_a_message_is_sent_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = enqueue()
        assert mail.outbox == []

    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 1
    (sent,) = mail.outbox
    assert (sent.to, sent.subject) == (["camille@example.org"], message.subject)
    assert "\n" not in message.subject


def test_a_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                enqueue()
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass

    assert callbacks == [] and mail.outbox == []
    assert not OutboxMessage.objects.exists()


def test_a_failed_send_waits_for_the_next_run(settings):
    message = enqueue()
    settings.EMAIL_BACKEND = "tests.notifications.failing_backend.EmailBackend"

    assert outbox_send() == (0, 1)
    message.refresh_from_db()
    assert (message.sent_at, message.attempts) == (None, 1)
    assert "refused" in message.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_outbox")
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 2
    assert outbox_send() == (0, 0)
