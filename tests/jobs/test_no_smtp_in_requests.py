"""A web request never talks to the mail server: it writes to the outbox, and the worker sends."""

import smtplib

import pytest
from django.urls import reverse

from gen.notifications.models import OutboxMessage
from tests.factories import UserFactory
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db


class NoSMTP(smtplib.SMTP):
    opened = 0

    def __init__(self, *args, **kwargs):
        type(self).opened += 1
        raise AssertionError("SMTP opened")


def test_a_request_that_sends_an_e_mail_opens_no_smtp_connection(client, settings, monkeypatch):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    monkeypatch.setattr(smtplib, "SMTP", NoSMTP)
    UserFactory(email="camille@example.org")

    response = client.post(reverse("accounts:password_reset"), {"email": "camille@example.org"})

    assert response.status_code == 302
    assert NoSMTP.opened == 0
    assert OutboxMessage.objects.filter(to="camille@example.org", sent_at__isnull=True).count() == 1
    # The worker is the one that connects.
    run_queued_tasks()
    assert NoSMTP.opened == 1
